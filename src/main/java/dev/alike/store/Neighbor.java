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
 * @param support for a bought-together entry, the orders that had both SKUs; 0 where the list holds
 *     no support (similar, reverse, popular and trending lists)
 */
public record Neighbor(
    String sku,
    double score,
    String category,
    Map<String, String> attributes,
    double price,
    boolean available,
    int support) {
  public Neighbor {
    if (sku == null || sku.isEmpty()) {
      throw new IllegalArgumentException("neighbor sku must be non-empty");
    }
    if (support < 0) {
      throw new IllegalArgumentException("neighbor support must be >= 0, was " + support);
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** An available entry without a price or support. */
  public Neighbor(String sku, double score, String category, Map<String, String> attributes) {
    this(sku, score, category, attributes, Double.NaN, true, 0);
  }

  /** An available entry without a price, with support. */
  public Neighbor(
      String sku, double score, String category, Map<String, String> attributes, int support) {
    this(sku, score, category, attributes, Double.NaN, true, support);
  }

  /** An entry without support. */
  public Neighbor(
      String sku,
      double score,
      String category,
      Map<String, String> attributes,
      double price,
      boolean available) {
    this(sku, score, category, attributes, price, available, 0);
  }

  /** This entry with {@code support}. */
  public Neighbor withSupport(int count) {
    return new Neighbor(sku, score, category, attributes, price, available, count);
  }
}
