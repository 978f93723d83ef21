package dev.alike.function;

import dev.alike.model.ScoredSku.Source;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The design's formula over stored documents, the string-keyed twin of {@code
 * dev.alike.model.Recommender}: score(i) = sum over the customer's SKUs j of s_ij * r_uj, read from
 * each j's reverse list. Pure computation: the caller fetches documents. Thread-safe (no state).
 */
final class Scorer {
  /**
   * One answer entry.
   *
   * @param category the SKU's catalog category, carried in the neighbour entry it came from; null
   *     when the catalog has none
   */
  record Item(String sku, double score, Source source, String category) {}

  /** Higher score first, equal scores by SKU id ascending (as {@code IdIndex.sortedRanks}). */
  static final Comparator<Item> BEST_FIRST =
      Comparator.comparingDouble(Item::score).reversed().thenComparing(Item::sku);

  private Scorer() {}

  /**
   * The top {@code n} personalized SKUs for interaction scores {@code r}, then popular ones.
   *
   * @param r SKU to r_uj; non-positive scores are ignored; these SKUs are never returned
   * @param docs documents of (at least) the SKUs of {@code r}; missing ones contribute nothing
   * @param excluded further SKUs never returned (the exclude list, the page's SKU)
   */
  static List<Item> recommend(
      Map<String, Double> r,
      Map<String, SkuCache.Compiled> docs,
      SkuIds ids,
      Filter filter,
      Set<String> excluded,
      int n,
      List<Neighbor> popular) {
    int expected = 0;
    for (String j : r.keySet()) {
      SkuCache.Compiled doc = docs.get(j);
      expected += doc == null ? 0 : doc.reverseIds().length;
    }
    Sums sums = new Sums(expected);
    for (Map.Entry<String, Double> e : r.entrySet()) {
      SkuCache.Compiled doc = docs.get(e.getKey());
      double ruj = e.getValue();
      if (doc == null || !(ruj > 0)) {
        continue;
      }
      int[] items = doc.reverseIds();
      double[] scores = doc.reverseScores();
      for (int at = 0; at < items.length; at++) {
        sums.add(items[at], scores[at] * ruj);
      }
    }
    // Bounded min-heap of the n best: a candidate worse than the heap's weakest costs one compare.
    PriorityQueue<Candidate> top = new PriorityQueue<>(n + 1, Scorer::compareWorstFirst);
    for (int slot = 0; slot < sums.keys.length; slot++) {
      int key = sums.keys[slot];
      if (key == 0) {
        continue;
      }
      double score = sums.values[slot];
      // Most candidates score strictly below the heap's weakest: reject them on the number alone,
      // before any lookup or allocation (ties still go through the full comparison).
      if (top.size() == n && score < top.peek().score) {
        continue;
      }
      Neighbor entry = ids.entry(key - 1);
      Candidate c = new Candidate(entry, score);
      if (top.size() == n && compareWorstFirst(c, top.peek()) <= 0) {
        continue;
      }
      String sku = entry.sku();
      if (r.containsKey(sku) || excluded.contains(sku) || !filter.matches(entry)) {
        continue;
      }
      top.add(c);
      if (top.size() > n) {
        top.poll();
      }
    }
    List<Item> out = new ArrayList<>(n);
    for (Candidate c : top) {
      out.add(new Item(c.entry.sku(), c.score, Source.PERSONALIZED, c.entry.category()));
    }
    out.sort(BEST_FIRST);
    Set<String> taken = new HashSet<>(r.keySet());
    taken.addAll(excluded);
    return topUp(out, n, filter, taken, popular);
  }

  /**
   * Up to {@code n} entries of {@code doc}'s own neighbour list passing the filter, then popular
   * ones; a null {@code doc} (unknown SKU) gives popular SKUs only.
   */
  static List<Item> similar(
      String sku,
      SkuDocument doc,
      Filter filter,
      Set<String> excluded,
      int n,
      List<Neighbor> popular) {
    List<Item> out = new ArrayList<>(n);
    Set<String> taken = new HashSet<>(excluded);
    taken.add(sku);
    if (doc != null) {
      for (Neighbor i : doc.similar()) {
        if (out.size() >= n) {
          break;
        }
        if (!taken.contains(i.sku()) && Double.isFinite(i.score()) && filter.matches(i)) {
          out.add(new Item(i.sku(), i.score(), Source.SIMILAR, i.category()));
        }
      }
    }
    return topUp(out, n, filter, taken, popular);
  }

  /** A scored candidate and its entry (for the filter's catalog data). */
  private record Candidate(Neighbor entry, double score) {}

  /**
   * Sums by SKU id in an open-addressing table (linear probing) sized to twice the entries to
   * merge: two flat arrays per request instead of a node per candidate. Keys are id + 1 (0 =
   * empty).
   */
  private static final class Sums {
    final int[] keys;
    final double[] values;
    private final int mask;

    Sums(int expected) {
      int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
      keys = new int[capacity];
      values = new double[capacity];
      mask = capacity - 1;
    }

    void add(int id, double value) {
      int key = id + 1;
      int slot = (key * 0x9E3779B9) >>> 7 & mask; // Fibonacci hashing spreads consecutive ids
      while (true) {
        int k = keys[slot];
        if (k == key) {
          values[slot] += value;
          return;
        }
        if (k == 0) {
          keys[slot] = key;
          values[slot] = value;
          return;
        }
        slot = (slot + 1) & mask;
      }
    }
  }

  /** Negative when {@code a} ranks below {@code b}: lower score, or equal score and larger id. */
  private static int compareWorstFirst(Candidate a, Candidate b) {
    int c = Double.compare(a.score, b.score);
    return c != 0 ? c : b.entry.sku().compareTo(a.entry.sku());
  }

  private static List<Item> topUp(
      List<Item> out, int n, Filter filter, Set<String> taken, List<Neighbor> popular) {
    if (out.size() >= n) {
      return out;
    }
    Set<String> chosen = new HashSet<>(taken);
    for (Item item : out) {
      chosen.add(item.sku());
    }
    for (Neighbor p : popular) {
      if (out.size() >= n) {
        break;
      }
      if (!chosen.contains(p.sku()) && filter.matches(p)) {
        out.add(new Item(p.sku(), p.score(), Source.POPULAR, p.category()));
        chosen.add(p.sku());
      }
    }
    return Collections.unmodifiableList(out);
  }
}
