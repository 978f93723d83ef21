package dev.alike.model;

/**
 * Any similarity, but only for pairs of SKUs that at least {@code minSupport} customers have both
 * of (SAR's co-occurrence threshold). A hard cut: removes the noisy one-customer pairs that cosine
 * ranks high among rare SKUs, at the price of leaving rare SKUs with short or empty lists (they
 * then fall back to popular SKUs). Shrinkage ({@link ShrunkCosineSimilarity}) is the soft version.
 */
public final class SupportThresholdSimilarity implements ItemSimilarity {
  private final ItemSimilarity base;
  private final int minSupport;

  /**
   * @param base the similarity kept for supported pairs
   * @param minSupport shared customers a pair needs, >= 1 (1 keeps every co-occurring pair)
   */
  public SupportThresholdSimilarity(ItemSimilarity base, int minSupport) {
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
  public Prepared prepare(InteractionMatrix m) {
    Prepared inner = base.prepare(m);
    return ItemSimilarity.prepared(
        inner.rowValues(),
        inner.columnValues(),
        true,
        (i, j, dot, coCount) -> coCount >= minSupport ? inner.score(i, j, dot, coCount) : 0);
  }

  @Override
  public java.util.Optional<PairwiseSimilarity> pairwise() {
    return base.pairwise().map(this::supported);
  }

  private PairwiseSimilarity supported(PairwiseSimilarity inner) {
    return Weighting.pairwise(
        inner::entryValue,
        inner.normalizesColumns(),
        true,
        (dot, coCount, i, j) -> coCount >= minSupport ? inner.score(dot, coCount, i, j) : 0);
  }
}
