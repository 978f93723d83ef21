package dev.alike.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The optional product catalog: per SKU its category, attributes, availability and price. SKUs not
 * in the catalog count as available with no category and no attributes, so a partial catalog never
 * hides products; an empty catalog changes nothing.
 */
public final class Catalog {
  /**
   * One catalog line.
   *
   * @param category null when none
   * @param attributes never null
   * @param price NaN when none
   */
  public record Entry(
      String category, Map<String, String> attributes, boolean available, double price) {
    public Entry {
      attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** An entry without a price. */
    public Entry(String category, Map<String, String> attributes, boolean available) {
      this(category, attributes, available, Double.NaN);
    }
  }

  private static final Entry UNKNOWN = new Entry(null, Map.of(), true, Double.NaN);

  private final Map<String, Entry> entries;

  /** A catalog of {@code entries} (copied). */
  public Catalog(Map<String, Entry> entries) {
    this.entries = new HashMap<>(entries);
  }

  /** A catalog that knows no SKU. */
  public static Catalog empty() {
    return new Catalog(Map.of());
  }

  /** The entry of {@code sku}; for an unknown SKU, available with no category or attributes. */
  public Entry entry(String sku) {
    return entries.getOrDefault(sku, UNKNOWN);
  }

  /** Number of SKUs in the catalog. */
  public int size() {
    return entries.size();
  }
}
