package dev.alike.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static int naiveNewline(byte[] b, int from, int limit) {
    for (int i = from; i < limit; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  @Test
  void newline_findsTheFirstNewline_asAByteByByteScanDoes() {
    Random random = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        // Bytes next to '\n' (0x09, 0x0b, 0x8a) and 0x00/0xff make borrows and near misses.
        byte[] pool = {'\n', 0x09, 0x0b, (byte) 0x8a, 0, (byte) 0xff, 'a', '\r'};
        b[i] = random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : (byte) random.nextInt();
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
      int limit = from + random.nextInt(b.length - from + 1);
      assertEquals(
          naiveNewline(b, from, limit), LineReader.newline(b, from, limit), "round " + round);
    }
  }

  @Test
  void lines_areSplitAtNewlines_acrossBufferRefills() throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      String line = "line-" + i + "-" + "y".repeat(random.nextInt(30));
      expected.add(line);
      text.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
    }
    text.append("last");
    expected.add("last");
    LineReader lr = new LineReader(new ByteArrayInputStream(text.toString().getBytes()), 0, 16);
    List<String> lines = new ArrayList<>();
    while (lr.next()) {
      lines.add(new String(lr.buf, lr.start, lr.end - lr.start));
    }
    assertEquals(expected, lines);
  }
}
