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
        ones,
        ones,
        false,
        (i, j, dot, coCount) -> {
          double union = counts[i] + counts[j] - dot;
          return union > 0 ? dot / union : 0;
        });
  }
}
