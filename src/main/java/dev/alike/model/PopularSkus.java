package dev.alike.model;

/** The SKUs with the highest total score over all customers, best first: the fallback list. */
public final class PopularSkus {
  private final int[] skus;
  private final float[] scores;

  public PopularSkus(int[] skus, float[] scores) {
    if (skus.length != scores.length) {
      throw new IllegalArgumentException("skus and scores differ in length");
    }
    this.skus = skus;
    this.scores = scores;
  }

  /** The top {@code limit} SKUs of {@code matrix} by column sum of scores, ties by SKU id. */
  public static PopularSkus of(InteractionMatrix matrix, int limit) {
    int n = matrix.skuCount();
    int[] colPtr = matrix.colPtr();
    float[] values = matrix.colValues();
    TopK top = new TopK(Math.max(0, Math.min(limit, n)), matrix.skus());
    for (int j = 0; j < n; j++) {
      double total = 0;
      for (int e = colPtr[j]; e < colPtr[j + 1]; e++) {
        total += values[e];
      }
      if (total > 0) {
        top.offer(j, total);
      }
    }
    int[] items = new int[top.size()];
    float[] scores = new float[top.size()];
    top.drainInto(items, scores, 0);
    return new PopularSkus(items, scores);
  }

  public int size() {
    return skus.length;
  }

  public int sku(int rank) {
    return skus[rank];
  }

  public float score(int rank) {
    return scores[rank];
  }
}
