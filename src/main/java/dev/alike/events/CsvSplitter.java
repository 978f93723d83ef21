package dev.alike.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record held in bytes into fields (RFC 4180: comma separated, a field in double
 * quotes may hold commas, newlines and doubled quotes {@code ""}). Unquoted fields are trimmed of
 * spaces and tabs; quoted fields are kept exactly. Field positions are left in arrays to avoid
 * allocation; the caller reads them before the next split. Not thread-safe.
 */
final class CsvSplitter {
  /** The record ends inside a quoted field: the caller should append the next line and retry. */
  static final int UNCLOSED = -1;

  /** A closing quote is followed by something other than a comma. */
  static final int BROKEN = -2;

  int[] off = new int[16];
  int[] len = new int[16];

  /** Whether field {@code f} was quoted and holds doubled quotes. */
  boolean[] doubled = new boolean[16];

  /**
   * Splits {@code b[start, end)}; returns the number of fields, {@link #UNCLOSED} or {@link
   * #BROKEN}.
   */
  int split(byte[] b, int start, int end) {
    int n = 0;
    int i = start;
    while (true) {
      if (n == off.length) {
        grow();
      }
      if (i < end && b[i] == '"') {
        int j = i + 1;
        boolean quotes = false;
        while (true) {
          if (j >= end) {
            return UNCLOSED;
          }
          if (b[j] == '"') {
            if (j + 1 < end && b[j + 1] == '"') {
              quotes = true;
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        off[n] = i + 1;
        len[n] = j - i - 1;
        doubled[n] = quotes;
        n++;
        i = j + 1;
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
          i++;
        }
        if (i == end) {
          return n;
        }
        if (b[i] != ',') {
          return BROKEN;
        }
        i++;
      } else {
        int j = i;
        while (j < end && b[j] != ',') {
          j++;
        }
        int s = i;
        int e = j;
        while (s < e && (b[s] == ' ' || b[s] == '\t')) {
          s++;
        }
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
          e--;
        }
        off[n] = s;
        len[n] = e - s;
        doubled[n] = false;
        n++;
        if (j == end) {
          return n;
        }
        i = j + 1;
      }
    }
  }

  /** Field {@code f} of the last split as a String. */
  String text(byte[] b, int f) {
    String s = new String(b, off[f], len[f], StandardCharsets.UTF_8);
    return doubled[f] ? s.replace("\"\"", "\"") : s;
  }

  /** All {@code n} fields of the last split as Strings (for headers and messages). */
  List<String> texts(byte[] b, int n) {
    List<String> out = new ArrayList<>(n);
    for (int f = 0; f < n; f++) {
      out.add(text(b, f));
    }
    return out;
  }

  private void grow() {
    off = java.util.Arrays.copyOf(off, off.length * 2);
    len = java.util.Arrays.copyOf(len, len.length * 2);
    doubled = java.util.Arrays.copyOf(doubled, doubled.length * 2);
  }
}
