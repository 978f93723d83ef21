package dev.alike.model;

import java.util.Arrays;

/**
 * Neighbourhood-restricted EASE (Steck 2019): for each SKU i, the ridge regression of i's binary
 * customer column x_i on the binary columns X_C of its candidates C (its list in a candidate
 * search), w = (X_C^T X_C + lambda I)^-1 X_C^T x_i. Weight w_j says how much having j predicts
 * having i, which is what the recommender's sum score(i) = sum_j s_ij r_uj over i's list needs: so
 * i's list holds (j, w_j), and the reverse lists then carry each w_j to the customers of j.
 *
 * <p>The co-occurrence counts come from {@link GramBlock}: targets are taken in blocks of at most
 * {@code blockCounts} packed counts (a memory bound), and each block costs about one sparse product
 * (every SKU's co-occurrence row) plus |C|^2/2 copies per target; then |C|^3/6 multiply-adds per
 * target for the factorisation. So a build costs about (blocks + 1) products plus n |C|^3 / 6.
 *
 * <p>Within a block, SKUs and then targets are spread over {@code threads} threads, each with its
 * own scratch, and results are written at fixed offsets i*k: no locks, and the result does not
 * depend on the thread count or the block size.
 */
public final class RestrictedRegression {
  private static final System.Logger LOG = System.getLogger(RestrictedRegression.class.getName());

  /** Targets per work unit of the solves: a solve is 10^4-10^7 operations. */
  private static final int BLOCK = 16;

  /**
   * Upper bound on one block's packed counts: 256 MB. At C = 100 (16-bit counts) that is ~40k
   * targets, so 3 passes over 100k SKUs (each pass costs about one sparse product).
   */
  public static final long MAX_BLOCK_BYTES = 256L << 20;

  /** Lower bound: below it the passes, not the memory, would decide the build time. */
  static final long MIN_BLOCK_BYTES = 16L << 20;

  /**
   * The block bound for the heap this JVM has left: a quarter of what is free now, within {@link
   * #MIN_BLOCK_BYTES}..{@link #MAX_BLOCK_BYTES}. So EASE runs in the heap the cosine-family build
   * needs (more passes when it is tight) instead of failing where tfidf succeeds.
   */
  static long blockBytesForFreeHeap() {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    return Math.max(MIN_BLOCK_BYTES, Math.min(MAX_BLOCK_BYTES, free / 4));
  }

  private final InteractionMatrix matrix;
  private final double lambda;
  private final int threads;
  private final long blockBytes;

  /**
   * As {@link #RestrictedRegression(InteractionMatrix, double, int, long)}, blocks sized for the
   * free heap ({@link #blockBytesForFreeHeap()}).
   */
  public RestrictedRegression(InteractionMatrix matrix, double lambda, int threads) {
    this(matrix, lambda, threads, blockBytesForFreeHeap());
  }

  /**
   * @param lambda ridge penalty added to the diagonal, > 0 (it keeps the system positive definite
   *     even when two candidates have identical columns)
   * @param threads worker threads, >= 1
   * @param blockBytes memory for the counts held at once, >= 1 (a single target above it still gets
   *     a block of its own)
   */
  public RestrictedRegression(
      InteractionMatrix matrix, double lambda, int threads, long blockBytes) {
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and > 0, was " + lambda);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (blockBytes < 1) {
      throw new IllegalArgumentException("block bytes must be >= 1, was " + blockBytes);
    }
    this.matrix = matrix;
    this.lambda = lambda;
    this.threads = threads;
    this.blockBytes = blockBytes;
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
    int[] ptr = candidates.ptr();
    long fillNanos = 0;
    long solveNanos = 0;
    int blocks = 0;
    long blockCounts = Math.max(1, blockBytes / GramBlock.countBytes());
    for (int from = 0, to; from < n; from = to) {
      long total = 0;
      to = from;
      while (to < n
          && (to == from || total + GramBlock.triangle(candidates.length(to) + 1) <= blockCounts)) {
        total += GramBlock.triangle(candidates.length(to) + 1);
        to++;
      }
      int[] targets = new int[to - from];
      int[] candPtr = new int[to - from + 1];
      for (int t = 0; t < targets.length; t++) {
        targets[t] = from + t;
        candPtr[t + 1] = ptr[from + t + 1] - ptr[from];
      }
      int[] candItems = Arrays.copyOfRange(candidates.items(), ptr[from], ptr[to]);
      GramBlock block = new GramBlock(targets, candPtr, candItems);
      long t0 = System.nanoTime();
      block.fill(matrix, threads);
      long t1 = System.nanoTime();
      solveBlock(block, k, items, scores, lengths);
      fillNanos += t1 - t0;
      solveNanos += System.nanoTime() - t1;
      blocks++;
    }
    // DEBUG: the build report already times the whole stage (scoring_weights); this split is for
    // tuning (java.util.logging at FINE shows it).
    LOG.log(
        System.Logger.Level.DEBUG,
        "EASE regression: {0} SKUs in {1} block(s), co-occurrence fill {2} ms, solves {3} ms",
        n,
        blocks,
        fillNanos / 1_000_000,
        solveNanos / 1_000_000);
    return NeighborLists.ofSlots(items, scores, lengths, k);
  }

  /** Solves every target of a filled block and keeps its k largest weights at offset i*k. */
  private void solveBlock(GramBlock block, int k, int[] items, float[] scores, int[] lengths) {
    Parallel.forBlocks(
        block.size(),
        BLOCK,
        threads,
        "regression",
        () -> {
          Solver solver = new Solver();
          TopK top = new TopK(k, matrix.skus());
          return (from, to) -> {
            for (int t = from; t < to; t++) {
              double[] w = solver.solve(block, t);
              top.clear();
              for (int p = 0; p < block.candidates(t); p++) {
                if (keeps(w[p])) {
                  top.offer(block.candidate(t, p), w[p]);
                }
              }
              int i = block.target(t);
              lengths[i] = top.drainInto(items, scores, i * k);
            }
          };
        });
  }

  /**
   * One SKU's regression weights from co-occurrence counts gathered elsewhere (the Beam build
   * gathers them pair by pair): {@code packedCounts} is the lower triangle of the (m+1) x (m+1)
   * count matrix by rows, as {@link GramBlock} packs a target, rows 0..m-1 its m candidates in list
   * order and row m the SKU itself (its counts with each candidate, then its own). Returns the m
   * weights aligned with the candidates; the same arithmetic as {@link #weights}, so the same bits.
   *
   * @throws IllegalArgumentException when the array does not hold (m+1)(m+2)/2 counts, naming both
   * @throws IllegalStateException when the system is not positive definite (a negative count)
   */
  public static double[] weightsOf(int[] packedCounts, int m, double lambda) {
    if (m < 0 || packedCounts.length != GramBlock.triangle(m + 1)) {
      throw new IllegalArgumentException(
          packedCounts.length + " packed counts for " + m + " candidates; need (m+1)(m+2)/2");
    }
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and > 0, was " + lambda);
    }
    double[] a = new double[m * m];
    double[] b = new double[m];
    if (m > 0) {
      GramBlock.system(at -> packedCounts[at], 0, m, lambda, a, b);
      Cholesky.solveInPlace(a, m, m, b);
    }
    return b;
  }

  /** Whether weight {@code w} enters the SKU's list: non-zero and finite. */
  public static boolean keeps(double w) {
    return w != 0 && Double.isFinite(w);
  }

  /** The weights of SKU i's regression on {@code candidates}, aligned with them (for tests). */
  double[] solve(int i, int[] candidates) {
    GramBlock block = new GramBlock(new int[] {i}, new int[] {0, candidates.length}, candidates);
    block.fill(matrix, 1);
    return Arrays.copyOf(new Solver().solve(block, 0), candidates.length);
  }

  /** One thread's system and right side, grown to the largest target seen. */
  private final class Solver {
    private double[] a = new double[0];
    private double[] b = new double[0];

    /** Returns the scratch array holding target t's weights in [0, m). */
    double[] solve(GramBlock block, int t) {
      int m = block.candidates(t);
      if (a.length < m * m) {
        a = new double[m * m];
        b = new double[m];
      }
      if (m > 0) {
        block.system(t, lambda, a, b);
        Cholesky.solveInPlace(a, m, m, b);
      }
      return b;
    }
  }
}
