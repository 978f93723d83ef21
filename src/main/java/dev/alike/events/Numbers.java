package dev.alike.events;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;

/** Number parsing straight from bytes, with exact fast paths for the common short forms. */
final class Numbers {
  /** Powers of ten exactly representable as doubles (up to 1e22). */
  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private Numbers() {}

  /**
   * The value of the decimal text in {@code [off, end)} (spaces around it ignored), or NaN when it
   * is not a number. Plain decimals with at most 15 digits are computed exactly as {@code mantissa
   * / 10^k} (both exact doubles, one correctly rounded division, so the same result as {@link
   * Double#parseDouble}); anything else goes through {@link Double#parseDouble}.
   */
  static double parseDouble(byte[] b, int off, int end) {
    while (off < end && b[off] == ' ') {
      off++;
    }
    while (end > off && b[end - 1] == ' ') {
      end--;
    }
    int i = off;
    boolean negative = i < end && b[i] == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < end; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        mantissa = mantissa * 10 + (c - '0');
        digits++;
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        break;
      }
    }
    if (i == end && digits > 0 && digits <= 15 && fraction != 0) {
      double v = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
      return negative ? -v : v;
    }
    if (off == end) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(new String(b, off, end - off, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * Epoch seconds from the timestamp text in {@code [off, end)}: an integer (seconds, or
   * milliseconds when large, see {@link Timestamps#MILLIS_THRESHOLD}) without allocation, anything
   * else through {@link Timestamps#parse}.
   *
   * @throws DateTimeException when the text is not a timestamp
   */
  static long parseEpoch(byte[] b, int off, int end) {
    int i = off;
    boolean negative = i < end && b[i] == '-';
    if (negative) {
      i++;
    }
    if (i < end && end - i <= 17) {
      long v = 0;
      int j = i;
      while (j < end && b[j] >= '0' && b[j] <= '9') {
        v = v * 10 + (b[j] - '0');
        j++;
      }
      if (j == end) {
        v = negative ? -v : v;
        return Math.abs(v) >= Timestamps.MILLIS_THRESHOLD ? Math.floorDiv(v, 1000) : v;
      }
    }
    return Timestamps.parse(new String(b, off, end - off, StandardCharsets.UTF_8));
  }
}
