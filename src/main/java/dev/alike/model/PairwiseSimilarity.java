package dev.alike.model;

/**
 * A similarity written pair by pair, for engines that never hold the whole matrix (the Beam build,
 * {@code dev.alike.beam}): each stored entry r_ui enters the product as {@link #entryValue},
 * divided by its column's L2 norm when {@link #normalizesColumns()}; the dot of two columns and the
 * number of customers they share then give the pair's {@link #score}. The matrix-based {@link
 * ItemSimilarity#prepare} of the same similarity calls these same functions, so both engines
 * compute the same numbers in the same floating-point steps.
 */
public interface PairwiseSimilarity {
  /**
   * The value customer u's entry for SKU i enters the product with, before any normalisation.
   *
   * @param score r_ui (> 0)
   * @param customerSkus the number of SKUs customer u has (after the per-customer cap)
   * @param skuCount the number of SKUs in the matrix
   * @param columnTotal the sum of SKU i's r_ui over its customers, in customer order
   * @param meanTotal {@link #meanTotal} over every SKU's column total (BM25's length reads both)
   */
  float entryValue(
      float score, int customerSkus, int skuCount, double columnTotal, double meanTotal);

  /** Whether entry values are divided by their column's L2 norm, so that the dot is the score. */
  boolean normalizesColumns();

  /** Whether {@link #score} reads the number of shared customers. */
  boolean needsCounts();

  /**
   * The similarity of SKU i (whose list is being built) and SKU j; values <= 0 mean "not a
   * neighbour". When {@link #normalizesColumns()}, this is the dot itself.
   *
   * @param dot the dot product of the two columns of entry values
   * @param coCount customers who have both
   * @param i statistics of i's column of entry values (before normalisation)
   * @param j the same for j
   */
  double score(double dot, int coCount, ColumnStats i, ColumnStats j);

  /**
   * What the pair scores need of a column of entry values.
   *
   * @param count customers in the column
   * @param inverseNorm 1 / ||column||_2 ({@link #inverseNorm(double)})
   */
  record ColumnStats(int count, double inverseNorm) implements java.io.Serializable {}

  /**
   * The mean column total: {@code sumOfTotals} (the column totals added in SKU index order) over
   * {@code skuCount}; 1 when there is no SKU or no score, so that a length ratio stays finite.
   */
  static double meanTotal(double sumOfTotals, int skuCount) {
    return skuCount > 0 && sumOfTotals > 0 ? sumOfTotals / skuCount : 1;
  }

  /** 1 / sqrt(sum of squares), 0 for an empty column. */
  static double inverseNorm(double sumOfSquares) {
    return sumOfSquares > 0 ? 1.0 / Math.sqrt(sumOfSquares) : 0.0;
  }

  /** An entry value divided by its column's norm, as the cosine family enters the product. */
  static float normalize(float value, double inverseNorm) {
    return (float) (value * inverseNorm);
  }
}
