package dev.alike.events;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads lines from a byte stream into a reusable buffer, keeping the absolute offset of each line
 * so chunks can decide which lines they own. Lines end at {@code \n}; a {@code \r} before it is
 * dropped; a last line without newline still counts. The current line is {@code buf[start, end)}
 * and stays valid until the next call.
 */
final class LineReader {
  private final InputStream in;
  byte[] buf;
  int start;
  int end;
  private int limit;
  private int pos;
  private long base;
  private boolean eof;

  /** Reads {@code in}, whose first byte is at absolute offset {@code offset}. */
  LineReader(InputStream in, long offset, int bufferSize) {
    this.in = in;
    this.base = offset;
    this.buf = new byte[bufferSize];
  }

  /** Advances to the next line; false at end of input. */
  boolean next() throws IOException {
    start = pos;
    return scan(pos);
  }

  /**
   * Extends the current line through the next newline (for a CSV record with a quoted newline); the
   * line then contains the inner line break. False when no input is left.
   */
  boolean extend() throws IOException {
    return scan(pos);
  }

  /** Absolute offset of the current line's first byte. */
  long lineOffset() {
    return base + start;
  }

  /** Absolute offset just after the current line's newline: where the next line starts. */
  long nextOffset() {
    return base + pos;
  }

  /**
   * The index of the first {@code \n} in {@code b[from, limit)}, or -1. Eight bytes at a time: a
   * byte of {@code w ^ 0x0a..} is zero exactly where {@code w} holds a newline, and {@code (x -
   * 0x01..) & ~x & 0x80..} sets the high bit of the lowest zero byte (bits above it may be set by a
   * borrow, so only the lowest one is used).
   */
  static int newline(byte[] b, int from, int limit) {
    int i = from;
    for (; i + 8 <= limit; i += 8) {
      long x = (long) Words.LONGS.get(b, i) ^ 0x0a0a_0a0a_0a0a_0a0aL;
      long zero = (x - 0x0101_0101_0101_0101L) & ~x & 0x8080_8080_8080_8080L;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < limit; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private boolean scan(int from) throws IOException {
    while (true) {
      byte[] b = buf;
      int i = newline(b, from, limit);
      if (i >= 0) {
        pos = i + 1;
        end = i > start && b[i - 1] == '\r' ? i - 1 : i;
        return true;
      }
      if (eof) {
        if (pos >= limit) {
          return false;
        }
        pos = limit;
        end = limit > start && b[limit - 1] == '\r' ? limit - 1 : limit;
        return true;
      }
      from = limit;
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, limit - start);
        limit -= start;
        from -= start;
        pos -= start;
        base += start;
        start = 0;
      }
      if (limit == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
    }
  }
}
