package dev.alike.serving;

import dev.alike.store.Neighbor;
import java.util.List;

/**
 * One slot of a shop as a merchandiser configures it ({@link Placements} reads them from a file):
 * which list it shows and how that list is shaped.
 *
 * @param name the name requests give as {@code placement=}
 * @param list the list type ({@code for-you}, {@code similar}, {@code trending}, {@code popular},
 *     or one registered later with {@link RecommendService#register})
 * @param filter what every item must pass, or null
 * @param rules boosts and buries, applied in order: each matching rule multiplies the score
 * @param pins SKUs put at fixed positions when they pass the filter, by position
 * @param diversity at most so many items per value in the top n, or null
 * @param n the list length when the request gives none
 */
public record Placement(
    String name,
    String list,
    Expression filter,
    List<Rule> rules,
    List<Pin> pins,
    Diversity diversity,
    int n) {
  public Placement {
    rules = List.copyOf(rules);
    pins = List.copyOf(pins);
  }

  /** A boost (factor above 1) or bury (below 1) of the candidates that match {@code when}. */
  public record Rule(Expression when, double factor) {}

  /** {@code sku} at {@code position} (1 is the first item). */
  public record Pin(String sku, int position) {}

  /**
   * At most {@code max} items per value of {@code by} ({@code category} or {@code attr.NAME});
   * items without the value share one.
   */
  public record Diversity(String by, int max) {
    /** The value of {@code by} in {@code e}, or null. */
    String valueOf(Neighbor e) {
      return by.equals("category") ? e.category() : e.attributes().get(by.substring(5));
    }
  }

  /** The product of the factors of the rules {@code e} matches (1 when none). */
  double factor(Neighbor e) {
    double f = 1;
    for (Rule r : rules) {
      if (r.when().test(e)) {
        f *= r.factor();
      }
    }
    return f;
  }
}
