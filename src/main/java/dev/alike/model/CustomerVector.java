package dev.alike.model;

import java.util.Arrays;
import java.util.Map;

/**
 * A customer's interactions as parallel arrays of SKU indices (increasing) and scores r_uj; the
 * input to {@link Recommender#recommend}.
 */
public record CustomerVector(int[] skus, float[] scores) {
  public CustomerVector {
    if (skus.length != scores.length) {
      throw new IllegalArgumentException("skus and scores differ in length");
    }
  }

  /** A vector with no interactions. */
  public static CustomerVector empty() {
    return new CustomerVector(new int[0], new float[0]);
  }

  /**
   * The vector of {@code scoresById} over {@code index}: SKUs unknown to the index are ignored,
   * non-positive scores are ignored. {"sku0": 0.5, "sku1": 1, "unknown": 3} over {sku0, sku1, sku2}
   * becomes [0.5, 1, 0].
   */
  public static CustomerVector of(Map<String, ? extends Number> scoresById, IdIndex index) {
    int[] skus = new int[scoresById.size()];
    float[] scores = new float[scoresById.size()];
    int n = 0;
    for (Map.Entry<String, ? extends Number> e : scoresById.entrySet()) {
      int j = index.indexOf(e.getKey());
      float v = e.getValue().floatValue();
      if (j >= 0 && v > 0) {
        skus[n] = j;
        scores[n++] = v;
      }
    }
    return sorted(Arrays.copyOf(skus, n), Arrays.copyOf(scores, n));
  }

  /** Customer {@code u}'s row of {@code matrix}. */
  public static CustomerVector row(InteractionMatrix matrix, int u) {
    int from = matrix.rowPtr()[u];
    int to = matrix.rowPtr()[u + 1];
    return new CustomerVector(
        Arrays.copyOfRange(matrix.rowSkus(), from, to),
        Arrays.copyOfRange(matrix.rowValues(), from, to));
  }

  /** Number of SKUs in the vector. */
  public int size() {
    return skus.length;
  }

  /** The dense form over {@code skuCount} SKUs (tests and small examples only). */
  public double[] dense(int skuCount) {
    double[] dense = new double[skuCount];
    for (int e = 0; e < skus.length; e++) {
      dense[skus[e]] += scores[e];
    }
    return dense;
  }

  private static CustomerVector sorted(int[] skus, float[] scores) {
    Integer[] order = new Integer[skus.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(skus[a], skus[b]));
    int[] s = new int[skus.length];
    float[] v = new float[skus.length];
    int n = 0;
    for (int i = 0; i < order.length; i++) {
      int o = order[i];
      if (n > 0 && s[n - 1] == skus[o]) {
        v[n - 1] += scores[o];
      } else {
        s[n] = skus[o];
        v[n++] = scores[o];
      }
    }
    return new CustomerVector(Arrays.copyOf(s, n), Arrays.copyOf(v, n));
  }
}
