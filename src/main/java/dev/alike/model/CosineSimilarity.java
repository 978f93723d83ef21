package dev.alike.model;

/**
 * The design's similarity: cosine between SKU columns of the weighted scores, sim = D^-1 A^T A D^-1
 * with D the diagonal of column norms. Favours SKUs bought by the same customers with similar
 * intensity; tends to over-rate rare SKUs that share one or two customers.
 */
public final class CosineSimilarity extends PairwiseSimilarity {
  @Override
  public String name() {
    return "cosine";
  }

  @Override
  public float entryValue(
      float score, int customerSkus, int skuCount, double columnTotal, double meanTotal) {
    return score;
  }

  /** Every value is divided by its column's norm up front, so the product's dot is the cosine. */
  @Override
  public boolean normalizesColumns() {
    return true;
  }
}
