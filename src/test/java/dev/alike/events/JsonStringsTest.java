package dev.alike.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonStringsTest {
  private static int naiveQuoteOrBackslash(byte[] b, int from, int end) {
    int i = from;
    while (i < end && b[i] != '"' && b[i] != '\\') {
      i++;
    }
    return i;
  }

  @Test
  void quoteOrBackslash_findsTheFirstOne_asAByteByByteScanDoes() {
    Random random = new Random(42);
    // Bytes next to '"' (0x21, 0x23) and '\\' (0x5b, 0x5d), their high-bit twins and 0x00/0xff
    // make borrows and near misses.
    byte[] pool = {'"', '\\', 0x21, 0x23, 0x5b, 0x5d, (byte) 0xa2, (byte) 0xdc, 0, (byte) 0xff};
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : (byte) random.nextInt();
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
      int end = from + random.nextInt(b.length - from + 1);
      assertEquals(
          naiveQuoteOrBackslash(b, from, end),
          JsonStrings.quoteOrBackslash(b, from, end),
          "round " + round);
    }
  }
}
