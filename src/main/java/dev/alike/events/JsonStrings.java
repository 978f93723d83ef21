package dev.alike.events;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Byte-level helpers for JSON string bodies (the bytes between the quotes). */
final class JsonStrings {
  private JsonStrings() {}

  /**
   * The index of the first {@code "} or {@code \\} in {@code b[from, end)}, or {@code end}. Eight
   * bytes at a time, as {@link LineReader#newline}: a byte of {@code w ^ 0x22..} (or {@code ^
   * 0x5c..}) is zero exactly where {@code w} holds a quote (a backslash), and the lowest high bit
   * of {@code (x - 0x01..) & ~x & 0x80..} marks the first one.
   */
  static int quoteOrBackslash(byte[] b, int from, int end) {
    int i = from;
    for (; i + 8 <= end; i += 8) {
      long w = (long) Words.LONGS.get(b, i);
      long q = w ^ 0x2222_2222_2222_2222L;
      long s = w ^ 0x5c5c_5c5c_5c5c_5c5cL;
      long hit =
          ((q - 0x0101_0101_0101_0101L) & ~q | (s - 0x0101_0101_0101_0101L) & ~s)
              & 0x8080_8080_8080_8080L;
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
    }
    while (i < end && b[i] != '"' && b[i] != '\\') {
      i++;
    }
    return i;
  }

  /**
   * Validates the escape starting at {@code b[i] == '\\'} and returns the index after it, or -1
   * when it is not one of {@code \" \\ \/ \b \f \n \r \t \\uXXXX} or runs past {@code end}.
   */
  static int skipEscape(byte[] b, int i, int end) {
    if (i + 1 >= end) {
      return -1;
    }
    switch (b[i + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
        return i + 2;
      case 'u':
        if (i + 6 > end) {
          return -1;
        }
        for (int k = i + 2; k < i + 6; k++) {
          if (Character.digit(b[k], 16) < 0) {
            return -1;
          }
        }
        return i + 6;
      default:
        return -1;
    }
  }

  /** Decodes a string body whose escapes were validated by {@link #skipEscape}. */
  static String decode(byte[] b, int off, int len) {
    StringBuilder out = new StringBuilder(len);
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    int end = off + len;
    int i = off;
    while (i < end) {
      if (b[i] != '\\') {
        run.write(b[i++]);
        continue;
      }
      if (run.size() > 0) {
        out.append(run.toString(StandardCharsets.UTF_8));
        run.reset();
      }
      char c = (char) b[i + 1];
      switch (c) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' ->
            out.append(
                (char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.US_ASCII), 16));
        default -> out.append(c);
      }
      i += c == 'u' ? 6 : 2;
    }
    if (run.size() > 0) {
      out.append(run.toString(StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
