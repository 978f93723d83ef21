package dev.alike.serving;

import dev.alike.model.ScoredSku.Source;
import dev.alike.store.CustomerProfile;
import dev.alike.store.Neighbor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The lists made from a customer's own history, without a model score: "buy it again" and "recently
 * viewed". Both are short (a profile holds at most a few hundred SKUs), so each is a sort of the
 * profile's SKUs, not a merge of lists. Neither is topped up: an item the customer never touched
 * would not belong in it, and a shop hides an empty row.
 */
final class HistoryLists {
  private HistoryLists() {}

  /**
   * The SKUs {@code profile} bought whose document has a repeat-purchase rate, best first: score =
   * rate x min(1, seconds since the customer's last purchase / the SKU's median interval), so a SKU
   * bought again by many buyers leads once its usual interval has passed, and one just bought
   * waits. Without a purchase time or a known interval the factor is 1. Ties by SKU id. SKUs
   * without a document (unknown to the version) or a rate, and SKUs a catalog update made
   * unavailable, never appear.
   *
   * @param docs the compiled documents of the profile's bought SKUs (absent: no document)
   * @param now epoch seconds the elapsed times are measured to
   */
  static List<Item> buyAgain(
      CustomerProfile profile,
      Map<String, SkuLists> docs,
      SkuIds ids,
      Filter filter,
      int n,
      long now) {
    List<Item> out = new ArrayList<>();
    profile
        .bought()
        .forEach(
            (sku, time) -> {
              SkuLists doc = docs.get(sku);
              if (doc == null
                  || !(doc.rebuy() > 0)
                  || filter.exclude().contains(sku)
                  || ids.hidden(doc.self())) {
                return;
              }
              Neighbor entry = ids.entry(doc.self());
              if (filter.matches(entry)) {
                out.add(new Item(sku, score(doc, time, now), Source.BUY_AGAIN, entry.category()));
              }
            });
    return top(out, n);
  }

  /** The buy-again score of a SKU last bought at {@code time} (the method comment's formula). */
  static double score(SkuLists doc, long time, long now) {
    if (time == CustomerProfile.NO_TIME || doc.rebuyAfter() == 0) {
      return doc.rebuy();
    }
    double elapsed = Math.max(0, now - time);
    return doc.rebuy() * Math.min(1, elapsed / doc.rebuyAfter());
  }

  /**
   * The SKUs {@code profile} interacted with and did not buy, newest first (score: the epoch
   * seconds of the customer's newest event on it), ties by SKU id. SKUs without a time (a build
   * from events without timestamps) are left out. A SKU without a document in the version (new
   * since the build, or retired) is kept unless a filter (category, attributes, an expression) asks
   * for catalog data it does not have. SKUs a catalog update made unavailable are left out, as in
   * every list.
   */
  static List<Item> recentlyViewed(
      CustomerProfile profile, Map<String, SkuLists> docs, SkuIds ids, Filter filter, int n) {
    boolean catalogFilter = !filter.passesAll();
    List<Item> out = new ArrayList<>();
    profile
        .seen()
        .forEach(
            (sku, time) -> {
              if (profile.bought().containsKey(sku) || filter.exclude().contains(sku)) {
                return;
              }
              SkuLists doc = docs.get(sku);
              int id = doc == null ? ids.lookup(sku) : doc.self();
              if (id >= 0 && ids.hidden(id)) {
                return; // made unavailable by a catalog update, as in every list
              }
              Neighbor entry = doc == null ? null : ids.entry(doc.self());
              if (entry == null ? !catalogFilter : filter.matches(entry)) {
                String category = entry == null ? null : entry.category();
                out.add(new Item(sku, time, Source.RECENTLY_VIEWED, category));
              }
            });
    return top(out, n);
  }

  private static List<Item> top(List<Item> items, int n) {
    items.sort(Comparator.comparingDouble(Item::score).reversed().thenComparing(Item::sku));
    return List.copyOf(items.subList(0, Math.min(n, items.size())));
  }
}
