package dev.alike.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer's SKUs and interaction scores r_uj (capped per customer at build time), as stored for
 * the function, with when the customer last interacted with each SKU and which SKUs they bought
 * (for recently viewed and buy it again).
 *
 * @param seen SKU -> epoch seconds (&gt; 0) of the customer's newest event on it; SKUs whose events
 *     carried no time are absent
 * @param bought SKU -> epoch seconds of the customer's newest purchase of it, {@link #NO_TIME} when
 *     the purchases carried no time; SKUs never bought are absent
 * @param updates keys of the real-time updates added since the build wrote the profile ({@link
 *     ProfileAddition#key}), oldest first; empty for a profile as the build wrote it. A build's
 *     replacement drops them, which is how a replay after the build tells an update this profile
 *     already holds from one it lost (docs/events.md).
 */
public record CustomerProfile(
    String customer,
    Map<String, Double> scores,
    Map<String, Long> seen,
    Map<String, Long> bought,
    List<String> updates) {
  /**
   * A purchase time not known (events without one), stored as 0: no shop event happened at the
   * epoch.
   */
  public static final long NO_TIME = 0;

  /**
   * Times of SKUs the profile does not hold are dropped, so a profile cut to its cap or its
   * document budget keeps only its own SKUs' history.
   *
   * @throws IllegalArgumentException for an empty customer id or a negative time
   */
  public CustomerProfile {
    if (customer == null || customer.isEmpty()) {
      throw new IllegalArgumentException("customer must be non-empty");
    }
    scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    seen = times(seen, scores, "seen", 1);
    bought = times(bought, scores, "bought", NO_TIME);
    updates = List.copyOf(updates);
  }

  /** A profile without times or purchases. */
  public CustomerProfile(String customer, Map<String, Double> scores, List<String> updates) {
    this(customer, scores, Map.of(), Map.of(), updates);
  }

  /** A profile as the build writes it without times or purchases: no real-time updates. */
  public CustomerProfile(String customer, Map<String, Double> scores) {
    this(customer, scores, List.of());
  }

  private static Map<String, Long> times(
      Map<String, Long> times, Map<String, Double> scores, String name, long min) {
    if (times.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> kept = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : times.entrySet()) {
      if (e.getValue() < min) {
        throw new IllegalArgumentException(
            name + " time of SKU " + StoreException.abbreviate(e.getKey()) + " is " + e.getValue());
      }
      if (scores.containsKey(e.getKey())) {
        kept.put(e.getKey(), e.getValue());
      }
    }
    return Collections.unmodifiableMap(kept);
  }
}
