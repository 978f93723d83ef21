package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EventLogTest {
  @Test
  void add_appendsAfterExistingEvents_growingPastCapacity() {
    EventLog log = new EventLog(IdIndex.of(java.util.List.of("c0", "c1")), new IdIndex(), 16);
    log.skus().add("s0");
    log.add(1, 0, 2.0, 5);
    int n = 40;
    for (int e = 0; e < n; e++) {
      log.add(e % 2, 0, e + 1, 100 + e);
    }
    assertEquals(n + 1, log.size());
    assertEquals(1, log.customer(0));
    assertEquals(2.0f, log.weight(0));
    assertEquals(1, log.customer(2));
    assertEquals(40f, log.weight(n));
    assertEquals(139, log.time(n));
  }

  @Test
  void wrap_rejectsBadWeight_namingTheEvent() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EventLog.wrap(
                    new IdIndex(),
                    new IdIndex(),
                    new int[2],
                    new int[2],
                    new float[] {1, 0},
                    new long[2],
                    null,
                    null,
                    2));
    assertEquals("weight must be finite and > 0, was 0.0 at event 1", e.getMessage());
  }
}
