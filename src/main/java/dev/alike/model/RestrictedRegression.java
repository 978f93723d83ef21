package dev.alike.model;

import java.util.Arrays;

/**
 * Neighbourhood-restricted EASE (Steck 2019): for each SKU i, the ridge regression of i's binary
 * customer column x_i on the binary columns X_C of its candidates C (its list in a candidate
 * search), w = (X_C^T X_C + lambda I)^-1 X_C^T x_i. Weight w_j says how much having j predicts
 * having i, which is what the recommender's sum score(i) = sum_j s_ij r_uj over i's list needs: so
 * i's list holds (j, w_j), and the reverse lists then carry each w_j to the customers of j.
 *
 * <p>The (|C|+1) x (|C|+1) co-occurrence matrix of C and i is built customer by customer: every
 * customer who has a candidate is visited once, its SKUs are mapped to positions in C (a per-thread
 * table), and the outer product of those positions is added to the lower triangle; the last row is
 * then X_C^T x_i. Cost per SKU: the rows of those customers plus t^2/2 per customer with t
 * candidates, then |C|^3/6 multiply-adds for the factorisation, which dominates at |C| = 200.
 *
 * <p>SKUs are solved in blocks on {@code threads} threads, each with its own scratch, and written
 * at fixed offsets i*k: no locks, and the result does not depend on the thread count.
 */
public final class RestrictedRegression {
  /** SKUs per work unit: a solve is 10^5-10^7 operations, so blocks of 16 balance two cores. */
  private static final int BLOCK = 16;

  private final InteractionMatrix matrix;
  private final double lambda;
  private final int threads;

  /**
   * @param lambda ridge penalty added to the diagonal, > 0 (it keeps the system positive definite
   *     even when two candidates have identical columns)
   * @param threads worker threads, >= 1
   */
  public RestrictedRegression(InteractionMatrix matrix, double lambda, int threads) {
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and > 0, was " + lambda);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.matrix = matrix;
    this.lambda = lambda;
    this.threads = threads;
  }

  /**
   * Each SKU's k largest non-zero weights (best first, ties by SKU id; may be negative when fewer
   * than k are positive), from the regression on its list in {@code candidates}. A SKU with an
   * empty candidate list gets an empty list.
   */
  public NeighborLists weights(NeighborLists candidates, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    int n = matrix.skuCount();
    if (candidates.size() != n) {
      throw new IllegalArgumentException(
          "candidate lists cover " + candidates.size() + " SKUs, the matrix " + n);
    }
    int[] items = new int[Math.multiplyExact(n, k)];
    float[] scores = new float[items.length];
    int[] lengths = new int[n];
    Parallel.forBlocks(
        n,
        BLOCK,
        threads,
        "regression",
        () -> {
          Solver solver = new Solver();
          TopK top = new TopK(k, matrix.skus());
          return (from, to) -> {
            for (int i = from; i < to; i++) {
              int start = candidates.start(i);
              int[] cand = Arrays.copyOfRange(candidates.items(), start, candidates.end(i));
              double[] w = solver.solve(i, cand);
              top.clear();
              for (int a = 0; a < cand.length; a++) {
                if (w[a] != 0 && Double.isFinite(w[a])) {
                  top.offer(cand[a], w[a]);
                }
              }
              lengths[i] = top.drainInto(items, scores, i * k);
            }
          };
        });
    return pack(items, scores, lengths, k);
  }

  /** The weights of SKU i's regression on {@code candidates}, aligned with them (for tests). */
  double[] solve(int i, int[] candidates) {
    return Arrays.copyOf(new Solver().solve(i, candidates), candidates.length);
  }

  private static NeighborLists pack(int[] items, float[] scores, int[] lengths, int k) {
    int n = lengths.length;
    int[] ptr = new int[n + 1];
    for (int i = 0; i < n; i++) {
      ptr[i + 1] = ptr[i] + lengths[i];
    }
    int[] packedItems = new int[ptr[n]];
    float[] packedScores = new float[ptr[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(items, i * k, packedItems, ptr[i], lengths[i]);
      System.arraycopy(scores, i * k, packedScores, ptr[i], lengths[i]);
    }
    return new NeighborLists(ptr, packedItems, packedScores);
  }

  /** One thread's scratch: position table, customer stamps, the system and its right side. */
  private final class Solver {
    private final int[] positionOf;
    private final int[] stamp;
    private int generation;
    private int[] positions = new int[16];
    private double[] gram = new double[0];
    private double[] rhs = new double[0];

    Solver() {
      positionOf = new int[matrix.skuCount()];
      Arrays.fill(positionOf, -1);
      stamp = new int[matrix.customerCount()];
    }

    /** Returns the scratch array holding the weights in [0, candidates.length). */
    double[] solve(int i, int[] candidates) {
      int m = candidates.length;
      int size = m + 1;
      if (gram.length < size * size) {
        gram = new double[size * size];
        rhs = new double[size];
        positions = new int[size];
      }
      if (m == 0) {
        return rhs;
      }
      Arrays.fill(gram, 0, size * size, 0.0);
      for (int a = 0; a < m; a++) {
        if (candidates[a] == i) {
          throw new IllegalArgumentException("SKU " + i + " is among its own candidates");
        }
        positionOf[candidates[a]] = a;
      }
      positionOf[i] = m;
      accumulate(candidates, size);
      for (int a = 0; a < m; a++) {
        positionOf[candidates[a]] = -1;
        rhs[a] = gram[m * size + a];
        gram[a * size + a] += lambda;
      }
      positionOf[i] = -1;
      Cholesky.solveInPlace(gram, m, size, rhs);
      return rhs;
    }

    /** Adds every candidate customer's outer product of positions to the lower triangle. */
    private void accumulate(int[] candidates, int size) {
      int[] colPtr = matrix.colPtr();
      int[] colCustomers = matrix.colCustomers();
      int[] rowPtr = matrix.rowPtr();
      int[] rowSkus = matrix.rowSkus();
      generation++;
      if (generation == Integer.MAX_VALUE) {
        Arrays.fill(stamp, 0);
        generation = 1;
      }
      for (int sku : candidates) {
        for (int e = colPtr[sku]; e < colPtr[sku + 1]; e++) {
          int u = colCustomers[e];
          if (stamp[u] == generation) {
            continue;
          }
          stamp[u] = generation;
          int t = 0;
          for (int f = rowPtr[u]; f < rowPtr[u + 1]; f++) {
            int p = positionOf[rowSkus[f]];
            if (p >= 0) {
              // Insertion keeps the positions ascending, so (x, y <= x) is in the lower triangle.
              int at = t++;
              while (at > 0 && positions[at - 1] > p) {
                positions[at] = positions[at - 1];
                at--;
              }
              positions[at] = p;
            }
          }
          for (int x = 0; x < t; x++) {
            int row = positions[x] * size;
            for (int y = 0; y <= x; y++) {
              gram[row + positions[y]] += 1;
            }
          }
        }
      }
    }
  }
}
