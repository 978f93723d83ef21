package dev.alike.store;

import java.util.List;
import java.util.Map;

/**
 * Everything the function needs about one SKU in one read: its catalog data, its own top-k
 * neighbours ("similar products", best first), its reverse list (the SKUs that have it among their
 * top k, with s_ij; merged for "recommended for you"), its bought-together list (best first, each
 * entry with its {@link Neighbor#support}; empty without order ids) and how often its buyers buy it
 * again.
 *
 * @param rebuy the SKU's repeat-purchase rate ({@link dev.alike.model.RepurchaseRates}), &gt;= 0; 0
 *     when nobody bought it twice or it is unavailable (it is then never offered again)
 * @param rebuyAfter the median seconds between two purchases of it by one customer; 0 when unknown
 */
public record SkuDocument(
    String sku,
    String category,
    Map<String, String> attributes,
    List<Neighbor> similar,
    List<Neighbor> reverse,
    List<Neighbor> together,
    double rebuy,
    long rebuyAfter) {
  public SkuDocument {
    if (sku == null || sku.isEmpty()) {
      throw new IllegalArgumentException("sku must be non-empty");
    }
    if (!(rebuy >= 0) || Double.isInfinite(rebuy) || rebuyAfter < 0) {
      throw new IllegalArgumentException(
          "rebuy must be finite and >= 0 and rebuyAfter >= 0, were " + rebuy + ", " + rebuyAfter);
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    similar = List.copyOf(similar);
    reverse = List.copyOf(reverse);
    together = List.copyOf(together);
  }

  /** A document without a bought-together list, of a SKU nobody buys again. */
  public SkuDocument(
      String sku,
      String category,
      Map<String, String> attributes,
      List<Neighbor> similar,
      List<Neighbor> reverse) {
    this(sku, category, attributes, similar, reverse, List.of(), 0, 0);
  }

  /** A document of a SKU nobody buys again. */
  public SkuDocument(
      String sku,
      String category,
      Map<String, String> attributes,
      List<Neighbor> similar,
      List<Neighbor> reverse,
      List<Neighbor> together) {
    this(sku, category, attributes, similar, reverse, together, 0, 0);
  }

  /** A document without a bought-together list. */
  public SkuDocument(
      String sku,
      String category,
      Map<String, String> attributes,
      List<Neighbor> similar,
      List<Neighbor> reverse,
      double rebuy,
      long rebuyAfter) {
    this(sku, category, attributes, similar, reverse, List.of(), rebuy, rebuyAfter);
  }
}
