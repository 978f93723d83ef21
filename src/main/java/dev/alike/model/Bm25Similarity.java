package dev.alike.model;

/**
 * Dot product of BM25-weighted scores, as implicit's BM25Recommender: each entry of SKU i's column
 * becomes r_ui (K1 + 1) / (K1 * len(i) + r_ui) * idf(u), len(i) = (1 - B) + B * total(i) / mean
 * total, idf as in {@link TfIdfSimilarity}. K1 saturates large scores (a customer who bought 50
 * units is not 50 times the evidence); B discounts best-sellers, so unlike cosine the lists are not
 * normalised and popular neighbours keep more weight. Two knobs to tune; defaults are implicit's
 * (K1 = 1.2, B = 0.75).
 */
public final class Bm25Similarity extends PairwiseSimilarity {
  public static final double DEFAULT_K1 = 1.2;
  public static final double DEFAULT_B = 0.75;

  private final double k1;
  private final double b;

  /**
   * @param k1 score saturation, > 0
   * @param b length normalisation in [0, 1]
   */
  public Bm25Similarity(double k1, double b) {
    if (!(k1 > 0) || Double.isInfinite(k1)) {
      throw new IllegalArgumentException("BM25 K1 must be finite and > 0, was " + k1);
    }
    if (!(b >= 0 && b <= 1)) {
      throw new IllegalArgumentException("BM25 B must be in [0, 1], was " + b);
    }
    this.k1 = k1;
    this.b = b;
  }

  @Override
  public String name() {
    return "bm25:" + Similarities.format(k1) + ":" + Similarities.format(b);
  }

  /**
   * Idf from the customer's SKU count, length from the column's total and the mean total; the dot
   * of two columns is the score.
   */
  @Override
  public float entryValue(
      float score, int customerSkus, int skuCount, double columnTotal, double meanTotal) {
    return value(score, columnTotal, meanTotal, TfIdfSimilarity.idf(skuCount, customerSkus));
  }

  /** r (K1 + 1) / (K1 * len + r) * idf, len = (1 - B) + B * total / mean. */
  private float value(double r, double total, double mean, double idf) {
    double length = (1 - b) + b * total / mean;
    return (float) (r * (k1 + 1) / (k1 * length + r) * idf);
  }
}
