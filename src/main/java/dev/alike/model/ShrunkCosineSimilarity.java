package dev.alike.model;

/**
 * Cosine damped by support: cos(i, j) * n_ij / (n_ij + lambda), n_ij the number of customers who
 * have both SKUs. Plain cosine gives 1.0 to two rare SKUs that share their only customer; shrinkage
 * pulls such pairs towards 0 until enough customers back them, and leaves well-supported pairs
 * almost unchanged (n_ij = 100, lambda = 10: x0.91). Costs a second accumulator in the product.
 */
public final class ShrunkCosineSimilarity extends PairwiseSimilarity {
  /** Default shrinkage: a pair needs 10 shared customers to keep half its cosine. */
  public static final double DEFAULT_LAMBDA = 10;

  private final double lambda;

  /**
   * @param lambda shrinkage in customers, >= 0 (0 is plain cosine)
   */
  public ShrunkCosineSimilarity(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("shrinkage lambda must be finite and >= 0, was " + lambda);
    }
    this.lambda = lambda;
  }

  @Override
  public String name() {
    return "shrunk-cosine:" + Similarities.format(lambda);
  }

  @Override
  public float entryValue(
      float score, int customerSkus, int skuCount, double columnTotal, double meanTotal) {
    return score;
  }

  @Override
  public boolean needsCounts() {
    return true;
  }

  @Override
  public boolean scoreIsDot() {
    return false;
  }

  @Override
  public double score(double dot, int coCount, ColumnStats i, ColumnStats j) {
    return dot * i.inverseNorm() * j.inverseNorm() * coCount / (coCount + lambda);
  }
}
