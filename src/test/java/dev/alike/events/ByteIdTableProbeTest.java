package dev.alike.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The id table's hash spreads ids of every length and shape: the longest linear-probe run stays
 * small, so lookups cost the same for {@code c123}, 8-digit numbers, UUIDs or 64-byte hashes. An
 * earlier hash cancelled the first 7 bytes of 8-14-byte ids and made these runs thousands of slots
 * long (a 22M-event build read its events in 212 s instead of about 10).
 */
class ByteIdTableProbeTest {
  /** Ids per length and kind: enough that a clustering hash shows runs in the thousands. */
  private static final int IDS = 200_000;

  /**
   * Bound on the longest probe run. A well-spread hash gave 3 to 47 over every case here (the
   * expected maximum of linear probing at half load grows like log n); the hand-written hash this
   * test was written against gave 8,621 for 200k random 8-byte ids.
   */
  private static final int MAX_PROBE = 100;

  @Test
  void sequentialIdsOfEveryLengthFrom1To64HaveShortProbes() {
    for (int len = 1; len <= 64; len++) {
      ByteIdTable table = new ByteIdTable(1024);
      int count = (int) Math.min(IDS, Math.pow(10, Math.min(len, 9)));
      for (int i = 0; i < count; i++) {
        byte[] id = padded(i, len);
        table.add(id, 0, id.length, ByteIdTable.UTF8);
      }
      assertEquals(count, table.size(), "length " + len);
      assertShortProbes(table, "sequential, length " + len);
    }
  }

  @Test
  void randomIdsOfEveryLengthFrom1To64HaveShortProbes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int len = 1; len <= 64; len++) {
      ByteIdTable table = new ByteIdTable(1024);
      int count = len == 1 ? 256 : len == 2 ? 65_536 : IDS;
      byte[] id = new byte[len];
      for (int i = 0; i < count; i++) {
        if (len <= 2) {
          id[0] = (byte) i;
          if (len == 2) {
            id[1] = (byte) (i >>> 8);
          }
        } else {
          for (int j = 0; j < len; j++) {
            id[j] = (byte) random.nextInt(256);
          }
        }
        table.add(id, 0, len, ByteIdTable.UTF8);
      }
      assertTrue(table.size() > count * 0.99, "length " + len + ": " + table.size());
      assertShortProbes(table, "random, length " + len);
    }
  }

  @Test
  void millionsOfRealShapedIdsHaveShortProbes() {
    // 8-digit numbers, c1000000.., SKU codes, UUID-like: the shapes real shops have.
    String[][] shapes = {
      {"", ""}, {"c", ""}, {"SKU-", "-BLK-42"}, {"10000000-0000-4000-8000-", ""}
    };
    for (String[] shape : shapes) {
      ByteIdTable table = new ByteIdTable(1024);
      int count = 2_000_000;
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < count; i++) {
        sb.setLength(0);
        sb.append(shape[0]).append(10_000_000 + i).append(shape[1]);
        byte[] id = sb.toString().getBytes(StandardCharsets.UTF_8);
        table.add(id, 0, id.length, ByteIdTable.UTF8);
      }
      assertEquals(count, table.size(), shape[0] + "N" + shape[1]);
      assertShortProbes(table, shape[0] + "N" + shape[1]);
    }
  }

  private static void assertShortProbes(ByteIdTable table, String what) {
    int longest = table.longestProbe();
    assertTrue(
        longest <= MAX_PROBE,
        what + ": longest probe " + longest + " slots for " + table.size() + " ids");
  }

  /** {@code i} in decimal, left-padded with zeros (or cut to its last digits) to {@code len}. */
  private static byte[] padded(int i, int len) {
    byte[] b = new byte[len];
    int v = i;
    for (int j = len - 1; j >= 0; j--) {
      b[j] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return b;
  }
}
