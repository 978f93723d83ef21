package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EventLogTest {
  @Test
  void addAll_appendsColumnsAfterExistingEvents_growingPastCapacity() {
    EventLog log = new EventLog(IdIndex.of(java.util.List.of("c0", "c1")), new IdIndex(), 16);
    log.skus().add("s0");
    log.add(1, 0, 2.0, 5);
    int n = 40;
    int[] c = new int[n + 3];
    int[] s = new int[n + 3];
    float[] w = new float[n + 3];
    long[] t = new long[n + 3];
    for (int e = 0; e < n; e++) {
      c[e] = e % 2;
      w[e] = e + 1;
      t[e] = 100 + e;
    }
    log.addAll(c, s, w, t, n);
    assertEquals(n + 1, log.size());
    assertEquals(1, log.customer(0));
    assertEquals(2.0f, log.weight(0));
    assertEquals(1, log.customer(2));
    assertEquals(40f, log.weight(n));
    assertEquals(139, log.time(n));
  }

  @Test
  void addAll_rejectsBadWeight_appendingNothing() {
    EventLog log = new EventLog();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> log.addAll(new int[2], new int[2], new float[] {1, 0}, new long[2], 2));
    assertEquals("weight must be finite and > 0, was 0.0 at event 1", e.getMessage());
    assertEquals(0, log.size());
  }
}
