package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackendTest {
  private static final Backend.Settings FAST =
      new Backend.Settings(
          Duration.ofMillis(100), 3, Duration.ofMillis(200), Duration.ofMillis(400));

  @Test
  void stalledCall_isAbandonedAtItsDeadline() throws InterruptedException {
    Backend backend = new Backend("test store", FAST);
    CountDownLatch stall = new CountDownLatch(1);
    long start = System.nanoTime();
    Backend.Unavailable e =
        assertThrows(
            Backend.Unavailable.class,
            () -> backend.call("read", () -> stall.await(1, TimeUnit.MINUTES)));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < 1_000, "waited " + ms + " ms for a 100 ms deadline");
    assertTrue(e.getMessage().contains("no answer within 100 ms to read"), e.getMessage());
    stall.countDown();
  }

  @Test
  void requestBudget_shortensTheCallDeadline_andSpentBudgetAsksNothing() {
    Backend backend = new Backend("test store", FAST);
    AtomicInteger asked = new AtomicInteger();
    assertThrows(
        Backend.Unavailable.class,
        () -> backend.call("read", System.nanoTime() - 1, asked::incrementAndGet));
    assertEquals(0, asked.get());
  }

  @Test
  void threeFailures_openTheBreaker_whichFailsAtOnceWithoutAsking_thenProbesAndCloses()
      throws InterruptedException {
    Backend backend = new Backend("test store", FAST);
    AtomicInteger asked = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      assertThrows(
          Backend.Unavailable.class,
          () ->
              backend.call(
                  "read",
                  () -> {
                    asked.incrementAndGet();
                    throw new StoreException("down");
                  }));
    }
    assertEquals("open", backend.state().state());
    assertEquals("down", backend.state().lastError());
    Backend.Unavailable refused =
        assertThrows(Backend.Unavailable.class, () -> backend.call("read", () -> 1));
    assertTrue(refused.getMessage().contains("3 failures in a row"), refused.getMessage());
    assertEquals(3, asked.get(), "an open breaker asks nobody");

    Thread.sleep(250); // past the first 200 ms interval: the next call is the probe
    assertEquals(7, backend.call("read", () -> 7));
    assertEquals("closed", backend.state().state());
    assertTrue(backend.state().healthy());
  }

  @Test
  void failedProbe_reopensForALongerInterval() throws InterruptedException {
    Backend backend = new Backend("test store", FAST);
    for (int i = 0; i < 3; i++) {
      assertThrows(Backend.Unavailable.class, () -> backend.call("read", BackendTest::fail));
    }
    Thread.sleep(250);
    assertThrows(Backend.Unavailable.class, () -> backend.call("read", BackendTest::fail));
    long retry = backend.state().retryInMillis();
    assertTrue(retry > 200 && retry <= 400, "second interval 400 ms, next probe in " + retry);
  }

  @Test
  void inline_runsOnTheCallersThread_andPassesStoreFailuresThrough() {
    Backend inline = Backend.inline();
    Thread caller = Thread.currentThread();
    assertEquals(caller, inline.call("read", Thread::currentThread));
    StoreException e =
        assertThrows(StoreException.class, () -> inline.call("read", BackendTest::fail));
    assertEquals("down", e.getMessage());
  }

  private static Integer fail() {
    throw new StoreException("down");
  }
}
