package dev.alike.eval;

import dev.alike.model.ColdStart;
import dev.alike.model.CustomerVector;
import dev.alike.model.EventLog;
import dev.alike.model.FitOptions;
import dev.alike.model.InteractionMatrix;
import dev.alike.model.ModelFit;
import dev.alike.model.ProductText;
import dev.alike.model.ScoredSku;
import dev.alike.serving.ModelScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * New products, offline: the events before a time split train the model, the SKUs first sold after
 * it are catalog-only (title and category, no events), and a hit is a customer who buys one after
 * the split having had it in their top n. Two lists per customer: the for-you list itself (new SKUs
 * compete with the known ones) and a new-arrivals row (new SKUs only), where alike's content scores
 * meet popular-in-category and random orders.
 */
public final class ColdStartEvaluation {
  /**
   * @param ratio share of the events (by time) before the split
   * @param top list length n
   * @param fit the collaborative fit
   * @param weights content weights to compare ({@link ColdStart#weight})
   */
  public record Settings(double ratio, int top, FitOptions fit, List<Double> weights) {}

  /**
   * One list's results: share of (customer, new SKU bought) pairs hit, share of those customers
   * hit, and for for-you lists the share of all their (customer, SKU bought after the split, not
   * before) pairs hit, known SKUs included (NaN for new-arrivals rows): what a weight costs the
   * rest of the list.
   */
  public record Row(String name, double pairRecall, double customerHitRate, double allRecall) {}

  /** Split, counts and rows. */
  public record Report(
      long splitTime, int trainSkus, int newSkus, int customers, int pairs, List<Row> rows) {}

  private ColdStartEvaluation() {}

  /**
   * The category Online Retail lacks, derived from the title: its last word (HOLDER, BAG, MUG,
   * CANDLE; noisy where a colour or size comes last); null without a title.
   */
  public static String category(String title) {
    if (title == null || title.isBlank()) {
      return null;
    }
    String[] words = title.trim().split("[^\\p{L}\\p{N}]+");
    return words.length == 0 ? null : words[words.length - 1];
  }

  /** Runs the evaluation on {@code log} with {@code titles} by SKU id. */
  public static Report run(EventLog log, Map<String, String> titles, Settings s) {
    long[] times = new long[log.size()];
    for (int e = 0; e < times.length; e++) {
      times[e] = log.time(e);
    }
    Arrays.sort(times);
    long split = times[(int) Math.min(times.length - 1, (long) (times.length * s.ratio()))];
    EventLog train = new EventLog();
    Map<String, Long> first = new HashMap<>();
    for (int e = 0; e < log.size(); e++) {
      String sku = log.skus().id(log.sku(e));
      first.merge(sku, log.time(e), Math::min);
      if (log.time(e) < split) {
        train.add(log.customers().id(log.customer(e)), sku, log.weight(e), log.time(e));
      }
    }
    List<String> fresh = new ArrayList<>();
    first.forEach((sku, t) -> fresh.add(t >= split ? sku : null));
    fresh.removeIf(x -> x == null);
    fresh.sort(null);
    ModelFit fit = new ModelFit(s.fit());
    InteractionMatrix matrix = fit.interactions(train).withSkus(fresh);
    Set<String> isNew = new HashSet<>(fresh);
    Map<Integer, Set<Integer>> bought = new HashMap<>(); // customer index -> new SKU indices
    Map<Integer, Set<Integer>> boughtAll = new HashMap<>(); // -> every SKU first bought after
    for (int e = 0; e < log.size(); e++) {
      String sku = log.skus().id(log.sku(e));
      int u = matrix.customers().indexOf(log.customers().id(log.customer(e)));
      int j = matrix.skus().indexOf(sku);
      if (u >= 0 && log.time(e) >= split && matrix.value(u, j) == 0) {
        boughtAll.computeIfAbsent(u, x -> new HashSet<>()).add(j);
        if (isNew.contains(sku)) {
          bought.computeIfAbsent(u, x -> new HashSet<>()).add(j);
        }
      }
    }
    int pairs = bought.values().stream().mapToInt(Set::size).sum();
    ProductText[] text = new ProductText[matrix.skuCount()];
    String[] category = new String[matrix.skuCount()];
    for (int i = 0; i < text.length; i++) {
      String title = titles.get(matrix.skus().id(i));
      category[i] = category(title);
      text[i] = new ProductText(title, null, category[i], Map.of());
    }
    IntPredicate newOnly = i -> i >= matrix.skuCount() - fresh.size();
    List<Row> rows = new ArrayList<>();
    ModelScorer plain = new ModelScorer(fit.fit(matrix));
    rows.add(
        score(
            "alike without cold start, for-you list",
            bought,
            boughtAll,
            u -> top(plain, matrix, u, s.top(), null)));
    for (double w : s.weights()) {
      ModelScorer scorer = new ModelScorer(fit.fit(matrix, new ColdStart(1, w), i -> text[i]));
      String name = String.format(java.util.Locale.ROOT, "alike content weight %.2f", w);
      rows.add(
          score(
              name + ", for-you list",
              bought,
              boughtAll,
              u -> top(scorer, matrix, u, s.top(), null)));
      rows.add(
          score(
              name + ", new-arrivals row",
              bought,
              null,
              u -> top(scorer, matrix, u, s.top(), newOnly)));
    }
    CategoryBaseline baseline = new CategoryBaseline(matrix, category, newOnly);
    rows.add(
        score(
            "popular-in-category, new-arrivals row", bought, null, u -> baseline.top(u, s.top())));
    rows.add(score("random, new-arrivals row", bought, null, u -> baseline.random(u, s.top())));
    return new Report(
        split, matrix.skuCount() - fresh.size(), fresh.size(), bought.size(), pairs, rows);
  }

  private static int[] top(
      ModelScorer scorer, InteractionMatrix m, int u, int n, IntPredicate allowed) {
    List<ScoredSku> items = scorer.recommend(CustomerVector.row(m, u), n, true, allowed);
    return items.stream()
        .filter(x -> x.source() == ScoredSku.Source.PERSONALIZED)
        .mapToInt(ScoredSku::sku)
        .toArray();
  }

  /** Scores {@code list} per customer; {@code all} null: no recall over all purchases. */
  private static Row score(
      String name,
      Map<Integer, Set<Integer>> bought,
      Map<Integer, Set<Integer>> all,
      java.util.function.IntFunction<int[]> list) {
    double allRecall = Double.NaN;
    if (all != null) {
      long hit = 0;
      long total = 0;
      for (Map.Entry<Integer, Set<Integer>> e : all.entrySet()) {
        for (int sku : list.apply(e.getKey())) {
          hit += e.getValue().contains(sku) ? 1 : 0;
        }
        total += e.getValue().size();
      }
      allRecall = total == 0 ? 0 : (double) hit / total;
    }
    long hitPairs = 0;
    long pairs = 0;
    int hitCustomers = 0;
    for (Map.Entry<Integer, Set<Integer>> e : bought.entrySet()) {
      int hits = 0;
      for (int sku : list.apply(e.getKey())) {
        hits += e.getValue().contains(sku) ? 1 : 0;
      }
      hitPairs += hits;
      pairs += e.getValue().size();
      hitCustomers += hits > 0 ? 1 : 0;
    }
    return new Row(
        name,
        pairs == 0 ? 0 : (double) hitPairs / pairs,
        bought.isEmpty() ? 0 : (double) hitCustomers / bought.size(),
        allRecall);
  }
}
