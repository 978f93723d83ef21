package dev.alike.events;

import java.time.DateTimeException;

/**
 * The fast path for JSON Lines: parses a flat JSON object ({@code {"customer":"c1","sku":"s9",
 * "event":"view","ts":1762000000}}) straight from bytes into a {@link RawEvent}, without creating
 * Strings for known ids. Extra fields with string, number, boolean or null values are skipped.
 * Anything else (a nested value, an escaped key, a syntax error, a non-string id of an odd type)
 * answers {@link #FALLBACK}, and the caller re-parses the line with Gson, which either handles it
 * (session objects) or classifies it as malformed. Not thread-safe; one per chunk.
 */
final class FlatJsonParser {
  static final int OK = 0;
  static final int FALLBACK = 1;

  private final EventNames names = EventNames.forThisThread();

  private static final int OTHER = 0;
  private static final int CUSTOMER = 1;
  private static final int SKU = 2;
  private static final int EVENT = 3;
  private static final int WEIGHT = 4;
  private static final int TIME = 5;

  // Known keys as lower-case words (see folded); "timestamp" is its first 8 bytes plus a 'p'.
  private static final long TS_KEY = key("ts");
  private static final long SKU_KEY = key("sku");
  private static final long TIME_KEY = key("time");
  private static final long EVENT_KEY = key("event");
  private static final long WEIGHT_KEY = key("weight");
  private static final long CUSTOMER_KEY = key("customer");
  private static final long TIMESTAMP_KEY = key("timestam");

  private static long key(String lower) {
    byte[] b = lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return folded(b, 0, b.length);
  }

  /**
   * Parses {@code b[off, end)} into {@code e} (cleared first).
   *
   * @return {@link #OK} when {@code e} holds the line's fields, else {@link #FALLBACK}
   */
  int parse(byte[] b, int off, int end, RawEvent e) {
    e.clear();
    int i = skipWs(b, off, end);
    if (i >= end || b[i] != '{') {
      return FALLBACK;
    }
    i = skipWs(b, i + 1, end);
    if (i < end && b[i] == '}') {
      return skipWs(b, i + 1, end) == end ? OK : FALLBACK;
    }
    while (true) {
      if (i >= end || b[i] != '"') {
        return FALLBACK;
      }
      int k = JsonStrings.quoteOrBackslash(b, i + 1, end);
      if (k >= end || b[k] == '\\') {
        return FALLBACK;
      }
      int field = field(b, i + 1, k - i - 1);
      i = skipWs(b, k + 1, end);
      if (i >= end || b[i] != ':') {
        return FALLBACK;
      }
      i = skipWs(b, i + 1, end);
      i = value(b, i, end, field, e);
      if (i < 0) {
        return FALLBACK;
      }
      i = skipWs(b, i, end);
      if (i >= end) {
        return FALLBACK;
      }
      if (b[i] == ',') {
        i = skipWs(b, i + 1, end);
      } else if (b[i] == '}') {
        return skipWs(b, i + 1, end) == end ? OK : FALLBACK;
      } else {
        return FALLBACK;
      }
    }
  }

  /** Parses the value at {@code i} into {@code field}; returns the index after it or -1. */
  private int value(byte[] b, int i, int end, int field, RawEvent e) {
    if (i >= end) {
      return -1;
    }
    byte c = b[i];
    if (c == '"') {
      int j = JsonStrings.quoteOrBackslash(b, i + 1, end);
      boolean escaped = false;
      while (j < end && b[j] == '\\') {
        j = JsonStrings.skipEscape(b, j, end);
        if (j < 0) {
          return -1;
        }
        escaped = true;
        j = JsonStrings.quoteOrBackslash(b, j, end);
      }
      if (j >= end) {
        return -1;
      }
      string(b, i + 1, j, escaped, field, e);
      return j + 1;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      int j = i + 1;
      while (j < end && numberChar(b[j])) {
        j++;
      }
      number(b, i, j, field, e);
      return j;
    }
    if (literal(b, i, end, "null")) {
      clear(field, e);
      return i + 4;
    }
    if (field == OTHER && literal(b, i, end, "true")) {
      return i + 4;
    }
    if (field == OTHER && literal(b, i, end, "false")) {
      return i + 5;
    }
    return -1;
  }

  private void string(byte[] b, int s, int end, boolean escaped, int field, RawEvent e) {
    byte kind = escaped ? ByteIdTable.JSON_ESCAPED : ByteIdTable.UTF8;
    switch (field) {
      case CUSTOMER -> e.customer(b, s, end - s, kind);
      case SKU -> e.sku(b, s, end - s, kind);
      case EVENT ->
          e.event(
              escaped
                  ? EventType.parse(JsonStrings.decode(b, s, end - s))
                  : names.parse(b, s, end - s));
      case WEIGHT -> {
        if (end > s) {
          e.weight(
              escaped
                  ? parseOrNaN(JsonStrings.decode(b, s, end - s))
                  : Numbers.parseDouble(b, s, end));
        } else {
          e.hasWeight = false;
        }
      }
      case TIME -> {
        if (end > s) {
          time(b, s, end, escaped, e);
        } else {
          e.badTime = false;
          e.time = dev.alike.model.EventLog.NO_TIME;
        }
      }
      default -> {}
    }
  }

  private static void time(byte[] b, int s, int end, boolean escaped, RawEvent e) {
    try {
      e.time =
          escaped
              ? Timestamps.parse(JsonStrings.decode(b, s, end - s))
              : Numbers.parseEpoch(b, s, end);
      e.badTime = false;
    } catch (DateTimeException ex) {
      e.badTime = true;
    }
  }

  private static double parseOrNaN(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException ex) {
      return Double.NaN;
    }
  }

  private static void number(byte[] b, int s, int end, int field, RawEvent e) {
    switch (field) {
      case CUSTOMER -> e.customer(b, s, end - s, ByteIdTable.UTF8);
      case SKU -> e.sku(b, s, end - s, ByteIdTable.UTF8);
      case EVENT -> e.event(null);
      case WEIGHT -> e.weight(Numbers.parseDouble(b, s, end));
      case TIME -> time(b, s, end, false, e);
      default -> {}
    }
  }

  private static void clear(int field, RawEvent e) {
    switch (field) {
      case CUSTOMER -> e.customerLen = -1;
      case SKU -> e.skuLen = -1;
      case EVENT -> {
        e.hasEvent = false;
        e.type = null;
      }
      case WEIGHT -> e.hasWeight = false;
      case TIME -> {
        e.badTime = false;
        e.time = dev.alike.model.EventLog.NO_TIME;
      }
      default -> {}
    }
  }

  private static boolean numberChar(byte c) {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
  }

  private static boolean literal(byte[] b, int i, int end, String word) {
    if (i + word.length() > end) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (b[i + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  static int skipWs(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    return i;
  }

  /** Which known field a key names (ASCII case-insensitive). */
  private static int field(byte[] b, int off, int len) {
    return switch (len) {
      case 2 -> folded(b, off, 2) == TS_KEY ? TIME : OTHER;
      case 3 -> folded(b, off, 3) == SKU_KEY ? SKU : OTHER;
      case 4 -> folded(b, off, 4) == TIME_KEY ? TIME : OTHER;
      case 5 -> folded(b, off, 5) == EVENT_KEY ? EVENT : OTHER;
      case 6 -> folded(b, off, 6) == WEIGHT_KEY ? WEIGHT : OTHER;
      case 8 -> folded(b, off, 8) == CUSTOMER_KEY ? CUSTOMER : OTHER;
      case 9 -> folded(b, off, 8) == TIMESTAMP_KEY && (b[off + 8] | 0x20) == 'p' ? TIME : OTHER;
      default -> OTHER;
    };
  }

  /**
   * The {@code n <= 8} bytes at {@code off} as a little-endian long with bit 0x20 set in each byte:
   * equal to a lower-case ASCII key's word exactly when the bytes spell the key in any letter case
   * (the keys are letters only, and a byte ORed with 0x20 equals a lower-case letter only when it
   * is that letter in either case).
   */
  private static long folded(byte[] b, int off, int n) {
    return Words.of(b, off, n) | (0x2020_2020_2020_2020L >>> (64 - 8 * n));
  }
}
