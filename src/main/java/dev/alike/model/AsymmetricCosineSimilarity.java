package dev.alike.model;

/**
 * Asymmetric cosine (Aiolli 2013): s_ij = a_i . a_j / (|a_i|^(2 alpha) |a_j|^(2 (1 - alpha))), i
 * the SKU being scored, j a SKU the customer has. alpha = 0.5 is cosine; alpha towards 0 approaches
 * the conditional P(i | j) and favours popular candidates (more accurate, less diverse); alpha
 * towards 1 approaches P(j | i) and favours rare candidates.
 */
public final class AsymmetricCosineSimilarity implements ItemSimilarity {
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
  public Prepared prepare(InteractionMatrix m) {
    float[] rowValues = m.rowValues();
    float[] colValues = m.colValues();
    double[] inverseNorm = Columns.inverseNorms(m.colPtr(), colValues);
    int n = inverseNorm.length;
    double[] candidateFactor = new double[n];
    double[] sourceFactor = new double[n];
    for (int i = 0; i < n; i++) {
      candidateFactor[i] = candidateFactor(inverseNorm[i]);
      sourceFactor[i] = sourceFactor(inverseNorm[i]);
    }
    return ItemSimilarity.prepared(
        rowValues,
        colValues,
        false,
        (i, j, dot, coCount) -> dot * candidateFactor[i] * sourceFactor[j]);
  }

  @Override
  public java.util.Optional<PairwiseSimilarity> pairwise() {
    return java.util.Optional.of(
        Weighting.pairwise(
            Weighting.EntryValue.RAW,
            false,
            false,
            (dot, coCount, i, j) ->
                dot * candidateFactor(i.inverseNorm()) * sourceFactor(j.inverseNorm())));
  }

  // inverseNorm = |a|^-1, so |a|^(-2 alpha) = inverseNorm^(2 alpha).
  private double candidateFactor(double inverseNorm) {
    return Math.pow(inverseNorm, 2 * alpha);
  }

  private double sourceFactor(double inverseNorm) {
    return Math.pow(inverseNorm, 2 * (1 - alpha));
  }
}
