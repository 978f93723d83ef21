package dev.alike.model;

/**
 * A bounded min-heap keeping the k best (item, score) pairs: higher score first, equal scores by
 * SKU id ({@link String#compareTo}), so results never depend on arrival order. Ids are compared
 * only on exactly equal scores, so no sort of all ids is needed up front. Selection of k out of m
 * costs O(m log k); nothing is sorted but the survivors.
 */
final class TopK {
  private final int capacity;
  private final IdIndex ids;
  private final int[] items;
  private final double[] scores;
  private int size;

  TopK(int capacity, IdIndex ids) {
    this.capacity = capacity;
    this.ids = ids;
    this.items = new int[capacity];
    this.scores = new double[capacity];
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** Whether k pairs are held: a new pair then enters only by beating the weakest. */
  boolean full() {
    return size == capacity;
  }

  /** The weakest held score (the heap's root); only meaningful when not empty. */
  double weakestScore() {
    return scores[0];
  }

  /** true when (a, sa) ranks below (b, sb). */
  private boolean worse(int a, double sa, int b, double sb) {
    return sa < sb || (sa == sb && ids.id(a).compareTo(ids.id(b)) > 0);
  }

  void offer(int item, double score) {
    if (size < capacity) {
      int at = size++;
      while (at > 0) {
        int parent = (at - 1) >>> 1;
        if (!worse(item, score, items[parent], scores[parent])) {
          break;
        }
        items[at] = items[parent];
        scores[at] = scores[parent];
        at = parent;
      }
      items[at] = item;
      scores[at] = score;
    } else if (capacity > 0 && worse(items[0], scores[0], item, score)) {
      siftDown(item, score);
    }
  }

  private void siftDown(int item, double score) {
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size
          && worse(items[child + 1], scores[child + 1], items[child], scores[child])) {
        child++;
      }
      if (!worse(items[child], scores[child], item, score)) {
        break;
      }
      items[at] = items[child];
      scores[at] = scores[child];
      at = child;
    }
    items[at] = item;
    scores[at] = score;
  }

  /** Writes the survivors best first at {@code offset}, empties the heap, returns their count. */
  int drainInto(int[] outItems, float[] outScores, int offset) {
    int n = size;
    while (size > 0) {
      int at = --size; // the root goes to the last free output slot
      outItems[offset + at] = items[0];
      outScores[offset + at] = (float) scores[0];
      if (at > 0) {
        siftDown(items[at], scores[at]);
      }
    }
    return n;
  }
}
