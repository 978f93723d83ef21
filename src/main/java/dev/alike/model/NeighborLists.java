package dev.alike.model;

/**
 * For each SKU a list of (SKU, similarity) pairs, best first, ties by SKU id: the SKU's own top-k
 * neighbours, or its reverse list (the SKUs that have it among their top k). Stored as CSR arrays.
 */
public final class NeighborLists {
  private final int[] ptr;
  private final int[] items;
  private final float[] scores;

  /**
   * Wraps CSR arrays: list i is {@code items/scores[ptr[i] .. ptr[i+1])}, already ordered best
   * first.
   */
  public NeighborLists(int[] ptr, int[] items, float[] scores) {
    if (ptr.length == 0 || ptr[0] != 0 || ptr[ptr.length - 1] != items.length) {
      throw new IllegalArgumentException("inconsistent CSR pointers");
    }
    if (items.length != scores.length) {
      throw new IllegalArgumentException(
          "items and scores differ in length: " + items.length + " vs " + scores.length);
    }
    this.ptr = ptr;
    this.items = items;
    this.scores = scores;
  }

  /**
   * Lists written at fixed slots, list i being {@code items/scores[i*k .. i*k + lengths[i])},
   * packed back to back (the kernels' output: fixed offsets need no locks).
   */
  static NeighborLists ofSlots(int[] items, float[] scores, int[] lengths, int k) {
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

  /** Number of lists (SKUs). */
  public int size() {
    return ptr.length - 1;
  }

  /** Total number of entries over all lists. */
  public int entries() {
    return items.length;
  }

  public int start(int sku) {
    return ptr[sku];
  }

  public int end(int sku) {
    return ptr[sku + 1];
  }

  public int length(int sku) {
    return ptr[sku + 1] - ptr[sku];
  }

  /** The neighbour SKU index at flat position {@code at}. */
  public int item(int at) {
    return items[at];
  }

  /** The similarity at flat position {@code at}. */
  public float score(int at) {
    return scores[at];
  }

  /** The list pointers (list i is {@code [ptr[i], ptr[i+1])}); the backing array: do not modify. */
  public int[] ptr() {
    return ptr;
  }

  /** The neighbour SKUs of all lists, back to back; the backing array: do not modify. */
  public int[] items() {
    return items;
  }

  /** The scores aligned with {@link #items()}; the backing array: do not modify. */
  public float[] scores() {
    return scores;
  }

  /** Each list cut to its first {@code k} entries; this object itself when none is longer. */
  public NeighborLists truncate(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    int n = size();
    int[] outPtr = new int[n + 1];
    for (int i = 0; i < n; i++) {
      outPtr[i + 1] = outPtr[i] + Math.min(k, length(i));
    }
    if (outPtr[n] == items.length) {
      return this;
    }
    int[] outItems = new int[outPtr[n]];
    float[] outScores = new float[outPtr[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(items, ptr[i], outItems, outPtr[i], outPtr[i + 1] - outPtr[i]);
      System.arraycopy(scores, ptr[i], outScores, outPtr[i], outPtr[i + 1] - outPtr[i]);
    }
    return new NeighborLists(outPtr, outItems, outScores);
  }

  /**
   * The reverse lists: for each SKU j, every SKU i whose list holds j, with the same score s_ij,
   * best first (ties by SKU id), at most {@code cap} per SKU (the highest kept).
   *
   * @param skus the SKU ids, whose order breaks ties
   * @param capHits receives at [0] the number of SKUs whose reverse list was cut; may be null
   */
  public NeighborLists reverse(int cap, IdIndex skus, int[] capHits) {
    return reverse(cap, skus, capHits, 1);
  }

  /** As {@link #reverse(int, IdIndex, int[])}, ordering the lists on {@code threads} threads. */
  public NeighborLists reverse(int cap, IdIndex skus, int[] capHits, int threads) {
    if (cap < 1) {
      throw new IllegalArgumentException("reverse cap must be >= 1, was " + cap);
    }
    int n = size();
    Transpose t = Transpose.of(ptr, items, scores, n);
    int[] count = t.ptr();
    int[] revItems = t.rows();
    float[] revScores = t.values();
    int[] kept = new int[n];
    Parallel.forBlocks(
        n,
        REVERSE_BLOCK,
        threads,
        "reverse",
        () -> {
          TopK top = new TopK(cap, skus);
          return (from, to) -> {
            for (int j = from; j < to; j++) {
              top.clear();
              for (int at = count[j]; at < count[j + 1]; at++) {
                top.offer(revItems[at], revScores[at]);
              }
              kept[j] = top.drainInto(revItems, revScores, count[j]);
            }
          };
        });
    int[] outPtr = new int[n + 1];
    int hits = 0;
    for (int j = 0; j < n; j++) {
      hits += count[j + 1] - count[j] > cap ? 1 : 0;
      outPtr[j + 1] = outPtr[j] + kept[j];
    }
    int[] outItems = new int[outPtr[n]];
    float[] outScores = new float[outPtr[n]];
    for (int j = 0; j < n; j++) {
      System.arraycopy(revItems, count[j], outItems, outPtr[j], kept[j]);
      System.arraycopy(revScores, count[j], outScores, outPtr[j], kept[j]);
    }
    if (capHits != null) {
      capHits[0] = hits;
    }
    return new NeighborLists(outPtr, outItems, outScores);
  }

  /** SKUs per work unit when ordering reverse lists (popular SKUs' lists are the long ones). */
  private static final int REVERSE_BLOCK = 256;
}
