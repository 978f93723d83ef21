package dev.alike.model;

import java.util.List;
import java.util.Locale;

/**
 * The similarities selectable by name ({@code --similarity}), with an optional parameter after a
 * colon: {@code cosine}, {@code jaccard}, {@code shrunk-cosine[:lambda]}, {@code tfidf}, {@code
 * bm25[:k1:b]}, {@code asymmetric[:alpha]}, {@code ease[:C[:lambda[:base]]]} (the regression on
 * each SKU's C best candidates by {@code base}, TF-IDF unless named, e.g. {@code
 * ease:200:300:tfidf}), and any of them with {@code +support:n} appended for a minimum number of
 * shared customers (e.g. {@code cosine+support:2}).
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
          "ease[:C[:lambda[:base]]]",
          "<any>+support:n");

  /**
   * The default similarity of a build ({@link FitOptions#defaults()}, {@code --similarity}, {@code
   * ALIKE_SIMILARITY}): the restricted regression on TF-IDF candidates, which the offline
   * evaluation found best on MovieLens 100k, 1M and Online Retail (docs/quality.md).
   */
  public static final String DEFAULT = "ease";

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
    if (s.equals("ease") || s.startsWith("ease:")) {
      return ease(s.split(":", 4), spec);
    }
    int plus = s.lastIndexOf("+support:");
    if (plus >= 0) {
      String count = s.substring(plus + "+support:".length());
      if (!(parse(s.substring(0, plus)) instanceof PairwiseSimilarity inner)) {
        throw new IllegalArgumentException(
            "put +support on EASE's base, as in ease:200:300:cosine+support:2, not \""
                + spec
                + "\"");
      }
      return new SupportThresholdSimilarity(inner, intParam(count, spec));
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

  /** {@code ease[:C[:lambda[:base]]]}, split at most 4 ways so the base keeps its own colons. */
  private static ItemSimilarity ease(String[] parts, String spec) {
    double candidates = param(parts, 1, EaseSimilarity.DEFAULT_CANDIDATES, spec);
    if (candidates != Math.rint(candidates) || candidates < 1 || candidates > 100_000) {
      throw new IllegalArgumentException(
          "EASE candidates \"" + parts[1] + "\" in similarity \"" + spec + "\" must be 1..100000");
    }
    double lambda = param(parts, 2, EaseSimilarity.DEFAULT_LAMBDA, spec);
    ItemSimilarity parsed =
        parts.length > 3 && !parts[3].isEmpty() ? parse(parts[3]) : new TfIdfSimilarity();
    if (!(parsed instanceof PairwiseSimilarity base)) {
      throw new IllegalArgumentException("EASE cannot pick candidates by EASE: \"" + spec + "\"");
    }
    try {
      return new EaseSimilarity((int) candidates, lambda, base);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " in similarity \"" + spec + "\"", e);
    }
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
