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

  /**
   * A partial entry, as a catalog update carries it: a field that is not null replaces that field
   * of the entry, a null field leaves it unchanged (so {@code available=false} alone hides a SKU
   * and keeps its category and attributes).
   *
   * @param attributes when not null, all of the SKU's attributes (replaced as a whole)
   * @param price when not null, finite and &gt;= 0
   */
  public record Change(
      String category,
      Map<String, String> attributes,
      Boolean available,
      String title,
      String description,
      Double price) {
    public Change {
      attributes = attributes == null ? null : Map.copyOf(attributes);
      if (price != null && !(price >= 0 && Double.isFinite(price))) {
        throw new IllegalArgumentException("price is not a finite number >= 0: " + price);
      }
    }

    /** {@code base} with this change's fields in place of its own. */
    public Entry applyTo(Entry base) {
      return new Entry(
          category != null ? category : base.category(),
          attributes != null ? attributes : base.attributes(),
          available != null ? available : base.available(),
          title != null ? title : base.title(),
          description != null ? description : base.description(),
          price != null ? price : base.price());
    }

    /**
     * A list entry with this change's category, attributes, price and availability in place of its
     * own (what filter expressions read).
     */
    public Neighbor applyTo(Neighbor base) {
      if (category == null && attributes == null && price == null && available == null) {
        return base;
      }
      return new Neighbor(
          base.sku(),
          base.score(),
          category != null ? category : base.category(),
          attributes != null ? attributes : base.attributes(),
          price != null ? price : base.price(),
          available != null ? available : base.available());
    }

    /** This change followed by {@code later}: later's fields win, this one's fill the rest. */
    public Change then(Change later) {
      return new Change(
          later.category != null ? later.category : category,
          later.attributes != null ? later.attributes : attributes,
          later.available != null ? later.available : available,
          later.title != null ? later.title : title,
          later.description != null ? later.description : description,
          later.price != null ? later.price : price);
    }

    /** Whether the change hides the SKU ({@code available: false}). */
    public boolean hides() {
      return Boolean.FALSE.equals(available);
    }
  }

  private static final Entry UNKNOWN = new Entry(null, Map.of(), true);

  /** The entry of a SKU the catalog does not name: available, no category, no attributes. */
  public static Entry unknown() {
    return UNKNOWN;
  }

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

  /** The catalog's SKU ids, in no particular order (a read-only view). */
  public java.util.Set<String> skus() {
    return java.util.Collections.unmodifiableSet(entries.keySet());
  }

  /** Number of SKUs in the catalog. */
  public int size() {
    return entries.size();
  }
}
