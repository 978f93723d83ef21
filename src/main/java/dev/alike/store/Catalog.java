package dev.alike.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The optional product catalog: per SKU its category, attributes, availability, title, description
 * and price. SKUs not in the catalog count as available with no category and no attributes, so a
 * partial catalog never hides products; an empty catalog changes nothing.
 */
public final class Catalog {
  /**
   * One catalog line.
   *
   * @param category null when none
   * @param attributes never null
   * @param title the product's name, null when none
   * @param description free text about the product, null when none
   * @param price finite and &gt;= 0, null when none
   */
  public record Entry(
      String category,
      Map<String, String> attributes,
      boolean available,
      String title,
      String description,
      Double price) {
    public Entry {
      attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
      if (price != null && !(price >= 0 && Double.isFinite(price))) {
        throw new IllegalArgumentException("price is not a finite number >= 0: " + price);
      }
    }

    /** An entry without title, description or price. */
    public Entry(String category, Map<String, String> attributes, boolean available) {
      this(category, attributes, available, null, null, null);
    }
  }

  private static final Entry UNKNOWN = new Entry(null, Map.of(), true);

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
