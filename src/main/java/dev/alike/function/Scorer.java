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
 * each j's reverse list; weights may be negative (EASE) and a SKU whose total is <= 0 is never
 * returned, as in the model's Recommender. Pure computation: the caller fetches documents.
 * Thread-safe (no state).
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
    Sums sums = SUMS.get().reset(expected);
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
    // Seen and excluded SKUs are struck out of the table by id, so the loop below needs no string
    // lookups (a SKU no cached document mentions has no id and cannot be a candidate anyway).
    for (String j : r.keySet()) {
      sums.strike(ids.lookup(j));
    }
    for (String j : excluded) {
      sums.strike(ids.lookup(j));
    }
    // Bounded min-heap of the n best: a candidate worse than the heap's weakest costs one compare.
    PriorityQueue<Candidate> top = new PriorityQueue<>(n + 1, Scorer::compareWorstFirst);
    for (int u = 0; u < sums.count; u++) {
      int slot = sums.used[u];
      int key = sums.keys[slot];
      double score = sums.values[slot];
      // Struck SKUs read -infinity; a total <= 0 (negative EASE weights) is no recommendation.
      if (!(score > 0)) {
        continue;
      }
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
      if (!filter.matches(entry)) {
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

  /** One table per thread, reused across requests: no per-request allocation of the table. */
  private static final ThreadLocal<Sums> SUMS = ThreadLocal.withInitial(Sums::new);

  /**
   * Sums by SKU id in an open-addressing table (linear probing) of at least twice the entries to
   * merge, reused per thread: keys are id + 1 (0 = empty), and the slots in use are listed so that
   * reading and clearing cost the candidates, not the table's capacity.
   */
  private static final class Sums {
    int[] keys = new int[0];
    double[] values = new double[0];
    int[] used = new int[0];
    int count;
    private int mask;

    /** Empties the table and makes room for {@code expected} entries. */
    Sums reset(int expected) {
      int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
      if (capacity > keys.length) {
        keys = new int[capacity];
        values = new double[capacity];
        used = new int[capacity];
      } else {
        for (int u = 0; u < count; u++) {
          keys[used[u]] = 0;
        }
      }
      // Use only the first `capacity` slots even when an earlier, bigger request grew the arrays:
      // a small request then stays within a few cache lines.
      mask = capacity - 1;
      count = 0;
      return this;
    }

    /** Marks {@code id} as never to be returned (no-op for -1 or an id not in the table). */
    void strike(int id) {
      if (id < 0) {
        return;
      }
      int key = id + 1;
      int slot = (key * 0x9E3779B9) >>> 7 & mask;
      while (keys[slot] != 0) {
        if (keys[slot] == key) {
          values[slot] = Double.NEGATIVE_INFINITY;
          return;
        }
        slot = (slot + 1) & mask;
      }
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
          used[count++] = slot;
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
