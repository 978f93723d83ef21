package dev.alike.model;

/** Per-column statistics shared by similarities. */
final class Columns {
  private Columns() {}

  /** 1 / ||column||_2 for each column, 0 for an empty column. */
  static double[] inverseNorms(int[] colPtr, float[] values) {
    double[] inverse = new double[colPtr.length - 1];
    for (int j = 0; j < inverse.length; j++) {
      double sq = 0;
      for (int e = colPtr[j]; e < colPtr[j + 1]; e++) {
        sq += (double) values[e] * values[e];
      }
      inverse[j] = PairwiseSimilarity.inverseNorm(sq);
    }
    return inverse;
  }

  /** Number of customers in each column. */
  static int[] counts(int[] colPtr) {
    int[] counts = new int[colPtr.length - 1];
    for (int j = 0; j < counts.length; j++) {
      counts[j] = colPtr[j + 1] - colPtr[j];
    }
    return counts;
  }

  /**
   * The CSR-aligned copy of CSC-aligned values, for similarities that compute their values by
   * column.
   */
  static float[] toRowOrder(InteractionMatrix m, float[] columnValues) {
    int[] rowPtr = m.rowPtr();
    int[] rowSkus = m.rowSkus();
    int[] colPtr = m.colPtr();
    int[] colCustomers = m.colCustomers();
    float[] rowValues = new float[columnValues.length];
    // Both orders are sorted, so walking each column in order visits each row's entries in order.
    int[] rowNext = java.util.Arrays.copyOf(rowPtr, rowPtr.length - 1);
    for (int j = 0; j < colPtr.length - 1; j++) {
      for (int e = colPtr[j]; e < colPtr[j + 1]; e++) {
        int u = colCustomers[e];
        int at = rowNext[u]++;
        assert rowSkus[at] == j;
        rowValues[at] = columnValues[e];
      }
    }
    return rowValues;
  }
}
