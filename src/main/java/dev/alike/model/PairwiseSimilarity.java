package dev.alike.model;

/**
 * A similarity stated as its weighting, once, for both engines: each stored entry r_ui enters the
 * product C^T C as {@link #entryValue}, divided by its column's L2 norm when {@link
 * #normalizesColumns()}; the dot of two columns and the number of customers they share then give
 * the pair's {@link #score}. Subclasses override only these (as implicit's variants override only
 * the weighting); the single-machine kernel ({@link #prepare}, {@link NeighborSearch}) and the Beam
 * build ({@code dev.alike.beam.ColumnStage}, {@code PairProducts}) both call them, so the two
 * compute the same numbers in the same floating-point steps.
 */
public abstract class PairwiseSimilarity implements ItemSimilarity {
  /**
   * The value customer u's entry for SKU i enters the product with, before any normalisation.
   *
   * @param score r_ui (> 0)
   * @param customerSkus the number of SKUs customer u has (after the per-customer cap)
   * @param skuCount the number of SKUs in the matrix
   * @param columnTotal the sum of SKU i's r_ui over its customers, in customer order
   * @param meanTotal {@link #meanTotal} over every SKU's column total (BM25's length reads both)
   */
  public abstract float entryValue(
      float score, int customerSkus, int skuCount, double columnTotal, double meanTotal);

  /** Whether entry values are divided by their column's L2 norm (the cosine family). */
  public boolean normalizesColumns() {
    return false;
  }

  /** Whether {@link #score} reads the number of shared customers (a second accumulator). */
  public boolean needsCounts() {
    return false;
  }

  /** Whether {@link #score} is the dot itself, so the kernel selects straight from its sums. */
  public boolean scoreIsDot() {
    return true;
  }

  /**
   * The similarity of SKU i (whose list is being built) and SKU j; values <= 0 mean "not a
   * neighbour". By default the dot itself.
   *
   * @param dot the dot product of the two columns of entry values
   * @param coCount customers who have both ({@code -1} unless {@link #needsCounts()})
   * @param i statistics of i's column of entry values (before normalisation)
   * @param j the same for j
   */
  public double score(double dot, int coCount, ColumnStats i, ColumnStats j) {
    return dot;
  }

  /**
   * What the pair scores need of a column of entry values.
   *
   * @param count customers in the column
   * @param inverseNorm 1 / ||column||_2 ({@link #inverseNorm(double)})
   */
  public record ColumnStats(int count, double inverseNorm) implements java.io.Serializable {}

  /**
   * The weighting applied to {@code m}: entry values, column statistics and norms computed row by
   * row, which visits each column's entries in customer order (the order of the CSC arrays and of
   * the Beam build's columns), so every sum adds the same terms in the same order.
   */
  @Override
  public final Prepared prepare(InteractionMatrix m) {
    int[] rowPtr = m.rowPtr();
    int[] rowSkus = m.rowSkus();
    float[] raw = m.rowValues();
    int n = m.skuCount();
    double[] total = new double[n];
    for (int e = 0; e < raw.length; e++) {
      total[rowSkus[e]] += raw[e];
    }
    double sum = 0;
    for (double t : total) {
      sum += t;
    }
    double mean = meanTotal(sum, n);
    float[] values = new float[raw.length];
    double[] squares = new double[n];
    for (int u = 0; u < m.customerCount(); u++) {
      int customerSkus = rowPtr[u + 1] - rowPtr[u];
      for (int e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
        int i = rowSkus[e];
        values[e] = entryValue(raw[e], customerSkus, n, total[i], mean);
        squares[i] += (double) values[e] * values[e];
      }
    }
    int[] colPtr = m.colPtr();
    ColumnStats[] stats = new ColumnStats[n];
    for (int i = 0; i < n; i++) {
      stats[i] = new ColumnStats(colPtr[i + 1] - colPtr[i], inverseNorm(squares[i]));
    }
    if (normalizesColumns()) {
      for (int e = 0; e < values.length; e++) {
        values[e] = normalize(values[e], stats[rowSkus[e]].inverseNorm());
      }
    }
    float[] columnValues = Transpose.of(rowPtr, rowSkus, values, n).values();
    return ItemSimilarity.prepared(
        values,
        columnValues,
        needsCounts(),
        scoreIsDot()
            ? PairScore.DOT
            : (i, j, dot, coCount) -> score(dot, coCount, stats[i], stats[j]));
  }

  /**
   * The mean column total: {@code sumOfTotals} (the column totals added in SKU index order) over
   * {@code skuCount}; 1 when there is no SKU or no score, so that a length ratio stays finite.
   */
  public static double meanTotal(double sumOfTotals, int skuCount) {
    return skuCount > 0 && sumOfTotals > 0 ? sumOfTotals / skuCount : 1;
  }

  /** 1 / sqrt(sum of squares), 0 for an empty column. */
  public static double inverseNorm(double sumOfSquares) {
    return sumOfSquares > 0 ? 1.0 / Math.sqrt(sumOfSquares) : 0.0;
  }

  /** An entry value divided by its column's norm, as the cosine family enters the product. */
  public static float normalize(float value, double inverseNorm) {
    return (float) (value * inverseNorm);
  }
}
