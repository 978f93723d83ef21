package dev.alike.serving;

import dev.alike.store.Neighbor;
import java.util.Map;
import java.util.Set;

/**
 * Which SKUs may be returned: an optional category, required attribute values, and SKUs to leave
 * out. Tested against the catalog data carried in each {@link Neighbor}, so filtering needs no
 * store read.
 *
 * @param category required category, or null for any
 * @param attributes required attribute values (all must match exactly)
 * @param exclude SKUs never returned
 */
public record Filter(String category, Map<String, String> attributes, Set<String> exclude) {
  public static final Filter NONE = new Filter(null, Map.of(), Set.of());

  public Filter {
    attributes = Map.copyOf(attributes);
    exclude = Set.copyOf(exclude);
  }

  /** A copy requiring {@code value} as category (null keeps the current one). */
  public Filter withCategory(String value) {
    return value == null ? this : new Filter(value, attributes, exclude);
  }

  /** Whether {@code n} passes the category and attribute rules (exclusions are checked apart). */
  public boolean matches(Neighbor n) {
    if (category != null && !category.equals(n.category())) {
      return false;
    }
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (!e.getValue().equals(n.attributes().get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
