package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TrendingSkus} against a brute-force count, and its named edge cases. */
class TrendingSkusTest {
  private static final long DAY = 24 * 3600L;
  private static final long T0 = 1_760_000_000L;

  private static List<String> ids(PopularSkus list, IdIndex skus) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < list.size(); r++) {
      out.add(skus.id(list.sku(r)));
    }
    return out;
  }

  @Test
  void randomLogs_sameAsBruteForceCount() {
    Random random = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      EventLog log = new EventLog();
      int skuCount = 1 + random.nextInt(30);
      int events = random.nextInt(2000);
      long window = (1 + random.nextInt(10)) * DAY;
      for (int e = 0; e < events; e++) {
        long t = random.nextInt(20) == 0 ? EventLog.NO_TIME : T0 + random.nextInt((int) (30 * DAY));
        // Skewed: low SKU numbers more often; some SKUs only recently.
        int sku = (int) Math.min(skuCount - 1, Math.abs(random.nextGaussian()) * skuCount / 2);
        log.add("c" + random.nextInt(50), "s/" + sku + "ü", 0.5 + random.nextInt(3), t);
      }
      int limit = 1 + random.nextInt(12);
      PopularSkus trending = TrendingSkus.of(log, log.skus(), window, limit);
      assertEquals(bruteForce(log, window, limit), ids(trending, log.skus()), "trial " + trial);
    }
  }

  private static List<String> bruteForce(EventLog log, long window, int limit) {
    long newest = Long.MIN_VALUE;
    for (int e = 0; e < log.size(); e++) {
      newest = Math.max(newest, log.time(e));
    }
    Map<String, int[]> counts = new HashMap<>();
    for (int e = 0; e < log.size(); e++) {
      long t = log.time(e);
      if (t == EventLog.NO_TIME) {
        continue;
      }
      int[] c = counts.computeIfAbsent(log.skus().id(log.sku(e)), k -> new int[2]);
      if (t > newest - window) {
        c[0]++;
      } else if (t > newest - 2 * window) {
        c[1]++;
      }
    }
    Map<String, Double> scores = new HashMap<>();
    counts.forEach(
        (sku, c) -> {
          double z = (c[0] - c[1]) / Math.sqrt(c[0] + c[1] + 10.0);
          if (c[0] >= 5 && z > 0) {
            scores.put(sku, z);
          }
        });
    return scores.keySet().stream()
        .sorted(
            Comparator.<String>comparingDouble(s -> -scores.get(s))
                .thenComparing(Comparator.naturalOrder()))
        .limit(limit)
        .toList();
  }

  @Test
  void aSkuFrom1To3_doesNotLeadOneFrom20To40() {
    EventLog log = new EventLog();
    add(log, "small", 1, T0);
    add(log, "small", 3, T0 + 8 * DAY);
    add(log, "busy", 20, T0);
    add(log, "busy", 40, T0 + 8 * DAY);
    add(log, "steady", 30, T0);
    add(log, "steady", 30, T0 + 8 * DAY);
    // "small" has 3 recent events, below the minimum support; with 5 it still trails "busy".
    assertEquals(List.of("busy"), ids(TrendingSkus.of(log, log.skus(), 7 * DAY, 10), log.skus()));
    add(log, "small", 2, T0 + 8 * DAY);
    assertEquals(
        List.of("busy", "small"), ids(TrendingSkus.of(log, log.skus(), 7 * DAY, 10), log.skus()));
  }

  @Test
  void noTimestamps_orEmptyLog_giveAnEmptyList() {
    EventLog log = new EventLog();
    assertEquals(0, TrendingSkus.of(log, log.skus(), 7 * DAY, 10).size());
    add(log, "s1", 10, EventLog.NO_TIME);
    assertEquals(0, TrendingSkus.of(log, log.skus(), 7 * DAY, 10).size());
  }

  @Test
  void oneSku_withRecentEventsOnly_trends() {
    EventLog log = new EventLog();
    add(log, "only", 6, T0);
    assertEquals(List.of("only"), ids(TrendingSkus.of(log, log.skus(), 7 * DAY, 10), log.skus()));
  }

  @Test
  void skusTheModelDoesNotKnow_areLeftOut() {
    EventLog log = new EventLog();
    add(log, "known", 6, T0);
    add(log, "gone", 9, T0);
    IdIndex model = IdIndex.of(List.of("known"));
    PopularSkus trending = TrendingSkus.of(log, model, 7 * DAY, 10);
    assertEquals(List.of("known"), ids(trending, model));
  }

  @Test
  void aWindowOfZero_isRejectedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TrendingSkus.of(new EventLog(), null, 0, 10));
    assertEquals("trending window must be > 0 seconds, was 0", e.getMessage());
  }

  private static void add(EventLog log, String sku, int events, long time) {
    for (int e = 0; e < events; e++) {
      log.add("c" + e, sku, 1, time);
    }
  }
}
