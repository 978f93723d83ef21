package dev.alike.model;

import java.util.List;
import java.util.Locale;

/**
 * The similarities selectable by name ({@code --similarity}), with an optional parameter after a
 * colon: {@code cosine}, {@code jaccard}, {@code shrunk-cosine[:lambda]}, {@code tfidf}, {@code
 * bm25[:k1:b]}, {@code asymmetric[:alpha]}, and any of them with {@code +support:n} appended for a
 * minimum number of shared customers (e.g. {@code cosine+support:2}).
 */
public final class Similarities {
  /** Names accepted by {@link #parse}, for help texts. */
  public static final List<String> NAMES =
      List.of(
          "cosine",
          "jaccard",
          "shrunk-cosine[:lambda]",
          "tfidf",
          "bm25[:k1:b]",
          "asymmetric[:alpha]",
          "<any>+support:n");

  /** Default alpha of {@code asymmetric}: leans towards P(i | j), i.e. popular candidates. */
  static final double DEFAULT_ALPHA = 0.25;

  private Similarities() {}

  /**
   * The similarity named {@code spec}.
   *
   * @throws IllegalArgumentException for an unknown name or a bad parameter, naming it
   */
  public static ItemSimilarity parse(String spec) {
    String s = spec.trim().toLowerCase(Locale.ROOT);
    int plus = s.lastIndexOf("+support:");
    if (plus >= 0) {
      String count = s.substring(plus + "+support:".length());
      return new SupportThresholdSimilarity(parse(s.substring(0, plus)), intParam(count, spec));
    }
    String[] parts = s.split(":", -1);
    return switch (parts[0]) {
      case "cosine" -> noParams(parts, spec, new CosineSimilarity());
      case "jaccard" -> noParams(parts, spec, new JaccardSimilarity());
      case "tfidf" -> noParams(parts, spec, new TfIdfSimilarity());
      case "shrunk-cosine" ->
          new ShrunkCosineSimilarity(param(parts, 1, ShrunkCosineSimilarity.DEFAULT_LAMBDA, spec));
      case "asymmetric" -> new AsymmetricCosineSimilarity(param(parts, 1, DEFAULT_ALPHA, spec));
      case "bm25" ->
          new Bm25Similarity(
              param(parts, 1, Bm25Similarity.DEFAULT_K1, spec),
              param(parts, 2, Bm25Similarity.DEFAULT_B, spec));
      default ->
          throw new IllegalArgumentException(
              "unknown similarity \"" + spec + "\"; known: " + String.join(", ", NAMES));
    };
  }

  /** A parameter for names: 10.0 -> "10", 0.25 -> "0.25". */
  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static ItemSimilarity noParams(String[] parts, String spec, ItemSimilarity s) {
    if (parts.length > 1) {
      throw new IllegalArgumentException("similarity \"" + spec + "\" takes no parameter");
    }
    return s;
  }

  private static double param(String[] parts, int at, double fallback, String spec) {
    if (parts.length <= at || parts[at].isEmpty()) {
      return fallback;
    }
    try {
      return Double.parseDouble(parts[at]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "bad parameter \"" + parts[at] + "\" in similarity \"" + spec + "\"", e);
    }
  }

  private static int intParam(String text, String spec) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "bad support \"" + text + "\" in similarity \"" + spec + "\"", e);
    }
  }
}
