package dev.alike.cli;

import dev.alike.model.FitOptions;
import dev.alike.model.Similarities;
import picocli.CommandLine.Option;

/**
 * {@code --k} and {@code --similarity}, shared by {@code build} and {@code bench} ({@code @Mixin}).
 */
final class FitMixin {
  @Option(
      names = "--k",
      defaultValue = "" + FitOptions.DEFAULT_K,
      description = "Neighbours per SKU (default ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--similarity",
      defaultValue = Similarities.DEFAULT,
      description = "Similarity: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
      completionCandidates = SimilarityNames.class)
  String similarity;

  /** The names {@code --help} lists as completion candidates. */
  static final class SimilarityNames extends java.util.ArrayList<String> {
    SimilarityNames() {
      super(Similarities.NAMES);
    }
  }
}
