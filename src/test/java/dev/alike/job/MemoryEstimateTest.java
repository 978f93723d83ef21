package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.events.LocalEventInput;
import dev.alike.events.SyntheticEvents;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryEstimateTest {
  @TempDir static Path dir;
  private static Path plain;
  private static long events;

  @BeforeAll
  static void write() throws Exception {
    plain = dir.resolve("events.jsonl");
    events = new SyntheticEvents(20_000, 2_000, 20, 10, 3).writeEvents(plain);
  }

  @Test
  void eventsEstimatedFromTheFirstLines_withinTenPercent() {
    MemoryEstimate e = MemoryEstimate.of(List.of(new LocalEventInput(plain)));
    assertEquals(events, e.events(), events * 0.1);
    assertEquals(
        MemoryEstimate.BASE_HEAP + e.events() * MemoryEstimate.HEAP_PER_EVENT, e.heapNeeded());
  }

  @Test
  void gzippedInput_isSampledDecompressedAndCountedAtTheAssumedRatio() throws Exception {
    Path gz = dir.resolve("events.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(plain, out);
    }
    MemoryEstimate e = MemoryEstimate.of(List.of(new LocalEventInput(gz)));
    assertEquals(Files.size(gz) * MemoryEstimate.GZIP_RATIO, e.inputBytes());
    assertTrue(e.events() > 0, e.toString());
  }

  @Test
  void tooLittleHeap_failsInOneLineNamingNeededAndAvailable() {
    MemoryEstimate e = new MemoryEstimate(2L << 30, 30_000_000, 5_476_083_302L);
    IllegalStateException ex = assertThrows(IllegalStateException.class, () -> e.check(2L << 30));
    assertTrue(
        ex.getMessage()
            .startsWith(
                "about 5.1 GB of heap needed for 2.0 GB of events (about 30.0M), 2.0 GB available:"
                    + " raise -Xmx or the job's memory"),
        ex.getMessage());
    assertTrue(!ex.getMessage().contains("\n"));
  }

  @Test
  void enoughHeap_passes() {
    assertDoesNotThrow(() -> new MemoryEstimate(1 << 20, 10_000, 100L << 20).check(100L << 20));
  }

  @Test
  void emptyAndUnknownSizes_needOnlyTheBase() {
    MemoryEstimate e = MemoryEstimate.of(List.of());
    assertEquals(0, e.events());
    assertEquals(MemoryEstimate.BASE_HEAP, e.heapNeeded());
  }
}
