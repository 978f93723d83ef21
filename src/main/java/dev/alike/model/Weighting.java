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
      inverseNorm[j] = PairwiseSimilarity.inverseNorm(inverseNorm[j]);
    }
    float[] normalizedRow = new float[rowValues.length];
    for (int e = 0; e < rowValues.length; e++) {
      normalizedRow[e] = PairwiseSimilarity.normalize(rowValues[e], inverseNorm[rowSkus[e]]);
    }
    return ItemSimilarity.prepared(
        normalizedRow, columnOrder(m, normalizedRow), false, ItemSimilarity.PairScore.DOT);
  }

  /** A cosine over entry values {@code value}: columns normalised, the dot is the score. */
  static PairwiseSimilarity pairwiseCosine(EntryValue value) {
    return pairwise(value, true, false, (dot, coCount, i, j) -> dot);
  }

  /** A {@link PairwiseSimilarity} from its parts, entry values not reading column totals. */
  static PairwiseSimilarity pairwise(
      EntryValue value, boolean normalizes, boolean needsCounts, PairwiseScore score) {
    return pairwise(
        (s, customerSkus, skuCount, columnTotal, meanTotal) -> value.of(s, customerSkus, skuCount),
        normalizes,
        needsCounts,
        score);
  }

  /** A {@link PairwiseSimilarity} from its parts. */
  static PairwiseSimilarity pairwise(
      ColumnEntryValue value, boolean normalizes, boolean needsCounts, PairwiseScore score) {
    return new PairwiseSimilarity() {
      @Override
      public float entryValue(
          float s, int customerSkus, int skuCount, double columnTotal, double meanTotal) {
        return value.of(s, customerSkus, skuCount, columnTotal, meanTotal);
      }

      @Override
      public boolean normalizesColumns() {
        return normalizes;
      }

      @Override
      public boolean needsCounts() {
        return needsCounts;
      }

      @Override
      public double score(
          double dot,
          int coCount,
          PairwiseSimilarity.ColumnStats i,
          PairwiseSimilarity.ColumnStats j) {
        return score.score(dot, coCount, i, j);
      }
    };
  }

  /** {@link PairwiseSimilarity#entryValue} as a lambda. */
  @FunctionalInterface
  interface EntryValue {
    EntryValue RAW = (score, customerSkus, skuCount) -> score;

    float of(float score, int customerSkus, int skuCount);
  }

  /** {@link PairwiseSimilarity#entryValue} as a lambda that reads the column totals. */
  @FunctionalInterface
  interface ColumnEntryValue {
    float of(float score, int customerSkus, int skuCount, double columnTotal, double meanTotal);
  }

  /** {@link PairwiseSimilarity#score} as a lambda. */
  @FunctionalInterface
  interface PairwiseScore {
    double score(
        double dot,
        int coCount,
        PairwiseSimilarity.ColumnStats i,
        PairwiseSimilarity.ColumnStats j);
  }

  /** The CSC-aligned copy of CSR-aligned values. */
  static float[] columnOrder(InteractionMatrix m, float[] rowValues) {
    return Transpose.of(m.rowPtr(), m.rowSkus(), rowValues, m.skuCount()).values();
  }
}
