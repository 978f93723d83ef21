package dev.alike.events;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Byte-level helpers for JSON string bodies (the bytes between the quotes). */
final class JsonStrings {
  private JsonStrings() {}

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
