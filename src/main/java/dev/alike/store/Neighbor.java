package dev.alike.store;

import java.util.Map;

/**
 * One entry of a stored list: a SKU, its score, and the catalog data the function filters on
 * (category, attributes) so that filtering needs no extra reads.
 *
 * @param category null when the SKU has none (or there is no catalog)
 * @param attributes never null; empty when unknown
 */
public record Neighbor(String sku, double score, String category, Map<String, String> attributes) {
  public Neighbor {
    if (sku == null || sku.isEmpty()) {
      throw new IllegalArgumentException("neighbor sku must be non-empty");
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
