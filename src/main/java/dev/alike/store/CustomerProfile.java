package dev.alike.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer's SKUs and interaction scores r_uj (capped per customer at build time), as stored for
 * the function.
 */
public record CustomerProfile(String customer, Map<String, Double> scores) {
  public CustomerProfile {
    if (customer == null || customer.isEmpty()) {
      throw new IllegalArgumentException("customer must be non-empty");
    }
    scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
  }
}
