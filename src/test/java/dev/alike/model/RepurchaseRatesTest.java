package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link RepurchaseRates} and {@link CustomerHistory} against brute-force counts. */
class RepurchaseRatesTest {
  private static final long T0 = 1_760_000_000L;

  /** A random log and which of its events are purchases. */
  private record Log(EventLog log, boolean[] purchase) {}

  private static Log randomLog(Random random) {
    EventLog log = new EventLog();
    int events = random.nextInt(400);
    boolean[] purchase = new boolean[events];
    int customers = 1 + random.nextInt(15);
    int skus = 1 + random.nextInt(12);
    for (int e = 0; e < events; e++) {
      // Few distinct times, so that one basket's lines share a time; some events untimed.
      long t = random.nextInt(10) == 0 ? EventLog.NO_TIME : T0 + 3600L * random.nextInt(40);
      // Orders on some events: a few per customer, so that lines share them.
      long order = random.nextBoolean() ? EventLog.NO_ORDER : 1 + random.nextInt(6);
      log.add(
          log.customers().add("c/" + random.nextInt(customers) + "é"),
          log.skus().add("s" + random.nextInt(skus) + "/日"),
          1,
          t,
          order,
          EventLog.NO_TYPE);
      purchase[e] = random.nextInt(3) == 0;
    }
    return new Log(log, purchase);
  }

  @Test
  void randomLogs_ratesAndIntervals_sameAsBruteForce() {
    Random random = new Random(11);
    for (int trial = 0; trial < 300; trial++) {
      Log l = randomLog(random);
      RepurchaseRates rates = RepurchaseRates.of(l.log(), e -> l.purchase()[e]);
      // customer -> sku -> distinct purchase times (for gaps), and its occasions: distinct
      // orders, distinct times of events without an order, events with neither.
      Map<Integer, Map<Integer, TreeSet<Long>>> times = new HashMap<>();
      Map<Integer, Map<Integer, Set<String>>> occasionKeys = new HashMap<>();
      for (int e = 0; e < l.log().size(); e++) {
        if (!l.purchase()[e]) {
          continue;
        }
        int u = l.log().customer(e);
        int j = l.log().sku(e);
        long t = l.log().time(e);
        times.computeIfAbsent(u, k -> new HashMap<>()).computeIfAbsent(j, k -> new TreeSet<>());
        if (t != EventLog.NO_TIME) {
          times.get(u).get(j).add(t);
        }
        long order = l.log().order(e);
        String key =
            order != EventLog.NO_ORDER
                ? "order " + order
                : t != EventLog.NO_TIME ? "time " + t : "event " + e;
        occasionKeys
            .computeIfAbsent(u, k -> new HashMap<>())
            .computeIfAbsent(j, k -> new HashSet<>())
            .add(key);
      }
      for (int j = 0; j < l.log().skus().size(); j++) {
        int buyers = 0;
        int repeaters = 0;
        List<Long> gaps = new ArrayList<>();
        for (int u : times.keySet()) {
          TreeSet<Long> ts = times.get(u).get(j);
          if (ts == null) {
            continue;
          }
          buyers++;
          int occasions = occasionKeys.get(u).get(j).size();
          repeaters += occasions >= 2 ? 1 : 0;
          Long previous = null;
          for (long t : ts) {
            if (previous != null) {
              gaps.add(t - previous);
            }
            previous = t;
          }
        }
        gaps.sort(null);
        float expected = repeaters == 0 ? 0 : (float) (repeaters / (buyers + 5.0));
        String where = "trial " + trial + " sku " + l.log().skus().id(j);
        assertEquals(expected, rates.rate(j), where);
        assertEquals(
            gaps.isEmpty() ? 0 : gaps.get((gaps.size() - 1) / 2), rates.interval(j), where);
      }
    }
  }

  @Test
  void linesOfOneOrder_areOneOccasion_twoOrdersAtOneTimeAreTwo() {
    EventLog log = new EventLog();
    int c = log.customers().add("c");
    int a = log.skus().add("a");
    int b = log.skus().add("b");
    log.add(c, a, 1, T0, 7, EventLog.NO_TYPE);
    log.add(c, a, 1, T0 + 5, 7, EventLog.NO_TYPE); // a line of the same order, seconds later
    log.add(c, b, 1, T0, 8, EventLog.NO_TYPE);
    log.add(c, b, 1, T0, 9, EventLog.NO_TYPE);
    RepurchaseRates rates = RepurchaseRates.of(log, e -> true);
    assertEquals(0, rates.rate(a));
    assertEquals((float) (1 / 6.0), rates.rate(b));
    assertEquals(0, rates.interval(b), "no gap between equal times");
  }

  @Test
  void oneCustomerBuyingTwice_doesNotOutrankAThirdOfAHundredBuyers() {
    assertEquals(1 / 6.0, RepurchaseRates.rate(1, 1), 1e-12);
    assertTrue(RepurchaseRates.rate(1, 1) < RepurchaseRates.rate(100, 30));
    assertEquals(0, RepurchaseRates.rate(1000, 0));
  }

  @Test
  void linesOfOneBasket_areOneOccasion_andNoPurchaseMeansNoRate() {
    EventLog log = new EventLog();
    log.add("c1", "a", 1, T0);
    log.add("c1", "a", 1, T0); // the same basket, a second line
    log.add("c2", "b", 1, T0);
    log.add("c2", "b", 1, T0 + 86_400);
    log.add("c3", "b", 1, T0 + 10);
    RepurchaseRates rates = RepurchaseRates.of(log, e -> true);
    assertEquals(0, rates.rate(log.skus().indexOf("a")));
    assertEquals((float) (1 / 7.0), rates.rate(log.skus().indexOf("b")));
    assertEquals(86_400, rates.interval(log.skus().indexOf("b")));
    RepurchaseRates none = RepurchaseRates.of(log, e -> false);
    assertEquals(0, none.rate(log.skus().indexOf("b")));
  }

  @Test
  void randomLogs_customerHistory_sameAsBruteForce() {
    Random random = new Random(5);
    for (int trial = 0; trial < 300; trial++) {
      Log l = randomLog(random);
      InteractionMatrix m = InteractionMatrix.build(l.log(), 0, 1 + random.nextInt(8));
      CustomerHistory h = CustomerHistory.of(l.log(), m, e -> l.purchase()[e]);
      long[] seen = new long[m.nnz()];
      long[] bought = new long[m.nnz()];
      java.util.Arrays.fill(bought, CustomerHistory.NOT_BOUGHT);
      boolean anyTime = false;
      boolean anyPurchase = false;
      for (int e = 0; e < l.log().size(); e++) {
        int u = l.log().customer(e);
        long t = l.log().time(e) == EventLog.NO_TIME ? 0 : l.log().time(e);
        for (int at = m.rowPtr()[u]; at < m.rowPtr()[u + 1]; at++) {
          if (m.rowSkus()[at] == l.log().sku(e)) {
            seen[at] = Math.max(seen[at], t);
            anyTime |= t != 0;
            if (l.purchase()[e]) {
              bought[at] = Math.max(bought[at], t);
              anyPurchase = true;
            }
          }
        }
      }
      String where = "trial " + trial;
      if (anyTime) {
        assertEquals(java.util.Arrays.toString(seen), java.util.Arrays.toString(h.seen()), where);
      } else {
        assertEquals(null, h.seen(), where);
      }
      if (anyPurchase) {
        assertEquals(
            java.util.Arrays.toString(bought), java.util.Arrays.toString(h.bought()), where);
      } else {
        assertEquals(null, h.bought(), where);
      }
    }
  }
}
