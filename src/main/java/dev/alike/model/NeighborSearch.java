package dev.alike.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Each SKU's top-k most similar SKUs, from the sparse product C^T C computed one SKU (one row of
 * the product) at a time: for SKU i, walk its customers, and for each customer u add c_ui * c_uj
 * into a per-thread accumulator for every SKU j of u. Only the touched accumulator cells are
 * scored, pushed through a bounded heap and reset, so memory is O(threads * skus + skus * k), never
 * skus^2.
 *
 * <p>Threads take SKUs in small blocks from a shared counter ({@link Parallel}: popular SKUs cost
 * far more than rare ones, so static partitioning would leave a core idle) and write each SKU's
 * list at its fixed offset i*k, so no locks are needed and the result does not depend on the thread
 * count.
 */
public final class NeighborSearch {
  /**
   * SKUs per work unit: big enough that the shared counter is not contended, small enough that the
   * last blocks (often the popular, expensive SKUs are spread everywhere) balance across threads.
   */
  private static final int BLOCK = 64;

  private final InteractionMatrix matrix;
  private final ItemSimilarity.Prepared similarity;
  private final int k;
  private final int threads;
  private final AtomicLong accumulations = new AtomicLong();

  /**
   * @param k neighbours kept per SKU, >= 1
   * @param threads worker threads, >= 1
   */
  public NeighborSearch(InteractionMatrix matrix, ItemSimilarity similarity, int k, int threads) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.matrix = matrix;
    this.similarity = similarity.prepare(matrix);
    requirePositive(this.similarity.rowValues(), similarity.name());
    this.k = k;
    this.threads = threads;
  }

  /**
   * The kernel finds the SKUs touched for row i by their accumulator leaving 0, which holds only
   * when every product value is > 0; a similarity that produced 0 or a negative value is a bug.
   */
  private static void requirePositive(float[] values, String name) {
    for (int e = 0; e < values.length; e++) {
      if (!(values[e] > 0)) {
        throw new IllegalStateException(
            "similarity "
                + name
                + " produced value "
                + values[e]
                + " at entry "
                + e
                + "; need > 0");
      }
    }
  }

  /** Number of multiply-adds done by the last {@link #run()}. */
  public long accumulations() {
    return accumulations.get();
  }

  /** Computes every SKU's top-k list (self excluded, scores > 0 only, ties by SKU id). */
  public NeighborLists run() {
    return run(null);
  }

  /**
   * As {@link #run()} for the SKUs with {@code rows[i]} only (null: all); the other lists stay
   * empty and cost nothing.
   */
  public NeighborLists run(boolean[] rows) {
    int n = matrix.skuCount();
    int[] items = new int[Math.multiplyExact(n, k)];
    float[] scores = new float[items.length];
    int[] lengths = new int[n];
    accumulations.set(0);
    Parallel.forBlocks(
        n, BLOCK, threads, "similarity", () -> new Worker(items, scores, lengths, rows));
    return NeighborLists.ofSlots(items, scores, lengths, k);
  }

  private final class Worker implements Parallel.RangeWorker {
    private final int[] outItems;
    private final float[] outScores;
    private final int[] outLengths;
    private final double[] dot;
    private final int[] co;
    private final int[] touched;
    private final TopK top;
    private final boolean dotIsScore;
    private final boolean[] rows;

    Worker(int[] items, float[] scores, int[] lengths, boolean[] rows) {
      this.rows = rows;
      int n = matrix.skuCount();
      this.outItems = items;
      this.outScores = scores;
      this.outLengths = lengths;
      this.dot = new double[n];
      this.co = similarity.needsCounts() ? new int[n] : null;
      this.dotIsScore = similarity.scoreIsDot() && co == null;
      this.touched = new int[n];
      this.top = new TopK(k, matrix.skus());
    }

    @Override
    public void run(int from, int to) {
      long adds = 0;
      for (int i = from; i < to; i++) {
        if (rows == null || rows[i]) {
          adds += neighborsOf(i);
        }
      }
      accumulations.addAndGet(adds);
    }

    /** Fills SKU i's slot; returns the number of multiply-adds done. */
    private long neighborsOf(int i) {
      int[] colPtr = matrix.colPtr();
      int[] colCustomers = matrix.colCustomers();
      float[] colValues = similarity.columnValues();
      int[] rowPtr = matrix.rowPtr();
      int[] rowSkus = matrix.rowSkus();
      float[] rowValues = similarity.rowValues();
      int touchedCount = 0;
      long adds = 0;
      for (int e = colPtr[i]; e < colPtr[i + 1]; e++) {
        int u = colCustomers[e];
        double cu = colValues[e];
        int start = rowPtr[u];
        int end = rowPtr[u + 1];
        adds += end - start;
        // Two copies of the loop so the common case (no counts) has no branch on co.
        if (co == null) {
          for (int f = start; f < end; f++) {
            int j = rowSkus[f];
            double before = dot[j];
            if (before == 0) {
              touched[touchedCount++] = j;
            }
            dot[j] = before + cu * rowValues[f];
          }
        } else {
          for (int f = start; f < end; f++) {
            int j = rowSkus[f];
            double before = dot[j];
            if (before == 0) {
              touched[touchedCount++] = j;
            }
            dot[j] = before + cu * rowValues[f];
            co[j]++;
          }
        }
      }
      // Score every touched SKU, clearing the accumulator as it goes, and keep the best k in a
      // bounded heap: once it is full, a candidate below its weakest costs one comparison, so
      // selection is about one pass over the m candidates plus O(k log(m/k) log k) heap moves.
      top.clear();
      if (dotIsScore) {
        selectDots(i, touchedCount);
      } else {
        selectScored(i, touchedCount);
      }
      int kept = top.drainInto(outItems, outScores, i * k);
      outLengths[i] = kept;
      return adds;
    }

    /**
     * Selection when the dot is the score: a candidate goes to the heap only if it reaches the
     * heap's weakest score (once full; before that, if it is > 0), which the heap then decides by
     * score and SKU id; the rest cost one comparison and no call.
     */
    private void selectDots(int i, int touchedCount) {
      double floor = Double.MIN_VALUE; // the smallest positive double: admits every s > 0
      for (int t = 0; t < touchedCount; t++) {
        int j = touched[t];
        double s = dot[j];
        dot[j] = 0;
        if (s >= floor && j != i) {
          top.offer(j, s);
          if (top.full()) {
            floor = top.weakestScore();
          }
        }
      }
    }

    private void selectScored(int i, int touchedCount) {
      for (int t = 0; t < touchedCount; t++) {
        int j = touched[t];
        double s = j == i ? 0 : similarity.score(i, j, dot[j], co != null ? co[j] : -1);
        dot[j] = 0;
        if (co != null) {
          co[j] = 0;
        }
        if (s > 0) {
          top.offer(j, s);
        }
      }
    }
  }
}
