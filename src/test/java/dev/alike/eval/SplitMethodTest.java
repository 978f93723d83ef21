package dev.alike.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.model.EventLog;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitMethodTest {
  /** 40 customers with 1..30 SKUs each, repeat events on some pairs, distinct times. */
  private static EventLog randomLog(long seed) {
    Random random = new Random(seed);
    EventLog log = new EventLog();
    long time = 1_000;
    for (int u = 0; u < 40; u++) {
      int n = 1 + random.nextInt(30);
      Set<Integer> skus = new HashSet<>();
      while (skus.size() < n) {
        skus.add(random.nextInt(100));
      }
      for (int j : skus) {
        int repeats = 1 + (random.nextInt(4) == 0 ? 2 : 0);
        for (int r = 0; r < repeats; r++) {
          log.add("c" + u, "s" + j, 1 + random.nextInt(5), time += 1 + random.nextInt(100));
        }
      }
    }
    return log;
  }

  /** customer -> its distinct training SKUs. */
  private static Set<Long> trainPairs(Split split) {
    Set<Long> pairs = new HashSet<>();
    EventLog t = split.train();
    for (int e = 0; e < t.size(); e++) {
      pairs.add(((long) t.customer(e) << 32) | t.sku(e));
    }
    return pairs;
  }

  private static int[] countsPerCustomer(Set<Long> pairs, int customers) {
    int[] counts = new int[customers];
    for (long p : pairs) {
      counts[(int) (p >>> 32)]++;
    }
    return counts;
  }

  @Test
  void sameSeed_sameSplit_otherSeed_otherSplit() {
    EventLog log = randomLog(1);
    Split a = SplitMethod.USER.apply(log, 0.75, 42);
    Split b = SplitMethod.USER.apply(log, 0.75, 42);
    Split c = SplitMethod.USER.apply(log, 0.75, 43);
    assertArrayEquals(a.heldOut(), b.heldOut());
    assertEquals(trainPairs(a), trainPairs(b));
    assertFalse(java.util.Arrays.deepEquals(a.heldOut(), c.heldOut()));
  }

  @Test
  void userSplit_isStratified_andKeepsPairsWhole() {
    EventLog log = randomLog(2);
    Split split = SplitMethod.USER.apply(log, 0.75, 5);
    Set<Long> train = trainPairs(split);
    int[] trainCount = countsPerCustomer(train, log.customers().size());
    for (int u = 0; u < log.customers().size(); u++) {
      int total = trainCount[u] + split.heldOut()[u].length;
      if (total >= 2) {
        assertTrue(trainCount[u] >= 1 && split.heldOut()[u].length >= 1, "customer " + u);
      }
      assertTrue(Math.abs(trainCount[u] - 0.75 * total) <= 1.0, "ratio for customer " + u);
      for (int j : split.heldOut()[u]) {
        assertFalse(train.contains(((long) u << 32) | j), "pair on both sides");
      }
    }
  }

  @Test
  void itemSplit_isStratifiedPerSku() {
    EventLog log = randomLog(3);
    Split split = SplitMethod.ITEM.apply(log, 0.75, 5);
    int skus = log.skus().size();
    int[] trainCount = new int[skus];
    for (long p : trainPairs(split)) {
      trainCount[(int) p]++;
    }
    int[] testCount = new int[skus];
    for (int[] items : split.heldOut()) {
      for (int j : items) {
        testCount[j]++;
      }
    }
    for (int j = 0; j < skus; j++) {
      int total = trainCount[j] + testCount[j];
      if (total >= 2) {
        assertTrue(trainCount[j] >= 1 && testCount[j] >= 1, "sku " + j);
      }
      assertTrue(Math.abs(trainCount[j] - 0.75 * total) <= 1.0, "ratio for sku " + j);
    }
  }

  @Test
  void temporalSplit_holdsOutEachCustomersLatest() {
    EventLog log = randomLog(4);
    Split split = SplitMethod.TEMPORAL.apply(log, 0.75, 9);
    long[] latestTrain = new long[log.customers().size()];
    java.util.Arrays.fill(latestTrain, Long.MIN_VALUE);
    EventLog t = split.train();
    for (int e = 0; e < t.size(); e++) {
      latestTrain[t.customer(e)] =
          Math.max(latestTrain[t.customer(e)], firstTime(log, t.customer(e), t.sku(e)));
    }
    for (int u = 0; u < latestTrain.length; u++) {
      for (int j : split.heldOut()[u]) {
        assertTrue(firstTime(log, u, j) > latestTrain[u], "customer " + u + " sku " + j);
      }
    }
    assertTrue(split.testCustomers() > 0);
  }

  @Test
  void timeCut_trainsBeforeAndTestsAfter() {
    EventLog log = randomLog(5);
    Split split = SplitMethod.TIME.apply(log, 0.8, 0);
    long latestTrain = split.train().newestTime();
    for (int u = 0; u < split.heldOut().length; u++) {
      for (int j : split.heldOut()[u]) {
        assertTrue(firstTime(log, u, j) > latestTrain);
      }
    }
    assertTrue(split.train().size() > 0.7 * log.size() && split.train().size() < 0.9 * log.size());
  }

  @Test
  void badRatioOrMissingTimes_areRejected() {
    EventLog log = new EventLog();
    log.add("c", "s", 1, EventLog.NO_TIME);
    assertThrows(IllegalArgumentException.class, () -> SplitMethod.USER.apply(log, 1.0, 0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SplitMethod.TEMPORAL.apply(log, 0.5, 0));
    assertTrue(e.getMessage().contains("timestamps"));
  }

  @Test
  void trainCount_roundsHalfEvenButKeepsBothSides() {
    assertEquals(16, SplitMethod.trainCount(22, 0.75)); // 16.5 -> 16, as Python's round
    assertEquals(1, SplitMethod.trainCount(2, 0.75)); // 1.5 -> 2 would leave no test item
    assertEquals(1, SplitMethod.trainCount(1, 0.75));
  }

  private static long firstTime(EventLog log, int u, int j) {
    long first = Long.MAX_VALUE;
    for (int e = 0; e < log.size(); e++) {
      if (log.customer(e) == u && log.sku(e) == j) {
        first = Math.min(first, log.time(e));
      }
    }
    return first;
  }
}
