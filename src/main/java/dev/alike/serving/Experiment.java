package dev.alike.serving;

import java.util.List;

/**
 * One experiment of the placements file ({@link Experiments} reads it): variants that share the
 * traffic of some placements.
 *
 * @param name the experiment's name (hashed with each unit, so renaming reshuffles everyone)
 * @param placements the placements whose requests it splits
 * @param variants in declaration order, which is the order of their shares on [0, 1)
 * @param stopped every request gets the placement as configured, as variant {@code default}
 * @param promote the variant everyone gets, or null
 */
public record Experiment(
    String name, List<String> placements, List<Variant> variants, boolean stopped, String promote) {
  public Experiment {
    placements = List.copyOf(placements);
    variants = List.copyOf(variants);
  }

  /**
   * One arm of an experiment.
   *
   * @param share its fraction of the units, in (0, 1]
   * @param list the list type it shows instead of the placement's, or null (the placement's)
   * @param similarity the similarity spec of its model ({@code --similarity}), or null (the job's
   *     normal build, model {@code default})
   */
  public record Variant(String name, double share, String list, String similarity) {
    /** The store's name of its model: {@link Experiments#modelName} of its similarity. */
    public String model() {
      return similarity == null ? Experiments.DEFAULT : Experiments.modelName(similarity);
    }
  }

  /** The variants requests are served: none when stopped, the promoted one, or all. */
  public List<Variant> served() {
    if (stopped) {
      return List.of();
    }
    return promote == null
        ? variants
        : variants.stream().filter(v -> v.name().equals(promote)).toList();
  }
}
