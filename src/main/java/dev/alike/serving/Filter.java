package dev.alike.serving;

import dev.alike.store.Neighbor;
import java.util.Map;
import java.util.Set;

/**
 * Which SKUs may be returned: an optional category, required attribute values, a filter {@link
 * Expression}, and SKUs to leave out. Tested against the catalog data carried in each {@link
 * Neighbor}, so filtering needs no store read.
 *
 * @param category required category, or null for any
 * @param attributes required attribute values (all must match exactly)
 * @param exclude SKUs never returned
 * @param where an expression every SKU must pass (a placement's filter and the request's {@code
 *     filter=}, joined by {@link #and}), or null for none
 */
public record Filter(
    String category, Map<String, String> attributes, Set<String> exclude, Expression where) {
  public static final Filter NONE = new Filter(null, Map.of(), Set.of());

  public Filter {
    attributes = Map.copyOf(attributes);
    exclude = Set.copyOf(exclude);
  }

  /** A filter without an expression. */
  public Filter(String category, Map<String, String> attributes, Set<String> exclude) {
    this(category, attributes, exclude, null);
  }

  /** A copy requiring {@code value} as category (null keeps the current one). */
  public Filter withCategory(String value) {
    return value == null ? this : new Filter(value, attributes, exclude, where);
  }

  /** A copy that also requires {@code e} (null keeps the current one). */
  public Filter and(Expression e) {
    return e == null ? this : new Filter(category, attributes, exclude, Expression.and(where, e));
  }

  /** Whether every SKU passes the category, attribute and expression rules. */
  public boolean passesAll() {
    return category == null && attributes.isEmpty() && where == null;
  }

  /**
   * Whether {@code n} passes the category, attribute and expression rules (exclusions are checked
   * apart).
   */
  public boolean matches(Neighbor n) {
    if (category != null && !category.equals(n.category())) {
      return false;
    }
    // the guard keeps an expression-only filter from allocating an iterator per candidate
    if (!attributes.isEmpty()) {
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        if (!e.getValue().equals(n.attributes().get(e.getKey()))) {
          return false;
        }
      }
    }
    return where == null || where.test(n);
  }
}
