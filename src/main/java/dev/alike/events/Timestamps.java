package dev.alike.events;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** Turns the timestamp forms shops export into epoch seconds. */
final class Timestamps {
  /**
   * Numbers at or above this are taken as epoch milliseconds: 1e11 seconds is the year 5138, while
   * 1e11 milliseconds is March 1973, before any shop event we will see.
   */
  static final double MILLIS_THRESHOLD = 1e11;

  private Timestamps() {}

  /**
   * Epoch seconds from a numeric timestamp (seconds, or milliseconds when large); floors fractions.
   */
  static long fromNumber(double v) {
    if (!Double.isFinite(v)) {
      throw new DateTimeException("timestamp is not finite: " + v);
    }
    return (long) Math.floor(Math.abs(v) >= MILLIS_THRESHOLD ? v / 1000 : v);
  }

  /**
   * Epoch seconds from text: a number as in {@link #fromNumber}, or ISO-8601 date-time with offset
   * ({@code 2025-11-01T12:00:00Z}, {@code ...+01:00}), without offset (taken as UTC; a space may
   * replace the T), or a date alone (UTC midnight).
   *
   * @throws DateTimeException when the text is none of these
   */
  static long parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw new DateTimeException("empty timestamp");
    }
    char c = s.charAt(0);
    if ((c >= '0' && c <= '9' || c == '-') && s.indexOf('-', 1) < 0 && s.indexOf(':') < 0) {
      try {
        return fromNumber(Double.parseDouble(s));
      } catch (NumberFormatException e) {
        throw new DateTimeException("not a timestamp: " + text);
      }
    }
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    if (s.length() == 10) {
      return LocalDate.parse(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }
    TemporalAccessor t =
        DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
    if (t instanceof OffsetDateTime odt) {
      return odt.toEpochSecond();
    }
    return ((LocalDateTime) t).toEpochSecond(ZoneOffset.UTC);
  }
}
