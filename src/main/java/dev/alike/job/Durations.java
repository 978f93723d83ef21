package dev.alike.job;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses the durations users type: {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, ISO-8601.
 */
public final class Durations {
  private Durations() {}

  /**
   * The duration in seconds; {@code 0}, {@code off} and the empty string mean 0 (no decay).
   *
   * @throws IllegalArgumentException naming the value when it cannot be read or is negative
   */
  public static double seconds(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.equals("0") || t.equals("off") || t.equals("none")) {
      return 0;
    }
    try {
      if (t.startsWith("p")) {
        Duration iso = Duration.parse(t.toUpperCase(Locale.ROOT));
        if (iso.isNegative()) {
          throw new NumberFormatException();
        }
        return iso.toMillis() / 1000.0;
      }
      char unit = t.charAt(t.length() - 1);
      double number = Double.parseDouble(t.substring(0, t.length() - 1));
      double scale =
          switch (unit) {
            case 'd' -> 86_400;
            case 'h' -> 3_600;
            case 'm' -> 60;
            case 's' -> 1;
            default -> throw new NumberFormatException();
          };
      if (!(number >= 0) || Double.isInfinite(number)) {
        throw new NumberFormatException();
      }
      return number * scale;
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "cannot read duration \"" + text + "\": use e.g. 30d, 12h, 90m, 45s, P30D or off");
    }
  }
}
