package dev.alike.model;

import java.util.Arrays;

/**
 * A customer's interactions as parallel arrays of SKU indices (increasing) and scores r_uj; the
 * input to {@link dev.alike.serving.ModelScorer#recommend}.
 */
public record CustomerVector(int[] skus, float[] scores) {
  public CustomerVector {
    if (skus.length != scores.length) {
      throw new IllegalArgumentException("skus and scores differ in length");
    }
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
}
