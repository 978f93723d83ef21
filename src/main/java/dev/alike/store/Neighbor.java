package dev.alike.store;

import java.util.Map;

/**
 * One entry of a stored list: a SKU, its score, and the catalog data the function filters on
 * (category, attributes, price, availability) so that filtering needs no extra reads.
 *
 * @param category null when the SKU has none (or there is no catalog)
 * @param attributes never null; empty when unknown
 * @param price NaN when the catalog gives none
 * @param available false only when the catalog says so (the build drops unavailable SKUs from the
 *     lists it writes; a catalog update may mark a listed one unavailable later)
 */
public record Neighbor(
    String sku,
    double score,
    String category,
    Map<String, String> attributes,
    double price,
    boolean available) {
  public Neighbor {
    if (sku == null || sku.isEmpty()) {
      throw new IllegalArgumentException("neighbor sku must be non-empty");
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** An available entry without a price. */
  public Neighbor(String sku, double score, String category, Map<String, String> attributes) {
    this(sku, score, category, attributes, Double.NaN, true);
  }
}
