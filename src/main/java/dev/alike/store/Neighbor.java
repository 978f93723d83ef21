package dev.alike.store;

import java.util.Map;

/**
 * One entry of a stored list: a SKU, its score, and the catalog data the function filters on
 * (category, attributes) so that filtering needs no extra reads.
 *
 * @param category null when the SKU has none (or there is no catalog)
 * @param attributes never null; empty when unknown
 * @param support for a bought-together entry, the orders that had both SKUs; 0 where the list holds
 *     no support (similar, reverse, popular and trending lists)
 */
public record Neighbor(
    String sku, double score, String category, Map<String, String> attributes, int support) {
  public Neighbor {
    if (sku == null || sku.isEmpty()) {
      throw new IllegalArgumentException("neighbor sku must be non-empty");
    }
    if (support < 0) {
      throw new IllegalArgumentException("neighbor support must be >= 0, was " + support);
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** An entry without support. */
  public Neighbor(String sku, double score, String category, Map<String, String> attributes) {
    this(sku, score, category, attributes, 0);
  }
}
