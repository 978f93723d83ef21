package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link BoughtTogether} against brute-force counts, a worked example and named edge cases. */
class BoughtTogetherTest {
  private static final byte BROWSE = 0;
  private static final byte CART = 1;
  private static final byte PURCHASE = 2;
  private static final byte CLICK = 3;

  /** Appends one event of order {@code order} (0: none). */
  private static void add(EventLog log, String customer, String sku, long order, byte type) {
    log.add(log.customers().add(customer), log.skus().add(sku), 1, 0, order, type);
  }

  /** The score to 4 decimals: the kernel's float steps differ from the formula's last bits. */
  private static String round(double score) {
    return String.format(java.util.Locale.ROOT, "%.4f", score);
  }

  /** "sku:score:support" per entry of SKU {@code sku}'s list. */
  private static List<String> list(BoughtTogether.Lists r, IdIndex skus, String sku) {
    NeighborLists l = r.lists();
    int i = skus.indexOf(sku);
    List<String> out = new ArrayList<>();
    for (int at = l.start(i); at < l.end(i); at++) {
      out.add(skus.id(l.item(at)) + ":" + round(l.score(at)) + ":" + r.support(at));
    }
    return out;
  }

  /**
   * Orders o1-o4: o1 {a, b, c}, o2 {a, b}, o3 {a, c}, o4 {a}. Counts: a in 4 orders, b in 2, c in
   * 2; a&b 2, a&c 2, b&c 1. Raw counts (asymmetric:1) for a: b 2/4, c 2/4; cosine a-b 2/sqrt(8).
   */
  @Test
  void workedExample_countsCosineAndSupport() {
    EventLog log = new EventLog();
    add(log, "u1", "a", 1, PURCHASE);
    add(log, "u1", "b", 1, PURCHASE);
    add(log, "u1", "c", 1, CART);
    add(log, "u2", "a", 2, PURCHASE);
    add(log, "u2", "b", 2, PURCHASE);
    add(log, "u3", "a", 3, PURCHASE);
    add(log, "u3", "c", 3, PURCHASE);
    add(log, "u4", "a", 4, PURCHASE);
    BoughtTogether.Lists cosine =
        BoughtTogether.of(log, log.skus(), Similarities.parse("cosine"), 10, 1);
    String ab = round(2 / Math.sqrt(8));
    assertEquals(List.of("b:" + ab + ":2", "c:" + ab + ":2"), list(cosine, log.skus(), "a"));
    assertEquals(List.of("a:" + ab + ":2", "c:0.5000:1"), list(cosine, log.skus(), "b"));
    assertEquals(4, cosine.orders());
    BoughtTogether.Lists supported =
        BoughtTogether.of(log, log.skus(), Similarities.parse("cosine+support:2"), 10, 1);
    assertEquals(List.of("a:" + ab + ":2"), list(supported, log.skus(), "b"));
    BoughtTogether.Lists counts =
        BoughtTogether.of(log, log.skus(), Similarities.parse("asymmetric:1"), 10, 1);
    assertEquals(List.of("b:0.5000:2", "c:0.5000:2"), list(counts, log.skus(), "a"));
  }

  @Test
  void randomOrders_sameAsBruteForce_forEveryScoring() {
    Random random = new Random(5);
    String[] scorings = {
      "asymmetric:1",
      "cosine",
      "asymmetric:0",
      "jaccard",
      "cosine+support:2",
      "asymmetric:0+support:3"
    };
    for (int trial = 0; trial < 60; trial++) {
      EventLog log = new EventLog();
      int skuCount = 2 + random.nextInt(25);
      int orders = random.nextInt(120);
      Map<Long, Set<Integer>> baskets = new HashMap<>();
      for (int o = 1; o <= orders; o++) {
        int lines = 1 + random.nextInt(6);
        for (int l = 0; l < lines; l++) {
          int sku = (int) Math.min(skuCount - 1, Math.abs(random.nextGaussian()) * skuCount / 2);
          byte type = (byte) (random.nextInt(5) - 1); // NO_TYPE, browse, cart, purchase, click
          long order = random.nextInt(10) == 0 ? EventLog.NO_ORDER : o * 7919L;
          add(log, "c" + random.nextInt(20), "s/" + sku + "é", order, type);
          if (type != BROWSE && type != CLICK && order != EventLog.NO_ORDER) {
            baskets
                .computeIfAbsent(order, x -> new HashSet<>())
                .add(log.skus().indexOf("s/" + sku + "é"));
          }
        }
      }
      for (String spec : scorings) {
        int k = 1 + random.nextInt(5);
        BoughtTogether.Lists r =
            BoughtTogether.of(log, log.skus(), Similarities.parse(spec), k, 1 + random.nextInt(3));
        checkAgainstBruteForce(r, log.skus(), baskets.values(), spec, k);
      }
    }
  }

  private static double bruteScore(String spec, int both, int ni, int nj) {
    int plus = spec.indexOf("+support:");
    if (plus >= 0 && both < Integer.parseInt(spec.substring(plus + 9))) {
      return 0;
    }
    String base = plus >= 0 ? spec.substring(0, plus) : spec;
    return switch (base) {
      case "cosine" -> both / Math.sqrt((double) ni * nj);
      case "jaccard" -> both / (double) (ni + nj - both);
      case "asymmetric:1" -> both / (double) ni;
      case "asymmetric:0" -> both / (double) nj;
      default -> throw new AssertionError(spec);
    };
  }

  private static void checkAgainstBruteForce(
      BoughtTogether.Lists r,
      IdIndex skus,
      java.util.Collection<Set<Integer>> baskets,
      String spec,
      int k) {
    int n = skus.size();
    int[] count = new int[n];
    int[][] both = new int[n][n];
    for (Set<Integer> b : baskets) {
      for (int i : b) {
        count[i]++;
        for (int j : b) {
          both[i][j]++;
        }
      }
    }
    NeighborLists l = r.lists();
    for (int i = 0; i < n; i++) {
      List<Double> expected = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        double s = j == i || both[i][j] == 0 ? 0 : bruteScore(spec, both[i][j], count[i], count[j]);
        if (s > 0) {
          expected.add(s);
        }
      }
      expected.sort((a, b) -> Double.compare(b, a));
      String where = spec + " k=" + k + " list of " + skus.id(i);
      assertEquals(Math.min(k, expected.size()), l.length(i), where);
      for (int at = l.start(i), p = 0; at < l.end(i); at++, p++) {
        int j = l.item(at);
        assertEquals(both[i][j], r.support(at), where + " support of " + skus.id(j));
        double own = bruteScore(spec, both[i][j], count[i], count[j]);
        assertEquals(own, l.score(at), 1e-5, where + " score of " + skus.id(j));
        assertEquals(expected.get(p), l.score(at), 1e-5, where + " rank " + p);
      }
    }
    assertEquals(baskets.size(), r.orders(), spec);
  }

  @Test
  void singleSkuOrders_countInTotals_butGiveNoPair() {
    EventLog log = new EventLog();
    add(log, "u", "a", 1, PURCHASE);
    add(log, "u", "b", 1, PURCHASE);
    add(log, "u", "a", 2, PURCHASE);
    add(log, "u", "a", 3, PURCHASE);
    add(log, "u", "c", 4, PURCHASE);
    BoughtTogether.Lists r = BoughtTogether.of(log, log.skus(), Similarities.parse("cosine"), 5, 1);
    assertEquals(List.of("b:" + round(1 / Math.sqrt(3)) + ":1"), list(r, log.skus(), "a"));
    assertEquals(List.of(), list(r, log.skus(), "c"));
    assertEquals(4, r.orders());
  }

  @Test
  void duplicateSkuInAnOrder_countsOnce() {
    EventLog log = new EventLog();
    add(log, "u", "a", 1, CART);
    add(log, "u", "a", 1, PURCHASE);
    add(log, "u", "a", 1, PURCHASE);
    add(log, "u", "b", 1, PURCHASE);
    BoughtTogether.Lists r =
        BoughtTogether.of(log, log.skus(), Similarities.parse("asymmetric:1"), 5, 1);
    assertEquals(List.of("b:1.0000:1"), list(r, log.skus(), "a"));
  }

  @Test
  void unicodeAndSlashIds_browsesAndEventsWithoutOrder_leftOut() {
    EventLog log = new EventLog();
    add(log, "ü", "tea/cup ☕", 9, PURCHASE);
    add(log, "ü", "sauce/r", 9, PURCHASE);
    add(log, "ü", "viewed/only", 9, BROWSE);
    add(log, "ü", "clicked/only", 9, CLICK);
    add(log, "ü", "no/order", EventLog.NO_ORDER, PURCHASE);
    add(log, "ü", "weighted", 9, EventLog.NO_TYPE);
    BoughtTogether.Lists r = BoughtTogether.of(log, log.skus(), Similarities.parse("cosine"), 5, 1);
    assertEquals(
        List.of("sauce/r:1.0000:1", "weighted:1.0000:1"), list(r, log.skus(), "tea/cup ☕"));
    assertEquals(List.of(), list(r, log.skus(), "viewed/only"));
    assertEquals(List.of(), list(r, log.skus(), "clicked/only"));
    assertEquals(List.of(), list(r, log.skus(), "no/order"));
  }

  @Test
  void noOrderKeys_noLists() {
    EventLog log = new EventLog();
    log.add("u", "a", 1, 0);
    log.add("u", "b", 1, 0);
    BoughtTogether.Lists r = BoughtTogether.of(log, log.skus(), Similarities.parse("cosine"), 5, 1);
    assertEquals(0, r.lists().entries());
    assertEquals(0, r.orders());
  }

  @Test
  void largeOrders_leftOutAndCounted() {
    EventLog log = new EventLog();
    for (int s = 0; s <= BoughtTogether.MAX_ORDER_SKUS; s++) {
      add(log, "w", "s" + s, 1, PURCHASE);
    }
    add(log, "u", "s0", 2, PURCHASE);
    add(log, "u", "s1", 2, PURCHASE);
    BoughtTogether.Lists r = BoughtTogether.of(log, log.skus(), Similarities.parse("cosine"), 5, 1);
    assertEquals(1, r.largeOrders());
    assertEquals(2, r.orders());
    assertEquals(List.of("s1:1.0000:1"), list(r, log.skus(), "s0"));
  }

  @Test
  void modelIndexDiffersFromLog_skusItLacksLeftOut() {
    EventLog log = new EventLog();
    add(log, "u", "a", 1, PURCHASE);
    add(log, "u", "b", 1, PURCHASE);
    add(log, "u", "gone", 1, PURCHASE);
    IdIndex model = IdIndex.of(List.of("b", "a"));
    BoughtTogether.Lists r = BoughtTogether.of(log, model, Similarities.parse("cosine"), 5, 1);
    assertEquals(List.of("b:1.0000:1"), list(r, model, "a"));
    assertEquals(2, r.lists().size());
  }

  @Test
  void easeScoring_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BoughtTogether.of(new EventLog(), new IdIndex(), Similarities.parse("ease"), 5, 1));
    assertTrue(e.getMessage().contains("ease"), e.getMessage());
  }
}
