package dev.alike.function;

import dev.alike.model.ScoredSku.Source;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
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
  /** One answer entry. */
  record Item(String sku, double score, Source source) {}

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
      Map<String, SkuDocument> docs,
      Filter filter,
      Set<String> excluded,
      int n,
      List<Neighbor> popular) {
    Map<String, double[]> sums = new HashMap<>();
    Map<String, Neighbor> entries = new HashMap<>();
    for (Map.Entry<String, Double> e : r.entrySet()) {
      SkuDocument doc = docs.get(e.getKey());
      double ruj = e.getValue();
      if (doc == null || !(ruj > 0)) {
        continue;
      }
      for (Neighbor i : doc.reverse()) {
        if (!Double.isFinite(i.score())) {
          continue; // a corrupt stored entry must not poison every score
        }
        double[] sum = sums.get(i.sku());
        if (sum == null) {
          sums.put(i.sku(), new double[] {i.score() * ruj});
          entries.put(i.sku(), i);
        } else {
          sum[0] += i.score() * ruj;
        }
      }
    }
    PriorityQueue<Item> top = new PriorityQueue<>(n + 1, BEST_FIRST.reversed());
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      String sku = e.getKey();
      if (r.containsKey(sku) || excluded.contains(sku) || !filter.matches(entries.get(sku))) {
        continue;
      }
      top.add(new Item(sku, e.getValue()[0], Source.PERSONALIZED));
      if (top.size() > n) {
        top.poll();
      }
    }
    List<Item> out = new ArrayList<>(top);
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
          out.add(new Item(i.sku(), i.score(), Source.SIMILAR));
        }
      }
    }
    return topUp(out, n, filter, taken, popular);
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
        out.add(new Item(p.sku(), p.score(), Source.POPULAR));
        chosen.add(p.sku());
      }
    }
    return Collections.unmodifiableList(out);
  }
}
