package dev.alike.serving;

import com.google.gson.stream.JsonWriter;
import dev.alike.model.ScoredSku.Source;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The JSON answers of the serving path (the function, the CLI), written with Gson's {@link
 * JsonWriter}: a field more is one more {@code name(...).value(...)}.
 */
public final class Json {
  private Json() {}

  /** What writes one JSON document. */
  @FunctionalInterface
  public interface Body {
    void write(JsonWriter w) throws IOException;
  }

  /** The text {@code body} writes. */
  public static String write(Body body) {
    StringWriter out = new StringWriter(256);
    try (JsonWriter w = new JsonWriter(out)) {
      body.write(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /**
   * {@code {"items": [{"sku", "score", "source", "category", "support", "because"}], "model":
   * "...", "took_ms": 0.4}}; {@code category} is omitted for SKUs without one, {@code support} for
   * items without one (all but bought-together items), {@code because} (a list of {@code {"sku",
   * "share"}}) for items without reasons; {@code "boost"} (the factor a placement's rules
   * multiplied the score by) is added when not 1 and {@code "pinned": true} for a placement's pins;
   * {@code "degraded": true} is added when the store did not answer in time and the items come from
   * what the instance holds.
   */
  public static String items(List<Item> items, String model, double tookMs, boolean degraded) {
    return items(items, model, tookMs, degraded, false);
  }

  /**
   * As {@link #items(List, String, double, boolean)}, with {@code "diversity_short": true} when a
   * placement's diversity found too few distinct values and filled the list in score order.
   */
  public static String items(
      List<Item> items, String model, double tookMs, boolean degraded, boolean diversityShort) {
    return items(items, model, null, null, tookMs, degraded, diversityShort);
  }

  /**
   * As {@link #items(List, String, double, boolean, boolean)}, with {@code "variant"} (the
   * experiment variant) and {@code "attribution"} (the answer's attribution token) after {@code
   * "model"}; each omitted when null.
   */
  public static String items(
      List<Item> items,
      String model,
      String variant,
      String attribution,
      double tookMs,
      boolean degraded,
      boolean diversityShort) {
    return write(
        w -> {
          w.beginObject().name("items").beginArray();
          for (Item item : items) {
            w.beginObject().name("sku").value(item.sku()).name("score");
            if (item.source() == Source.RECENTLY_VIEWED) {
              w.value((long) item.score()); // an epoch second, not 1.762E9
            } else {
              w.value(item.score());
            }
            w.name("source").value(item.source().label());
            if (item.category() != null) {
              w.name("category").value(item.category());
            }
            if (item.support() > 0) {
              w.name("support").value(item.support());
            }
            if (item.boost() != 1) {
              w.name("boost").value(item.boost());
            }
            if (item.pinned()) {
              w.name("pinned").value(true);
            }
            if (!item.because().isEmpty()) {
              w.name("because").beginArray();
              for (Item.Because b : item.because()) {
                w.beginObject().name("sku").value(b.sku()).name("share").value(b.share());
                w.endObject();
              }
              w.endArray();
            }
            w.endObject();
          }
          w.endArray().name("model").value(model);
          if (variant != null) {
            w.name("variant").value(variant);
          }
          if (attribution != null) {
            w.name("attribution").value(attribution);
          }
          w.name("took_ms").jsonValue(millis(tookMs));
          if (degraded) {
            w.name("degraded").value(true);
          }
          if (diversityShort) {
            w.name("diversity_short").value(true);
          }
          w.endObject();
        });
  }

  /** {@code {"error": {"message": "...", "field": "..."}}}; field omitted when null. */
  public static String error(String message, String field) {
    return write(
        w -> {
          w.beginObject().name("error");
          error(w, message, field);
          w.endObject();
        });
  }

  /** The {@code {"message", "field"}} object of an error; field omitted when null. */
  public static void error(JsonWriter w, String message, String field) throws IOException {
    w.beginObject().name("message").value(message);
    if (field != null) {
      w.name("field").value(field);
    }
    w.endObject();
  }

  /** Milliseconds with microsecond resolution, e.g. {@code 0.412}. */
  public static String millis(double ms) {
    return String.format(Locale.ROOT, "%.3f", ms);
  }
}
