package dev.alike.model;

import java.util.Arrays;

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

  /** The similarity of {@code neighbor} in {@code sku}'s list, or 0 if it is not there. */
  public float scoreOf(int sku, int neighbor) {
    for (int at = ptr[sku]; at < ptr[sku + 1]; at++) {
      if (items[at] == neighbor) {
        return scores[at];
      }
    }
    return 0f;
  }

  /**
   * The reverse lists: for each SKU j, every SKU i whose list holds j, with the same score s_ij,
   * best first (ties by {@code ranks}), at most {@code cap} per SKU (the highest kept).
   *
   * @param ranks tie-break order (see {@link IdIndex#sortedRanks()})
   * @param capHits receives at [0] the number of SKUs whose reverse list was cut; may be null
   */
  public NeighborLists reverse(int cap, int[] ranks, int[] capHits) {
    int n = size();
    int[] count = new int[n + 1];
    for (int at = 0; at < items.length; at++) {
      count[items[at] + 1]++;
    }
    for (int j = 0; j < n; j++) {
      count[j + 1] += count[j];
    }
    int[] revItems = new int[items.length];
    float[] revScores = new float[items.length];
    int[] next = Arrays.copyOf(count, n);
    for (int i = 0; i < n; i++) {
      for (int at = ptr[i]; at < ptr[i + 1]; at++) {
        int slot = next[items[at]]++;
        revItems[slot] = i;
        revScores[slot] = scores[at];
      }
    }
    int[] outPtr = new int[n + 1];
    int out = 0;
    int hits = 0;
    TopK top = new TopK(Math.max(1, cap), ranks);
    for (int j = 0; j < n; j++) {
      top.clear();
      for (int at = count[j]; at < count[j + 1]; at++) {
        top.offer(revItems[at], revScores[at]);
      }
      if (count[j + 1] - count[j] > cap) {
        hits++;
      }
      out += top.drainInto(revItems, revScores, out);
      outPtr[j + 1] = out;
    }
    if (capHits != null) {
      capHits[0] = hits;
    }
    return new NeighborLists(outPtr, Arrays.copyOf(revItems, out), Arrays.copyOf(revScores, out));
  }
}
