package dev.alike.serving;

import java.util.List;
import java.util.Locale;

/**
 * The few JSON shapes the serving path writes (the function, the CLI, the export), built by hand:
 * no reflection on the hot path.
 */
public final class Json {
  private Json() {}

  /**
   * {@code {"items": [{"sku", "score", "source", "category", "because"}], "model": "...",
   * "took_ms": 0.4}}; {@code category} is omitted for SKUs without one, {@code because} (a list of
   * {@code {"sku", "share"}}) for items without reasons.
   */
  public static String items(List<Item> items, String model, double tookMs) {
    StringBuilder sb = new StringBuilder(64 + items.size() * 64);
    sb.append("{\"items\":[");
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      sb.append(i == 0 ? "{\"sku\":" : ",{\"sku\":");
      string(sb, item.sku());
      sb.append(",\"score\":").append(item.score()).append(",\"source\":\"");
      sb.append(item.source().label()).append('"');
      if (item.category() != null) {
        sb.append(",\"category\":");
        string(sb, item.category());
      }
      for (int b = 0; b < item.because().size(); b++) {
        sb.append(b == 0 ? ",\"because\":[{\"sku\":" : ",{\"sku\":");
        string(sb, item.because().get(b).sku());
        sb.append(",\"share\":").append(item.because().get(b).share()).append('}');
      }
      sb.append(item.because().isEmpty() ? "" : "]");
      sb.append('}');
    }
    sb.append("],\"model\":");
    string(sb, model);
    sb.append(",\"took_ms\":").append(millis(tookMs)).append('}');
    return sb.toString();
  }

  /** {@code {"error": {"message": "...", "field": "..."}}}; field omitted when null. */
  public static String error(String message, String field) {
    StringBuilder sb = new StringBuilder(64 + message.length());
    sb.append("{\"error\":{\"message\":");
    string(sb, message);
    if (field != null) {
      sb.append(",\"field\":");
      string(sb, field);
    }
    return sb.append("}}").toString();
  }

  /** Milliseconds with microsecond resolution, e.g. {@code 0.412}. */
  public static String millis(double ms) {
    return String.format(Locale.ROOT, "%.3f", ms);
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
