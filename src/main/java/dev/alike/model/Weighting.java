package dev.alike.model;

/** Re-weighting and cosine helpers shared by the similarities. */
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
    return cosine(rowValues, columnOrder(m, rowValues), m.colPtr());
  }

  /** Cosine between SKU columns of values given in both orders. */
  static ItemSimilarity.Prepared cosine(float[] rowValues, float[] colValues, int[] colPtr) {
    double[] inverseNorm = Columns.inverseNorms(colPtr, colValues);
    return ItemSimilarity.prepared(
        rowValues, colValues, false, (i, j, dot, coCount) -> dot * inverseNorm[i] * inverseNorm[j]);
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
