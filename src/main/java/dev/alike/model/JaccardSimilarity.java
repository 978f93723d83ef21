package dev.alike.model;

/**
 * Jaccard on co-occurrence counts, as Microsoft Recommenders' SAR computes it: |U_i and U_j| /
 * (|U_i| + |U_j| - |U_i and U_j|), ignoring the scores' size. Between raw co-occurrence counts
 * (which favour best-sellers) and lift (which favours rare SKUs).
 */
public final class JaccardSimilarity extends PairwiseSimilarity {
  @Override
  public String name() {
    return "jaccard";
  }

  /** 1 for every entry: the dot of two columns is the number of customers they share. */
  @Override
  public float entryValue(
      float score, int customerSkus, int skuCount, double columnTotal, double meanTotal) {
    return 1f;
  }

  @Override
  public boolean scoreIsDot() {
    return false;
  }

  /** |U_i and U_j| / |U_i or U_j|. */
  @Override
  public double score(double dot, int coCount, ColumnStats i, ColumnStats j) {
    double union = i.count() + j.count() - dot;
    return union > 0 ? dot / union : 0;
  }
}
