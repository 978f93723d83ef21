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
 * @param variant the experiment variant this placement serves ({@link Experiments#DEFAULT} outside
 *     a running experiment)
 * @param model the model it is answered from ({@link Experiments#DEFAULT}: the job's normal build;
 *     else {@link Experiments#modelName} of a variant's similarity)
 */
public record Placement(
    String name,
    String list,
    Expression filter,
    List<Rule> rules,
    List<Pin> pins,
    Diversity diversity,
    int n,
    String variant,
    String model) {
  /**
   * List types of a product page: a placement showing one needs the page's {@code sku}, so an
   * experiment may switch to one only a placement that has the page's {@code sku} already.
   */
  public static final java.util.Set<String> PAGE_LISTS =
      java.util.Set.of("similar", "bought-together");

  public Placement {
    rules = List.copyOf(rules);
    pins = List.copyOf(pins);
  }

  /** A placement as configured, outside any experiment. */
  public Placement(
      String name,
      String list,
      Expression filter,
      List<Rule> rules,
      List<Pin> pins,
      Diversity diversity,
      int n) {
    this(name, list, filter, rules, pins, diversity, n, Experiments.DEFAULT, Experiments.DEFAULT);
  }

  /** This placement as variant {@code variant} serves it: its list type and model replaced. */
  Placement served(String variant, String list, String model) {
    return new Placement(name, list, filter, rules, pins, diversity, n, variant, model);
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
