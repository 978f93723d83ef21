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
      idf[u] = idf(n, rowPtr[u + 1] - rowPtr[u]);
    }
    return idf;
  }

  /**
   * idf of a customer with {@code customerSkus} SKUs among {@code skus}: see {@link #customerIdf}.
   */
  static double idf(double skus, int customerSkus) {
    return Math.max(MIN_IDF, Math.log(skus / (1.0 + customerSkus)));
  }

  /**
   * Cosine between SKU columns of {@code rowValues} (CSR-aligned scores). Every value is divided by
   * its column's norm up front, so the product's dot is already the cosine: the kernel then scores
   * a pair without touching two more per-SKU arrays (a cache miss each on large catalogues). The
   * norms are summed row by row, which visits each column's entries in customer order, the order of
   * the CSC arrays: the same sums as a column pass, without first transposing the values.
   */
  static ItemSimilarity.Prepared cosine(InteractionMatrix m, float[] rowValues) {
    int[] rowSkus = m.rowSkus();
    double[] inverseNorm = new double[m.skuCount()];
    for (int e = 0; e < rowValues.length; e++) {
      inverseNorm[rowSkus[e]] += (double) rowValues[e] * rowValues[e];
    }
    for (int j = 0; j < inverseNorm.length; j++) {
      double sq = inverseNorm[j];
      inverseNorm[j] = sq > 0 ? 1.0 / Math.sqrt(sq) : 0.0;
    }
    float[] normalizedRow = new float[rowValues.length];
    for (int e = 0; e < rowValues.length; e++) {
      normalizedRow[e] = (float) (rowValues[e] * inverseNorm[rowSkus[e]]);
    }
    return ItemSimilarity.prepared(
        normalizedRow, columnOrder(m, normalizedRow), false, ItemSimilarity.PairScore.DOT);
  }

  /** The CSC-aligned copy of CSR-aligned values. */
  static float[] columnOrder(InteractionMatrix m, float[] rowValues) {
    return Transpose.of(m.rowPtr(), m.rowSkus(), rowValues, m.skuCount()).values();
  }
}
