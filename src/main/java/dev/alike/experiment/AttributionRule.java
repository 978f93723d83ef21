package dev.alike.experiment;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which outcomes an answer is credited with: an outcome of one of {@code kinds} on a SKU the answer
 * served, by the same customer, at most {@code window} after the answer.
 *
 * <p>An outcome that came with an {@link AttributionToken} is credited to the answer of that
 * request id alone: when no recorded answer has that id, or it went to another customer or through
 * another placement, variant or model version, the token is forged (or names an answer outside the
 * report); when it is genuine but the answer did not serve the SKU or the outcome is outside the
 * window, the outcome is unattributed. Either way it is credited to nothing. A malformed token also
 * credits nothing: the front end meant some answer, and guessing which would credit answers it
 * never clicked. An outcome without a token goes to the latest qualifying answer before it. Each
 * outcome is credited once.
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
    String within = window.toString().substring(2).toLowerCase(Locale.ROOT);
    return "an outcome ("
        + String.join(
            ", ", kinds.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).sorted().toList())
        + ") of a served SKU by the same customer within "
        + within
        + " of the answer; with an attribution token, only the answer of its request id, when its"
        + " customer, placement, variant and model version match (else the token is forged) and"
        + " it served the SKU; a malformed token credits nothing; without one,"
        + " the latest qualifying answer";
  }
}
