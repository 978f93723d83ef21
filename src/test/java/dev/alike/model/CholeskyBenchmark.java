package dev.alike.model;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * By hand: {@link Cholesky} against commons-math3's {@code CholeskyDecomposition} on EASE-like
 * systems (a co-occurrence Gram of random binary columns plus lambda = 300), one thread. Prints
 * microseconds per solve for C = 50, 100, 200 and the largest difference between the two answers.
 * Run: {@code java -cp target/classes:target/test-classes:<commons-math3.jar>
 * dev.alike.model.CholeskyBenchmark}.
 */
public final class CholeskyBenchmark {
  private CholeskyBenchmark() {}

  public static void main(String[] args) {
    for (int c : new int[] {50, 100, 200}) {
      int systems = Math.max(50, 2_000_000 / (c * c));
      double[][][] grams = new double[systems][][];
      double[][] rhs = new double[systems][];
      Random random = new Random(c);
      for (int s = 0; s < systems; s++) {
        grams[s] = gram(random, c, 400, 300);
        rhs[s] = random.doubles(c, 0, 50).toArray();
      }
      double diff = 0;
      long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
      for (int round = 0; round < 5; round++) {
        long t0 = System.nanoTime();
        double[][] plain = new double[systems][];
        for (int s = 0; s < systems; s++) {
          plain[s] = solvePlain(grams[s], rhs[s]);
        }
        long t1 = System.nanoTime();
        double[][] library = new double[systems][];
        for (int s = 0; s < systems; s++) {
          library[s] =
              new CholeskyDecomposition(new Array2DRowRealMatrix(grams[s], false))
                  .getSolver()
                  .solve(new ArrayRealVector(rhs[s], false))
                  .toArray();
        }
        long t2 = System.nanoTime();
        best[0] = Math.min(best[0], t1 - t0);
        best[1] = Math.min(best[1], t2 - t1);
        for (int s = 0; s < systems; s++) {
          for (int p = 0; p < c; p++) {
            diff = Math.max(diff, Math.abs(plain[s][p] - library[s][p]));
          }
        }
      }
      System.out.printf(
          "C=%3d: plain %8.1f us/solve, commons-math3 %8.1f us/solve (%.2fx), max diff %.1e%n",
          c, best[0] / 1e3 / systems, best[1] / 1e3 / systems, (double) best[1] / best[0], diff);
    }
  }

  /** The flat copy {@link RestrictedRegression} would hand to {@link Cholesky}, then the solve. */
  private static double[] solvePlain(double[][] g, double[] b) {
    int c = g.length;
    double[] flat = new double[c * c];
    for (int r = 0; r < c; r++) {
      System.arraycopy(g[r], 0, flat, r * c, c);
    }
    double[] x = b.clone();
    Cholesky.solveInPlace(flat, c, c, x);
    return x;
  }

  /** X^T X + lambda I of {@code customers} random binary rows (density 0.1) over c columns. */
  private static double[][] gram(Random random, int c, int customers, double lambda) {
    double[][] g = new double[c][c];
    int[] row = new int[c];
    for (int u = 0; u < customers; u++) {
      int t = 0;
      for (int j = 0; j < c; j++) {
        if (random.nextDouble() < 0.1) {
          row[t++] = j;
        }
      }
      for (int x = 0; x < t; x++) {
        for (int y = 0; y < t; y++) {
          g[row[x]][row[y]] += 1;
        }
      }
    }
    for (int j = 0; j < c; j++) {
      g[j][j] += lambda;
    }
    return g;
  }
}
