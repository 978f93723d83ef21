package dev.alike.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The co-occurrence matrices of a block of EASE targets, filled SKU by SKU: each SKU a's binary
 * co-occurrence row (a walk over its customers' rows, as in {@link NeighborSearch}) is computed
 * once per block and copied into row pos(a) of every target whose candidates hold a. Visiting a's
 * customers once per block, rather than once per list that holds a, is what keeps the cost near one
 * sparse product per block instead of C products: the per-target walk was measured more than 40x
 * slower at 10M events (docs/quality.md, "EASE").
 *
 * <p>Target t with m candidates owns an (m+1) x (m+1) lower triangle of counts, packed by rows:
 * rows 0..m-1 are the candidates, row m is the target itself, i.e. X_C^T x_i. Counts are ints
 * (exact; a count is at most the number of customers). Each row is written by the one thread that
 * handles its SKU, so filling needs no locks.
 */
final class GramBlock {
  /** SKUs per work unit of the fill: a co-occurrence row costs 10^2-10^5 adds. */
  private static final int FILL_BLOCK = 64;

  private final int[] targets;
  private final int[] candPtr;
  private final int[] candItems;
  private final long[] offset;

  /** Marks a count kept in {@link #overflow}. */
  private static final char SATURATED = Character.MAX_VALUE;

  private final char[] counts;
  private final Map<Integer, Integer> overflow = new ConcurrentHashMap<>();

  /**
   * @param targets the target SKUs
   * @param candPtr target t's candidates are {@code candItems[candPtr[t] .. candPtr[t+1])}
   * @throws IllegalArgumentException when a target is among its own candidates, or the block needs
   *     more than {@link Integer#MAX_VALUE} counts
   */
  GramBlock(int[] targets, int[] candPtr, int[] candItems) {
    this.targets = targets;
    this.candPtr = candPtr;
    this.candItems = candItems;
    this.offset = new long[targets.length + 1];
    for (int t = 0; t < targets.length; t++) {
      for (int at = candPtr[t]; at < candPtr[t + 1]; at++) {
        if (candItems[at] == targets[t]) {
          throw new IllegalArgumentException("SKU " + targets[t] + " is among its own candidates");
        }
      }
      offset[t + 1] = offset[t] + triangle(candPtr[t + 1] - candPtr[t] + 1);
    }
    if (offset[targets.length] > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "a block of " + targets.length + " targets needs " + offset[targets.length] + " counts");
    }
    this.counts = new char[(int) offset[targets.length]];
  }

  /** Bytes per stored count. */
  static int countBytes() {
    return Character.BYTES;
  }

  /** Entries of the packed lower triangle of a size x size matrix. */
  static long triangle(int size) {
    return (long) size * (size + 1) / 2;
  }

  int size() {
    return targets.length;
  }

  int target(int t) {
    return targets[t];
  }

  /** Number of candidates of target t. */
  int candidates(int t) {
    return candPtr[t + 1] - candPtr[t];
  }

  /** Candidate p of target t. */
  int candidate(int t, int p) {
    return candItems[candPtr[t] + p];
  }

  /**
   * Copies target t's system into {@code a} (m x m, stride m, lower triangle, {@code lambda} added
   * to the diagonal) and its right side X_C^T x_i into {@code b}.
   */
  void system(int t, double lambda, double[] a, double[] b) {
    system(this::count, (int) offset[t], candidates(t), lambda, a, b);
  }

  /**
   * The system of one target whose packed triangle starts at {@code base} in {@code counts}: see
   * {@link #system(int, double, double[], double[])}.
   */
  static void system(
      java.util.function.IntUnaryOperator counts,
      int base,
      int m,
      double lambda,
      double[] a,
      double[] b) {
    for (int p = 0; p < m; p++) {
      int row = base + (int) triangle(p);
      for (int q = 0; q <= p; q++) {
        a[p * m + q] = counts.applyAsInt(row + q);
      }
      a[p * m + p] += lambda;
    }
    int last = base + (int) triangle(m);
    for (int q = 0; q < m; q++) {
      b[q] = counts.applyAsInt(last + q);
    }
  }

  /** Fills every count from {@code matrix}'s binary pattern on {@code threads} threads. */
  void fill(InteractionMatrix matrix, int threads) {
    int n = matrix.skuCount();
    // Where each SKU a goes: (target, position) pairs as CSR over a, the target itself included
    // at position m (its row is the right side).
    int[] ptr = new int[n + 1];
    for (int t = 0; t < targets.length; t++) {
      for (int at = candPtr[t]; at < candPtr[t + 1]; at++) {
        ptr[candItems[at] + 1]++;
      }
      ptr[targets[t] + 1]++;
    }
    for (int a = 0; a < n; a++) {
      ptr[a + 1] += ptr[a];
    }
    int[] next = ptr.clone();
    int[] slotTarget = new int[ptr[n]];
    int[] slotPosition = new int[ptr[n]];
    for (int t = 0; t < targets.length; t++) {
      for (int at = candPtr[t]; at < candPtr[t + 1]; at++) {
        int s = next[candItems[at]]++;
        slotTarget[s] = t;
        slotPosition[s] = at - candPtr[t];
      }
      int s = next[targets[t]]++;
      slotTarget[s] = t;
      slotPosition[s] = candidates(t);
    }
    Parallel.forBlocks(
        n,
        FILL_BLOCK,
        threads,
        "gram",
        () -> {
          int[] co = new int[n];
          int[] touched = new int[n];
          return (from, to) -> {
            for (int a = from; a < to; a++) {
              if (ptr[a] == ptr[a + 1]) {
                continue;
              }
              int touchedCount = coOccurrences(matrix, a, co, touched);
              for (int s = ptr[a]; s < ptr[a + 1]; s++) {
                writeRow(slotTarget[s], slotPosition[s], co);
              }
              for (int x = 0; x < touchedCount; x++) {
                co[touched[x]] = 0;
              }
            }
          };
        });
  }

  /** co[b] = customers having both a and b (co[a] = a's customers); returns the touched count. */
  private static int coOccurrences(InteractionMatrix matrix, int a, int[] co, int[] touched) {
    int[] colPtr = matrix.colPtr();
    int[] colCustomers = matrix.colCustomers();
    int[] rowPtr = matrix.rowPtr();
    int[] rowSkus = matrix.rowSkus();
    int count = 0;
    for (int e = colPtr[a]; e < colPtr[a + 1]; e++) {
      int u = colCustomers[e];
      for (int f = rowPtr[u]; f < rowPtr[u + 1]; f++) {
        int b = rowSkus[f];
        if (co[b]++ == 0) {
          touched[count++] = b;
        }
      }
    }
    return count;
  }

  /** Row p of target t: its counts with positions 0..p (position m is the target itself). */
  private void writeRow(int t, int p, int[] co) {
    int m = candidates(t);
    int row = (int) (offset[t] + triangle(p));
    int first = candPtr[t];
    for (int q = 0; q <= p; q++) {
      int value = co[q == m ? targets[t] : candItems[first + q]];
      if (value < SATURATED) {
        counts[row + q] = (char) value;
      } else {
        counts[row + q] = SATURATED;
        overflow.put(row + q, value);
      }
    }
  }

  private int count(int at) {
    char c = counts[at];
    return c < SATURATED ? c : overflow.get(at);
  }
}
