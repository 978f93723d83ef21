package dev.alike.model;

/**
 * Any similarity, but only for pairs of SKUs that at least {@code minSupport} customers have both
 * of (SAR's co-occurrence threshold). A hard cut: removes the noisy one-customer pairs that cosine
 * ranks high among rare SKUs, at the price of leaving rare SKUs with short or empty lists (they
 * then fall back to popular SKUs). Shrinkage ({@link ShrunkCosineSimilarity}) is the soft version.
 */
public final class SupportThresholdSimilarity extends PairwiseSimilarity {
  private final PairwiseSimilarity base;
  private final int minSupport;

  /**
   * @param base the similarity kept for supported pairs
   * @param minSupport shared customers a pair needs, >= 1 (1 keeps every co-occurring pair)
   */
  public SupportThresholdSimilarity(PairwiseSimilarity base, int minSupport) {
    if (minSupport < 1) {
      throw new IllegalArgumentException("minimum support must be >= 1, was " + minSupport);
    }
    this.base = base;
    this.minSupport = minSupport;
  }

  @Override
  public String name() {
    return base.name() + "+support:" + minSupport;
  }

  @Override
  public float entryValue(
      float score, int customerSkus, int skuCount, double columnTotal, double meanTotal) {
    return base.entryValue(score, customerSkus, skuCount, columnTotal, meanTotal);
  }

  @Override
  public boolean normalizesColumns() {
    return base.normalizesColumns();
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
    return coCount >= minSupport ? base.score(dot, coCount, i, j) : 0;
  }
}
