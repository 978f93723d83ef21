package dev.alike.model;

/**
 * In-place Cholesky factorisation and solve of a small symmetric positive definite system held in a
 * flat row-major {@code double[]}: the per-SKU ridge systems of {@link RestrictedRegression}.
 *
 * <p>Plain arrays rather than commons-math3's {@code CholeskyDecomposition}, which copies the
 * matrix into a {@code double[][]}, checks symmetry entry by entry and allocates per solve: on
 * EASE-like systems ({@code CholeskyBenchmark}, one thread, 2-vCPU AMD EPYC) it took 1.62x / 1.34x
 * / 1.18x as long at C = 50 / 100 / 200 (52 / 190 / 676 us per plain solve), and the solves are
 * about half of an EASE build's regression stage (docs/quality.md, "EASE").
 */
final class Cholesky {
  private Cholesky() {}

  /**
   * Solves {@code a x = b} for the m x m matrix whose row r starts at {@code a[r * stride]} (only
   * the lower triangle, diagonal included, is read), overwriting that triangle with the factor L
   * and {@code b[0 .. m)} with x. {@code stride >= m} lets a caller solve the leading block of a
   * bigger matrix in place.
   *
   * @throws IllegalStateException when a pivot is not > 0 (the matrix is not positive definite),
   *     naming the pivot's row and value
   */
  static void solveInPlace(double[] a, int m, int stride, double[] b) {
    factor(a, m, stride);
    // Forward: L y = b.
    for (int r = 0; r < m; r++) {
      int row = r * stride;
      double s = b[r];
      for (int c = 0; c < r; c++) {
        s -= a[row + c] * b[c];
      }
      b[r] = s / a[row + r];
    }
    // Backward: L^T x = y, walking L's columns as rows of L^T.
    for (int r = m - 1; r >= 0; r--) {
      double x = b[r] / a[r * stride + r];
      b[r] = x;
      for (int c = 0; c < r; c++) {
        b[c] -= a[r * stride + c] * x;
      }
    }
  }

  /**
   * Overwrites the lower triangle with L, row by row (Cholesky-Banachiewicz): each entry is one dot
   * product of two contiguous row prefixes, which the JIT turns into a tight loop.
   */
  private static void factor(double[] a, int m, int stride) {
    for (int r = 0; r < m; r++) {
      int row = r * stride;
      for (int c = 0; c <= r; c++) {
        int col = c * stride;
        double s = a[row + c];
        for (int t = 0; t < c; t++) {
          s -= a[row + t] * a[col + t];
        }
        if (c < r) {
          a[row + c] = s / a[col + c];
        } else {
          if (!(s > 0)) {
            throw new IllegalStateException(
                "matrix is not positive definite: pivot " + r + " is " + s);
          }
          a[row + r] = Math.sqrt(s);
        }
      }
    }
  }
}
