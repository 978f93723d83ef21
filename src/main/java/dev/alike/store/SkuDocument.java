package dev.alike.store;

import java.util.List;
import java.util.Map;

/**
 * Everything the function needs about one SKU in one read: its catalog data, its own top-k
 * neighbours ("similar products", best first), its reverse list (the SKUs that have it among their
 * top k, with s_ij; merged for "recommended for you") and its bought-together list (best first,
 * each entry with its {@link Neighbor#support}; empty without order ids).
 */
public record SkuDocument(
    String sku,
    String category,
    Map<String, String> attributes,
    List<Neighbor> similar,
    List<Neighbor> reverse,
    List<Neighbor> together) {
  public SkuDocument {
    if (sku == null || sku.isEmpty()) {
      throw new IllegalArgumentException("sku must be non-empty");
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    similar = List.copyOf(similar);
    reverse = List.copyOf(reverse);
    together = List.copyOf(together);
  }

  /** A document without a bought-together list. */
  public SkuDocument(
      String sku,
      String category,
      Map<String, String> attributes,
      List<Neighbor> similar,
      List<Neighbor> reverse) {
    this(sku, category, attributes, similar, reverse, List.of());
  }
}
