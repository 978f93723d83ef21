package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.events.EventInput;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitModeTest {
  private static final long LIMIT = JitMode.AUTO_C1_BELOW_BYTES;

  @Test
  void parse_acceptsEveryModeInAnyCase() {
    assertEquals(JitMode.AUTO, JitMode.parse("auto"));
    assertEquals(JitMode.C1, JitMode.parse(" C1 "));
    assertEquals(JitMode.TIERED, JitMode.parse("Tiered"));
    assertEquals("c1", JitMode.C1.toString());
  }

  @Test
  void parse_namesTheBadValueAndTheChoices() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JitMode.parse("c2"));
    assertTrue(e.getMessage().contains("\"c2\""), e.getMessage());
    assertTrue(e.getMessage().contains("auto, c1 or tiered"), e.getMessage());
  }

  @Test
  void auto_choosesC1OnlyBelowTheLimit() {
    assertTrue(JitMode.AUTO.c1For(0));
    assertTrue(JitMode.AUTO.c1For(LIMIT - 1));
    assertFalse(JitMode.AUTO.c1For(LIMIT));
    assertFalse(JitMode.AUTO.c1For(Long.MAX_VALUE));
  }

  @Test
  void explicitModes_ignoreTheSize() {
    assertTrue(JitMode.C1.c1For(Long.MAX_VALUE));
    assertFalse(JitMode.TIERED.c1For(0));
  }

  @Test
  void estimatedBytes_countsGzipTimesTheRatioAndUnknownSizesAsHuge() {
    assertEquals(0, BuildRunner.estimatedBytes(List.of()));
    assertEquals(
        1000 + 10 * JitMode.GZIP_RATIO,
        BuildRunner.estimatedBytes(List.of(input("a.jsonl", 1000), input("b.csv.gz", 10))));
    assertEquals(
        Long.MAX_VALUE,
        BuildRunner.estimatedBytes(List.of(input("a.jsonl", 1000), input("gs://b/c.jsonl", -1))));
    assertEquals(
        Long.MAX_VALUE,
        BuildRunner.estimatedBytes(
            List.of(input("a.jsonl", Long.MAX_VALUE - 5), input("b.jsonl", 10))));
  }

  private static EventInput input(String name, long size) {
    return new EventInput() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long size() {
        return size;
      }

      @Override
      public InputStream open() {
        throw new UnsupportedOperationException();
      }
    };
  }
}
