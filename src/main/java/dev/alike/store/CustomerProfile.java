package dev.alike.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer's SKUs and interaction scores r_uj (capped per customer at build time), as stored for
 * the function.
 *
 * @param updates keys of the real-time updates added since the build wrote the profile ({@link
 *     ProfileAddition#key}), oldest first; empty for a profile as the build wrote it. A build's
 *     replacement drops them, which is how a replay after the build tells an update this profile
 *     already holds from one it lost (docs/events.md).
 */
public record CustomerProfile(String customer, Map<String, Double> scores, List<String> updates) {
  public CustomerProfile {
    if (customer == null || customer.isEmpty()) {
      throw new IllegalArgumentException("customer must be non-empty");
    }
    scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    updates = List.copyOf(updates);
  }

  /** A profile as the build writes it: no real-time updates. */
  public CustomerProfile(String customer, Map<String, Double> scores) {
    this(customer, scores, List.of());
  }
}
