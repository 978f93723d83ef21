package dev.alike.model;

/**
 * Jaccard on co-occurrence counts, as Microsoft Recommenders' SAR computes it: |U_i and U_j| /
 * (|U_i| + |U_j| - |U_i and U_j|), ignoring the scores' size. Between raw co-occurrence counts
 * (which favour best-sellers) and lift (which favours rare SKUs).
 */
public final class JaccardSimilarity implements ItemSimilarity {
  @Override
  public String name() {
    return "jaccard";
  }

  @Override
  public Prepared prepare(InteractionMatrix m) {
    float[] ones = new float[m.nnz()];
    java.util.Arrays.fill(ones, 1f);
    int[] counts = Columns.counts(m.colPtr());
    return ItemSimilarity.prepared(
        ones, ones, false, (i, j, dot, coCount) -> score(dot, counts[i], counts[j]));
  }

  @Override
  public java.util.Optional<PairwiseSimilarity> pairwise() {
    return java.util.Optional.of(
        Weighting.pairwise(
            (score, customerSkus, skuCount) -> 1f,
            false,
            false,
            (dot, coCount, i, j) -> score(dot, i.count(), j.count())));
  }

  /** |U_i and U_j| / |U_i or U_j|, the dot of ones being the intersection. */
  private static double score(double dot, int countI, int countJ) {
    double union = countI + countJ - dot;
    return union > 0 ? dot / union : 0;
  }
}
