package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InteractionMatrixTest {

  @Test
  void duplicateEventsAddUp() {
    EventLog log = new EventLog();
    log.add("c", "s", 0.5, EventLog.NO_TIME);
    log.add("c", "s", 2, EventLog.NO_TIME);
    log.add("c", "s", 6, EventLog.NO_TIME);
    InteractionMatrix m = InteractionMatrix.build(log, 0, 500);
    assertEquals(1, m.nnz());
    assertEquals(8.5f, m.value(0, 0));
  }

  @Test
  void perCustomerCap_keepsHighestScoredAndCountsCappedCustomers() {
    EventLog log = new EventLog();
    for (int i = 0; i < 10; i++) {
      log.add("bot", "s" + i, i + 1, EventLog.NO_TIME);
    }
    log.add("human", "s0", 1, EventLog.NO_TIME);
    InteractionMatrix m = InteractionMatrix.build(log, 0, 3);
    assertEquals(1, m.cappedCustomers());
    assertEquals(4, m.nnz());
    int bot = m.customers().indexOf("bot");
    assertEquals(10f, m.value(bot, m.skus().indexOf("s9")));
    assertEquals(8f, m.value(bot, m.skus().indexOf("s7")));
    assertEquals(0f, m.value(bot, m.skus().indexOf("s6")));
  }

  @Test
  void halfLife_halvesAWeightOneHalfLifeOlderThanTheNewestEvent() {
    EventLog log = new EventLog();
    long day = 86_400;
    log.add("c", "old", 6, 1_000 * day);
    log.add("c", "new", 6, 1_030 * day);
    log.add("c", "untimed", 6, EventLog.NO_TIME);
    InteractionMatrix m = InteractionMatrix.build(log, 30 * day, 500);
    assertEquals(3f, m.value(0, m.skus().indexOf("old")), 1e-6);
    assertEquals(6f, m.value(0, m.skus().indexOf("new")), 1e-6);
    assertEquals(6f, m.value(0, m.skus().indexOf("untimed")), 1e-6);
  }

  @Test
  void unicodeSlashAndDotIds_areDistinctAndRoundTrip() {
    String[] ids = {"a/b", "a/b/", ".", "..", "ü ñ 商品", " a", "a", "__x__"};
    EventLog log = new EventLog();
    for (String id : ids) {
      log.add("cust/1", id, 1, EventLog.NO_TIME);
    }
    InteractionMatrix m = InteractionMatrix.build(log, 0, 500);
    assertEquals(ids.length, m.skuCount());
    for (String id : ids) {
      assertEquals(id, m.skus().id(m.skus().indexOf(id)));
    }
  }

  @Test
  void nonPositiveWeightIsRejectedWithTheValue() {
    EventLog log = new EventLog();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> log.add("c", "s", -2, 0));
    assertEquals("weight must be finite and > 0, was -2.0", e.getMessage());
  }

  @Test
  void compactionGivesTheSameMatrixOnAnyThreadCount() {
    java.util.Random random = new java.util.Random(4);
    EventLog log = new EventLog();
    for (int e = 0; e < 200_000; e++) {
      log.add("c" + random.nextInt(20_000), "s" + random.nextInt(500), 0.5 + random.nextInt(6), e);
    }
    InteractionMatrix one = InteractionMatrix.build(log, 86_400, 7, 1);
    for (int threads : new int[] {2, 5}) {
      InteractionMatrix many = InteractionMatrix.build(log, 86_400, 7, threads);
      org.junit.jupiter.api.Assertions.assertArrayEquals(one.rowPtr(), many.rowPtr());
      org.junit.jupiter.api.Assertions.assertArrayEquals(one.rowSkus(), many.rowSkus());
      org.junit.jupiter.api.Assertions.assertArrayEquals(one.rowValues(), many.rowValues());
      assertEquals(one.cappedCustomers(), many.cappedCustomers());
    }
  }
}
