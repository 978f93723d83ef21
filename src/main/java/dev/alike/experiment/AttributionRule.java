package dev.alike.experiment;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which outcomes an answer is credited with: an outcome of one of {@code kinds} on a SKU the answer
 * served, by the same customer, at most {@code window} after the answer. When several answers
 * qualify, the latest one before the outcome gets it (each outcome is credited once).
 */
public record AttributionRule(Duration window, Set<Outcome.Kind> kinds) {
  /** A click, cart or purchase within 24 hours. */
  public static final AttributionRule DEFAULT =
      new AttributionRule(Duration.ofHours(24), EnumSet.allOf(Outcome.Kind.class));

  public AttributionRule {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("attribution window must be positive: " + window);
    }
    kinds = Set.copyOf(kinds);
  }

  /** How the rule reads in a report. */
  public String describe() {
    return "an outcome ("
        + String.join(", ", kinds.stream().map(k -> k.name().toLowerCase()).sorted().toList())
        + ") of a served SKU by the same customer within "
        + window.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
        + " of the answer; the latest qualifying answer gets it";
  }
}
