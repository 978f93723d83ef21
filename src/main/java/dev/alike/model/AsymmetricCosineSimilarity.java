package dev.alike.model;

/**
 * Asymmetric cosine (Aiolli 2013): s_ij = a_i . a_j / (|a_i|^(2 alpha) |a_j|^(2 (1 - alpha))), i
 * the SKU being scored, j a SKU the customer has. alpha = 0.5 is cosine; alpha towards 0 approaches
 * the conditional P(i | j) and favours popular candidates (more accurate, less diverse); alpha
 * towards 1 approaches P(j | i) and favours rare candidates.
 */
public final class AsymmetricCosineSimilarity extends PairwiseSimilarity {
  private final double alpha;

  /**
   * @param alpha in [0, 1]
   */
  public AsymmetricCosineSimilarity(double alpha) {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("asymmetric cosine alpha must be in [0, 1], was " + alpha);
    }
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "asymmetric:" + Similarities.format(alpha);
  }

  @Override
  public float entryValue(
      float score, int customerSkus, int skuCount, double columnTotal, double meanTotal) {
    return score;
  }

  @Override
  public boolean scoreIsDot() {
    return false;
  }

  // inverseNorm = |a|^-1, so |a|^(-2 alpha) = inverseNorm^(2 alpha).
  @Override
  public double score(double dot, int coCount, ColumnStats i, ColumnStats j) {
    return dot * Math.pow(i.inverseNorm(), 2 * alpha) * Math.pow(j.inverseNorm(), 2 * (1 - alpha));
  }
}
