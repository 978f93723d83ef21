package dev.alike.eval;

import dev.alike.model.EventLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How events are divided into training and test parts. Every method moves whole (customer, SKU)
 * pairs: all events of a pair land on the same side (the global time cut excepted, see {@link
 * #TIME}). Results depend only on the log, the ratio and the seed.
 */
public enum SplitMethod {
  /**
   * Per-customer stratified random (Microsoft Recommenders' {@code python_stratified_split}, their
   * quick-start protocol): each customer's pairs are shuffled and round(ratio * n) go to training.
   */
  USER,
  /** The same, stratified per SKU (their benchmark table's protocol). */
  ITEM,
  /**
   * Per-customer temporal: each customer's pairs ordered by first event time (ties shuffled by the
   * seed), the latest (1 - ratio) held out. Needs timestamps.
   */
  TEMPORAL,
  /**
   * Global time cut at the ratio-quantile of event times: training = events before the cut; test =
   * pairs whose first event is at or after it (new SKUs for that customer). Needs timestamps.
   */
  TIME;

  /** Lower-case name for reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Splits {@code log}.
   *
   * @param ratio training share in (0, 1)
   * @throws IllegalArgumentException for a ratio outside (0, 1), or a temporal method on a log
   *     without timestamps
   */
  public Split apply(EventLog log, double ratio, long seed) {
    if (!(ratio > 0 && ratio < 1)) {
      throw new IllegalArgumentException("split ratio must be in (0, 1), was " + ratio);
    }
    if ((this == TEMPORAL || this == TIME) && log.newestTime() == EventLog.NO_TIME) {
      throw new IllegalArgumentException(
          "split \"" + label() + "\" needs timestamps, and these events have none");
    }
    Pairs pairs = new Pairs(log);
    boolean[] test = new boolean[pairs.count];
    SplittableRandom random = new SplittableRandom(seed);
    if (this == TIME) {
      return timeCut(log, pairs, ratio);
    }
    int groups = this == ITEM ? log.skus().size() : log.customers().size();
    for (int[] group : pairs.groups(this == ITEM, groups)) {
      shuffle(group, random);
      if (this == TEMPORAL) {
        sortByFirstTime(group, pairs);
      }
      int train = trainCount(group.length, ratio);
      for (int g = train; g < group.length; g++) {
        test[group[g]] = true;
      }
    }
    return build(log, pairs, test, null);
  }

  /**
   * round-half-even(ratio * n) as Python rounds, but at least 1 and at most n - 1 once n >= 2, so
   * every customer with two pairs has both a training and a test side (Recommenders' split gives
   * round(1.5) = 2 to training; on MovieLens, where every user has >= 20 ratings, the two never
   * differ).
   */
  static int trainCount(int n, double ratio) {
    int train = (int) Math.rint(ratio * n);
    return n >= 2 ? Math.max(1, Math.min(n - 1, train)) : train;
  }

  private static Split timeCut(EventLog log, Pairs pairs, double ratio) {
    long[] times = new long[log.size()];
    for (int e = 0; e < times.length; e++) {
      times[e] = log.time(e);
    }
    Arrays.sort(times);
    long cut = times[(int) Math.min(times.length - 1, Math.round(ratio * times.length))];
    boolean[] test = new boolean[pairs.count];
    for (int p = 0; p < pairs.count; p++) {
      test[p] = pairs.firstTime[p] != EventLog.NO_TIME && pairs.firstTime[p] >= cut;
    }
    return build(log, pairs, test, cut);
  }

  private static void sortByFirstTime(int[] group, Pairs pairs) {
    Integer[] boxed = new Integer[group.length];
    for (int g = 0; g < group.length; g++) {
      boxed[g] = group[g];
    }
    // Stable sort after the shuffle: equal times stay in the seeded random order.
    Arrays.sort(boxed, (a, b) -> Long.compare(pairs.firstTime[a], pairs.firstTime[b]));
    for (int g = 0; g < group.length; g++) {
      group[g] = boxed[g];
    }
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Training events: those of non-test pairs, and before {@code cut} when there is one. */
  private static Split build(EventLog log, Pairs pairs, boolean[] test, Long cut) {
    EventLog train = new EventLog(log.customers(), log.skus(), log.size());
    for (int e = 0; e < log.size(); e++) {
      boolean before = cut == null || log.time(e) == EventLog.NO_TIME || log.time(e) < cut;
      if (!test[pairs.pairOfEvent[e]] && before) {
        train.add(
            log.customer(e), log.sku(e), log.weight(e), log.time(e), log.order(e), log.type(e));
      }
    }
    List<List<Integer>> held = new ArrayList<>();
    for (int u = 0; u < log.customers().size(); u++) {
      held.add(new ArrayList<>());
    }
    for (int p = 0; p < pairs.count; p++) {
      if (test[p]) {
        held.get(pairs.customer[p]).add(pairs.sku[p]);
      }
    }
    int[][] heldOut = new int[held.size()][];
    for (int u = 0; u < heldOut.length; u++) {
      heldOut[u] = held.get(u).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return new Split(train, heldOut);
  }
}
