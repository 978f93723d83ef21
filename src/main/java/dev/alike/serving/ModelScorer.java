package dev.alike.serving;

import dev.alike.model.CustomerVector;
import dev.alike.model.ItemModel;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import dev.alike.model.ScoredSku;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The serving {@link Scorer} over an {@link ItemModel} in memory, by SKU index: what the offline
 * evaluation and {@code alike bench} call, so that they measure the formula and the ranking the
 * function answers with. The model's lists are copied once into the scorer's form (ids and double
 * scores per SKU). Thread-safe.
 */
public final class ModelScorer {
  private final ItemModel model;
  private final int[][] reverseIds;
  private final double[][] reverseScores;
  private final int[][] similarIds;
  private final double[][] similarScores;
  private final int[] popularIds;
  private final double[] popularScores;

  public ModelScorer(ItemModel model) {
    this.model = model;
    int n = model.skus().size();
    reverseIds = new int[n][];
    reverseScores = new double[n][];
    similarIds = new int[n][];
    similarScores = new double[n][];
    for (int j = 0; j < n; j++) {
      reverseIds[j] = ids(model.reverse(), j);
      reverseScores[j] = scores(model.reverse(), j);
      similarIds[j] = ids(model.neighbors(), j);
      similarScores[j] = scores(model.neighbors(), j);
    }
    PopularSkus popular = model.popular();
    popularIds = new int[popular.size()];
    popularScores = new double[popular.size()];
    for (int r = 0; r < popularIds.length; r++) {
      popularIds[r] = popular.sku(r);
      popularScores[r] = popular.score(r);
    }
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
    Scorer scorer = Scorer.start(reverseIds.length);
    for (int e = 0; e < customer.size(); e++) {
      int j = customer.skus()[e];
      scorer.add(reverseIds[j], reverseScores[j], customer.scores()[e]);
    }
    if (excludeSeen) {
      for (int j : customer.skus()) {
        scorer.strike(j);
      }
    }
    scorer.personalized(n, allowed, model.skus()::id);
    scorer.topUp(popularIds, popularScores, n, allowed);
    return scorer.items();
  }

  /**
   * The top {@code n} of {@code sku}'s own neighbour list that pass {@code allowed}, topped up with
   * popular SKUs; an unknown SKU (index < 0) gives popular SKUs only.
   */
  public List<ScoredSku> similar(int sku, int n, IntPredicate allowed) {
    Scorer scorer = Scorer.start(reverseIds.length);
    if (sku >= 0) {
      scorer.strike(sku);
      scorer.listed(similarIds[sku], similarScores[sku], n, allowed);
    }
    scorer.topUp(popularIds, popularScores, n, allowed);
    return scorer.items();
  }

  private static int[] ids(NeighborLists lists, int j) {
    return Arrays.copyOfRange(lists.items(), lists.start(j), lists.end(j));
  }

  private static double[] scores(NeighborLists lists, int j) {
    double[] out = new double[lists.length(j)];
    for (int at = lists.start(j); at < lists.end(j); at++) {
      out[at - lists.start(j)] = lists.score(at);
    }
    return out;
  }
}
