package dev.alike.eval;

import dev.alike.model.BoughtTogether;
import dev.alike.model.EventLog;
import dev.alike.model.FitOptions;
import dev.alike.model.InteractionMatrix;
import dev.alike.model.ItemModel;
import dev.alike.model.ModelFit;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import dev.alike.model.Similarities;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bought-together evaluation: a time split (the earliest {@code ratio} of the timed events
 * train), then for every later order with two or more SKUs, its first SKU is asked and the answer
 * is a hit when another SKU of the same order is among its top {@code top}. Every list is topped up
 * from the training popular list (the asked SKU left out), as serving tops up; "served" is the
 * endpoint's own order: bought together, then similar products, then popular.
 */
public final class BasketEvaluation {
  /**
   * One candidate's outcome.
   *
   * @param listed asked SKUs whose own list (before the top-up) was not empty
   * @param distinct distinct SKUs in all answers: low when bestsellers fill every list
   */
  public record Result(String name, int asked, int hits, int listed, int distinct) {
    public double hitRate() {
      return asked == 0 ? 0 : hits / (double) asked;
    }
  }

  /** The split and every candidate's result. */
  public record Report(long cut, int trainEvents, int testOrders, List<Result> results) {
    /** A table: one line per candidate with its hit rate and list coverage. */
    public String text() {
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              Locale.ROOT,
              "train: %,d events before %s; test: %,d orders with 2+ SKUs%n",
              trainEvents,
              java.time.Instant.ofEpochSecond(cut),
              testOrders));
      b.append(
          String.format(
              Locale.ROOT, "%-36s %8s %8s %8s%n", "candidate", "hit@k", "listed", "distinct"));
      for (Result r : results) {
        b.append(
            String.format(
                Locale.ROOT,
                "%-36s %8.4f %8.4f %8d%n",
                r.name(),
                r.hitRate(),
                r.asked() == 0 ? 0 : r.listed() / (double) r.asked(),
                r.distinct()));
      }
      return b.toString();
    }
  }

  private BasketEvaluation() {}

  /**
   * Runs the evaluation on {@code log} (events with order keys and times).
   *
   * @param scorings bought-together scorings to compare ({@link Similarities#parse} names)
   * @param similar the options of the "similar products" model (its similarity and k)
   * @throws IllegalArgumentException when no event has a time or an order key
   */
  public static Report run(
      EventLog log, double ratio, int top, List<String> scorings, FitOptions similar) {
    long cut = cut(log, ratio);
    EventLog train = new EventLog(log.customers(), log.skus(), log.size());
    Map<Long, List<Integer>> orders = new LinkedHashMap<>();
    for (int e = 0; e < log.size(); e++) {
      long t = log.time(e);
      if (t == EventLog.NO_TIME || t < cut) {
        train.add(
            log.customer(e), log.sku(e), log.weight(e), log.time(e), log.order(e), log.type(e));
      } else if (log.order(e) != EventLog.NO_ORDER) {
        List<Integer> skus = orders.computeIfAbsent(log.order(e), o -> new ArrayList<>());
        if (!skus.contains(log.sku(e))) {
          skus.add(log.sku(e));
        }
      }
    }
    orders.values().removeIf(skus -> skus.size() < 2);
    InteractionMatrix matrix =
        InteractionMatrix.build(train, 0, FitOptions.DEFAULT_MAX_SKUS_PER_CUSTOMER);
    ItemModel model = new ModelFit(similar).fit(matrix);
    PopularSkus popular = model.popular();
    List<Result> results = new ArrayList<>();
    results.add(score("popular", orders, top, popular));
    results.add(
        score(
            "similar (" + similar.similarity().name() + ")",
            orders,
            top,
            popular,
            model.neighbors()));
    NeighborLists served = null;
    for (String spec : scorings) {
      NeighborLists lists =
          BoughtTogether.of(train, log.skus(), Similarities.parse(spec), top, similar.threads())
              .lists();
      if (spec.equals(BoughtTogether.DEFAULT)) {
        served = lists;
      }
      results.add(score("together " + spec, orders, top, popular, lists));
    }
    if (served != null) {
      results.add(
          score(
              "served: together, similar, popular",
              orders,
              top,
              popular,
              served,
              model.neighbors()));
    }
    return new Report(cut, train.size(), orders.size(), results);
  }

  /** The time below which the earliest {@code ratio} of the timed events lie. */
  private static long cut(EventLog log, double ratio) {
    long[] times = new long[log.size()];
    int n = 0;
    for (int e = 0; e < log.size(); e++) {
      if (log.time(e) != EventLog.NO_TIME) {
        times[n++] = log.time(e);
      }
    }
    if (n == 0 || !log.hasOrders()) {
      throw new IllegalArgumentException(
          "the bought-together evaluation needs events with times and order ids");
    }
    Arrays.sort(times, 0, n);
    return times[Math.min(n - 1, (int) (ratio * n))];
  }

  /** Asks each order's first SKU; {@code lists} are tried in order, then popular. */
  private static Result score(
      String name,
      Map<Long, List<Integer>> orders,
      int top,
      PopularSkus popular,
      NeighborLists... lists) {
    int hits = 0;
    int listed = 0;
    java.util.BitSet shown = new java.util.BitSet();
    for (List<Integer> order : orders.values()) {
      int asked = order.get(0);
      int[] answer = new int[top];
      int count = 0;
      for (NeighborLists l : lists) {
        if (asked < l.size()) {
          if (l == lists[0] && l.length(asked) > 0) {
            listed++;
          }
          for (int at = l.start(asked); at < l.end(asked) && count < top; at++) {
            count = offer(answer, count, l.item(at), asked);
          }
        }
      }
      for (int r = 0; r < popular.size() && count < top; r++) {
        count = offer(answer, count, popular.sku(r), asked);
      }
      for (int x = 0; x < count; x++) {
        shown.set(answer[x]);
      }
      for (int x = 0; x < count; x++) {
        if (order.indexOf(answer[x]) > 0) {
          hits++;
          break;
        }
      }
    }
    return new Result(name, orders.size(), hits, listed, shown.cardinality());
  }

  private static int offer(int[] answer, int count, int sku, int asked) {
    if (sku == asked) {
      return count;
    }
    for (int x = 0; x < count; x++) {
      if (answer[x] == sku) {
        return count;
      }
    }
    answer[count] = sku;
    return count + 1;
  }
}
