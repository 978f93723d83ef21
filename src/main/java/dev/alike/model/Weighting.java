package dev.alike.model;

/** Re-weighting helpers shared by the TF-IDF and BM25 similarities. */
final class Weighting {
  /**
   * Floor of the inverse document frequency: a customer holding (nearly) every SKU gets a tiny
   * positive weight rather than 0 or a negative one, because the product kernel needs every stored
   * value to be > 0.
   */
  static final double MIN_IDF = 1e-3;

  private Weighting() {}

  /** idf(u) = log(skus / (1 + |u|)) per customer, at least {@link #MIN_IDF}. */
  static double[] customerIdf(InteractionMatrix m) {
    int[] rowPtr = m.rowPtr();
    double n = m.skuCount();
    double[] idf = new double[m.customerCount()];
    for (int u = 0; u < idf.length; u++) {
      idf[u] = Math.max(MIN_IDF, Math.log(n / (1.0 + rowPtr[u + 1] - rowPtr[u])));
    }
    return idf;
  }

  /** Cosine between SKU columns of {@code rowValues} (CSR-aligned re-weighted scores). */
  static ItemSimilarity.Prepared cosineOver(InteractionMatrix m, float[] rowValues) {
    float[] colValues = columnOrder(m, rowValues);
    double[] inverseNorm = Columns.inverseNorms(m.colPtr(), colValues);
    return new ItemSimilarity.Prepared() {
      @Override
      public float[] rowValues() {
        return rowValues;
      }

      @Override
      public float[] columnValues() {
        return colValues;
      }

      @Override
      public double score(int i, int j, double dot, int coCount) {
        return dot * inverseNorm[i] * inverseNorm[j];
      }
    };
  }

  /** The CSC-aligned copy of CSR-aligned values. */
  static float[] columnOrder(InteractionMatrix m, float[] rowValues) {
    int[] rowPtr = m.rowPtr();
    int[] rowSkus = m.rowSkus();
    int[] next = java.util.Arrays.copyOf(m.colPtr(), m.skuCount());
    float[] colValues = new float[rowValues.length];
    // Rows are visited in customer order, so each column fills in customer order, as CSC is.
    for (int u = 0; u < m.customerCount(); u++) {
      for (int e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
        colValues[next[rowSkus[e]]++] = rowValues[e];
      }
    }
    return colValues;
  }
}
