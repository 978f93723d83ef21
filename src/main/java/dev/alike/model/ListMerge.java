package dev.alike.model;

import java.util.Arrays;

/**
 * The list surgery of {@link ColdStart}: filling lists with content neighbours and placing cold
 * SKUs in other SKUs' lists, every result ordered by score, ties by SKU id. One pass over the lists
 * with a per-SKU stamp array for membership, so the cost is linear in the entries.
 */
final class ListMerge {
  private final IdIndex skus;
  private final int k;
  private final float weight;
  private final int[] seenAt;
  private int stamp;
  private long placed;

  // The list under construction.
  private int[] items = new int[16];
  private float[] scores = new float[16];
  private int size;

  ListMerge(IdIndex skus, int k, double weight) {
    this.skus = skus;
    this.k = k;
    this.weight = (float) weight;
    this.seenAt = new int[skus.size()];
  }

  /** Entries of cold SKUs placed by the last {@link #place} call. */
  long placed() {
    return placed;
  }

  /**
   * Each cold SKU's list keeps its entries and gains content neighbours not in it, weighted, until
   * it holds k (or as many as it held, if more).
   */
  NeighborLists fill(NeighborLists lists, NeighborLists content, boolean[] cold) {
    Builder out = new Builder(lists.size(), lists.entries());
    for (int i = 0; i < lists.size(); i++) {
      start();
      copy(lists, i, Integer.MAX_VALUE);
      if (cold[i]) {
        int room = Math.max(k, size);
        for (int at = content.start(i); at < content.end(i) && size < room; at++) {
          add(content.item(at), weight * content.score(at));
        }
      }
      out.add(sorted());
    }
    return out.build();
  }

  /**
   * Each warm SKU's list takes the cold SKUs of {@code incoming} (content cosines, best first) not
   * in it yet, weighted, dropping its own weakest entries where the list would exceed k. Cold SKUs'
   * lists are left as they are: they hold their content neighbours already, cold ones included,
   * ranked by the same scores.
   */
  NeighborLists place(NeighborLists lists, NeighborLists incoming, boolean[] cold) {
    placed = 0;
    Builder out = new Builder(lists.size(), lists.entries() + incoming.entries());
    for (int w = 0; w < lists.size(); w++) {
      start();
      for (int at = incoming.start(w); at < incoming.end(w) && !cold[w]; at++) {
        if (!contains(lists, w, incoming.item(at))) {
          add(incoming.item(at), weight * incoming.score(at));
        }
      }
      int admitted = size;
      placed += admitted;
      copy(lists, w, Math.max(k - admitted, 0));
      out.add(sorted());
    }
    return out.build();
  }

  private boolean contains(NeighborLists lists, int i, int item) {
    for (int at = lists.start(i); at < lists.end(i); at++) {
      if (lists.item(at) == item) {
        return true;
      }
    }
    return false;
  }

  private void start() {
    stamp++;
    size = 0;
  }

  /** Adds list i's first {@code limit} entries that are not held yet. */
  private void copy(NeighborLists lists, int i, int limit) {
    int end = lists.start(i) + Math.min(lists.length(i), limit);
    for (int at = lists.start(i); at < end; at++) {
      add(lists.item(at), lists.score(at));
    }
  }

  private void add(int item, float score) {
    if (seenAt[item] == stamp) {
      return;
    }
    seenAt[item] = stamp;
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
      scores = Arrays.copyOf(scores, size * 2);
    }
    items[size] = item;
    scores[size++] = score;
  }

  /** The list under construction ordered by score, ties by id (insertion sort: lists are ~k). */
  private ListMerge sorted() {
    for (int a = 1; a < size; a++) {
      int item = items[a];
      float score = scores[a];
      int b = a - 1;
      while (b >= 0 && before(item, score, items[b], scores[b])) {
        items[b + 1] = items[b];
        scores[b + 1] = scores[b];
        b--;
      }
      items[b + 1] = item;
      scores[b + 1] = score;
    }
    return this;
  }

  private boolean before(int a, float sa, int b, float sb) {
    return sa > sb || (sa == sb && skus.id(a).compareTo(skus.id(b)) < 0);
  }

  /** CSR lists appended one at a time. */
  private static final class Builder {
    private final int[] ptr;
    private int[] items;
    private float[] scores;
    private int lists;

    Builder(int n, int expected) {
      ptr = new int[n + 1];
      items = new int[Math.max(16, expected)];
      scores = new float[items.length];
    }

    void add(ListMerge list) {
      int at = ptr[lists];
      if (at + list.size > items.length) {
        int grown = Math.max(at + list.size, items.length + (items.length >> 1));
        items = Arrays.copyOf(items, grown);
        scores = Arrays.copyOf(scores, grown);
      }
      System.arraycopy(list.items, 0, items, at, list.size);
      System.arraycopy(list.scores, 0, scores, at, list.size);
      ptr[++lists] = at + list.size;
    }

    NeighborLists build() {
      int n = ptr[lists];
      return new NeighborLists(ptr, Arrays.copyOf(items, n), Arrays.copyOf(scores, n));
    }
  }
}
