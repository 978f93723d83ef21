package dev.alike.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Serves an {@link ItemModel} in memory, by SKU index.
 *
 * <p>Recommended for you follows the design's formula: score(i) = sum over j in S^k(i;u) of s_ij *
 * r_uj, where S^k(i;u) are the customer's SKUs among i's k nearest neighbours. Merging the
 * <em>reverse</em> lists of the customer's SKUs gives exactly that sum. Weights s_ij may be
 * negative (EASE): a SKU whose total is <= 0 is never recommended, only popular SKUs top up.
 * Thread-safe: scratch space is per thread.
 */
public final class Recommender {
  private final ItemModel model;
  private final int[] ranks;
  private final ThreadLocal<Scratch> scratch;

  public Recommender(ItemModel model) {
    this.model = model;
    this.ranks = model.skus().sortedRanks();
    int n = model.skus().size();
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(n));
  }

  public ItemModel model() {
    return model;
  }

  /**
   * The top {@code n} SKUs for a customer.
   *
   * @param customer the customer's SKUs and scores; empty or unknown-only gives popular SKUs
   * @param excludeSeen drop SKUs the customer already has (the default everywhere but tests)
   * @param allowed SKUs that may be returned (filters, availability); null allows all
   * @return at most n items; fewer only when even the popular list runs out
   */
  public List<ScoredSku> recommend(
      CustomerVector customer, int n, boolean excludeSeen, IntPredicate allowed) {
    Scratch s = scratch.get();
    s.nextGeneration();
    NeighborLists reverse = model.reverse();
    for (int e = 0; e < customer.size(); e++) {
      int j = customer.skus()[e];
      double r = customer.scores()[e];
      if (!(r > 0)) {
        continue; // as the function's Scorer: a non-positive score says nothing about j
      }
      for (int at = reverse.start(j); at < reverse.end(j); at++) {
        s.add(reverse.item(at), reverse.score(at) * r);
      }
    }
    if (excludeSeen) {
      for (int j : customer.skus()) {
        s.exclude(j);
      }
    }
    List<ScoredSku> out = s.best(n, allowed, ranks, ScoredSku.Source.PERSONALIZED);
    topUp(out, n, s, allowed);
    return out;
  }

  /**
   * The top {@code n} of {@code sku}'s own neighbour list that pass {@code allowed}, topped up with
   * popular SKUs; an unknown SKU (index < 0) gives popular SKUs only.
   */
  public List<ScoredSku> similar(int sku, int n, IntPredicate allowed) {
    Scratch s = scratch.get();
    s.nextGeneration();
    List<ScoredSku> out = new ArrayList<>(n);
    if (sku >= 0) {
      s.exclude(sku);
      NeighborLists lists = model.neighbors();
      for (int at = lists.start(sku); at < lists.end(sku) && out.size() < n; at++) {
        int i = lists.item(at);
        if (allowed == null || allowed.test(i)) {
          out.add(new ScoredSku(i, lists.score(at), ScoredSku.Source.SIMILAR));
          s.exclude(i);
        }
      }
    }
    topUp(out, n, s, allowed);
    return out;
  }

  private void topUp(List<ScoredSku> out, int n, Scratch s, IntPredicate allowed) {
    PopularSkus popular = model.popular();
    for (int r = 0; r < popular.size() && out.size() < n; r++) {
      int j = popular.sku(r);
      if (!s.isExcluded(j) && (allowed == null || allowed.test(j))) {
        out.add(new ScoredSku(j, popular.score(r), ScoredSku.Source.POPULAR));
        s.exclude(j);
      }
    }
  }

  /** Dense per-thread accumulator with generation stamps, so nothing is cleared per request. */
  private static final class Scratch {
    private final double[] score;
    private final int[] stamp;
    private final int[] candidates;
    private int count;
    private int generation;

    Scratch(int n) {
      score = new double[n];
      stamp = new int[n];
      candidates = new int[n];
    }

    void nextGeneration() {
      count = 0;
      generation += 2;
      if (generation < 0) {
        java.util.Arrays.fill(stamp, 0);
        generation = 2;
      }
    }

    /** stamp == generation: candidate; generation + 1: excluded. */
    void add(int item, double value) {
      int st = stamp[item];
      if (st == generation) {
        score[item] += value;
      } else if (st != generation + 1) {
        stamp[item] = generation;
        score[item] = value;
        candidates[count++] = item;
      }
    }

    void exclude(int item) {
      stamp[item] = generation + 1;
    }

    boolean isExcluded(int item) {
      return stamp[item] == generation + 1;
    }

    List<ScoredSku> best(int n, IntPredicate allowed, int[] ranks, ScoredSku.Source source) {
      int m = 0;
      for (int c = 0; c < count; c++) {
        int item = candidates[c];
        // Only positive totals: with regression weights (EASE) a sum can be <= 0, which says
        // "less likely than average", not a reason to recommend; popular SKUs fill the gap.
        if (stamp[item] == generation
            && score[item] > 0
            && (allowed == null || allowed.test(item))) {
          candidates[m++] = item;
        }
      }
      int kept = Selection.topN(candidates, m, n, score, ranks);
      List<ScoredSku> out = new ArrayList<>(n);
      for (int c = 0; c < kept; c++) {
        out.add(new ScoredSku(candidates[c], score[candidates[c]], source));
        exclude(candidates[c]);
      }
      return out;
    }
  }
}
