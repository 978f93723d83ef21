package dev.alike.serving;

import dev.alike.model.CustomerVector;
import dev.alike.model.ItemModel;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import dev.alike.model.ScoredSku;
import dev.alike.model.ScoredSku.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The oracle the serving scorer is checked against: the design's formula written as plainly as
 * possible over an {@link ItemModel} (sum every reverse-list product into a map, sort all
 * candidates, take the top n, top up from the popular list), with no scratch space, stamps or
 * bounded heaps.
 */
public final class ReferenceRecommender {
  private final ItemModel model;

  public ReferenceRecommender(ItemModel model) {
    this.model = model;
  }

  /** As {@link ModelScorer#recommend}. */
  public List<ScoredSku> recommend(
      CustomerVector customer, int n, boolean excludeSeen, IntPredicate allowed) {
    NeighborLists reverse = model.reverse();
    Map<Integer, Double> sums = new HashMap<>();
    for (int e = 0; e < customer.size(); e++) {
      int j = customer.skus()[e];
      double r = customer.scores()[e];
      if (r > 0) {
        for (int at = reverse.start(j); at < reverse.end(j); at++) {
          sums.merge(reverse.item(at), reverse.score(at) * r, Double::sum);
        }
      }
    }
    Set<Integer> taken = new HashSet<>();
    if (excludeSeen) {
      for (int j : customer.skus()) {
        taken.add(j);
      }
    }
    List<Integer> ranked = new ArrayList<>();
    sums.forEach(
        (i, sum) -> {
          if (sum > 0 && !taken.contains(i) && (allowed == null || allowed.test(i))) {
            ranked.add(i);
          }
        });
    ranked.sort(
        Comparator.<Integer>comparingDouble(i -> -sums.get(i))
            .thenComparing(i -> model.skus().id(i)));
    List<ScoredSku> out = new ArrayList<>();
    for (int i : ranked.subList(0, Math.min(n, ranked.size()))) {
      out.add(new ScoredSku(i, sums.get(i), Source.PERSONALIZED));
      taken.add(i);
    }
    return topUp(out, n, taken, allowed);
  }

  /** As {@link ModelScorer#similar}. */
  public List<ScoredSku> similar(int sku, int n, IntPredicate allowed) {
    List<ScoredSku> out = new ArrayList<>();
    Set<Integer> taken = new HashSet<>();
    if (sku >= 0) {
      taken.add(sku);
      NeighborLists lists = model.neighbors();
      for (int at = lists.start(sku); at < lists.end(sku) && out.size() < n; at++) {
        int i = lists.item(at);
        if (!taken.contains(i) && (allowed == null || allowed.test(i))) {
          out.add(new ScoredSku(i, lists.score(at), Source.SIMILAR));
          taken.add(i);
        }
      }
    }
    return topUp(out, n, taken, allowed);
  }

  private List<ScoredSku> topUp(
      List<ScoredSku> out, int n, Set<Integer> taken, IntPredicate allowed) {
    PopularSkus popular = model.popular();
    for (int r = 0; r < popular.size() && out.size() < n; r++) {
      int j = popular.sku(r);
      if (taken.add(j) && (allowed == null || allowed.test(j))) {
        out.add(new ScoredSku(j, popular.score(r), Source.POPULAR));
      }
    }
    return out;
  }
}
