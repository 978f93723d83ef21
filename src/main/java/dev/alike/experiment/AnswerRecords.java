package dev.alike.experiment;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The recorded-answer format, one JSON object per line: {@code {"at": 1764576000000, "customer":
 * "c1", "placement": "home", "variant": "ease", "request": "r1", "version": "v20261207-101500-000",
 * "skus": ["s1", "s2"]}} ({@code at} in epoch milliseconds; {@code request} the request id of the
 * answer's {@link AttributionToken}; {@code version} optional, {@code -} when absent). What serving
 * appends and the report reads; its one writer and reader.
 */
public final class AnswerRecords {
  /** Enough examples to diagnose a bad file without flooding the output. */
  public static final int MAX_EXAMPLES = 10;

  private AnswerRecords() {}

  /** What reading found besides the answers. */
  public record Counts(long lines, long rejected, List<String> examples) {}

  /** The line of {@code e} (without its newline). */
  public static String line(Exposure e) {
    StringWriter out = new StringWriter(64 + 16 * e.skus().size());
    try (JsonWriter w = new JsonWriter(out)) {
      w.beginObject().name("at").value(e.servedMillis()).name("customer").value(e.customer());
      w.name("placement").value(e.placement()).name("variant").value(e.variant());
      w.name("request").value(e.request()).name("version").value(e.version());
      w.name("skus").beginArray();
      for (String sku : e.skus()) {
        w.value(sku);
      }
      w.endArray().endObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex); // a StringWriter does not fail
    }
    return out.toString();
  }

  /**
   * Reads every line of {@code in} (decompressed, UTF-8), giving each valid answer to {@code each};
   * a bad line is counted and the first {@link #MAX_EXAMPLES} kept as {@code name:line: reason}.
   */
  public static Counts read(InputStream in, String name, Consumer<Exposure> each)
      throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    long lines = 0;
    long rejected = 0;
    List<String> examples = new ArrayList<>();
    for (String text = reader.readLine(); text != null; text = reader.readLine()) {
      lines++;
      if (text.isBlank()) {
        continue;
      }
      try {
        each.accept(parse(text));
      } catch (IllegalArgumentException | IOException | IllegalStateException e) {
        rejected++;
        if (examples.size() < MAX_EXAMPLES) {
          examples.add(name + ":" + lines + ": " + e.getMessage());
        }
      }
    }
    return new Counts(lines, rejected, List.copyOf(examples));
  }

  /**
   * One answer line.
   *
   * @throws IllegalArgumentException naming the missing or bad field
   */
  static Exposure parse(String line) throws IOException {
    long at = Long.MIN_VALUE;
    String customer = null;
    String placement = null;
    String variant = null;
    String request = "";
    String version = AttributionToken.NONE;
    List<String> skus = null;
    try (JsonReader r = new JsonReader(new StringReader(line))) {
      r.beginObject();
      while (r.hasNext()) {
        String field = r.nextName();
        switch (field) {
          case "at" -> at = r.nextLong();
          case "customer" -> customer = r.nextString();
          case "placement" -> placement = r.nextString();
          case "variant" -> variant = r.nextString();
          case "request" -> request = r.nextString();
          case "version" -> version = r.nextString();
          case "skus" -> {
            skus = new ArrayList<>();
            r.beginArray();
            while (r.hasNext()) {
              if (r.peek() != JsonToken.STRING) {
                throw new IllegalArgumentException("\"skus\" holds a non-string: " + r.peek());
              }
              skus.add(r.nextString());
            }
            r.endArray();
          }
          default -> r.skipValue(); // fields a later writer may add
        }
      }
      r.endObject();
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new IllegalArgumentException("text after the object");
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"at\" is not epoch milliseconds: " + e.getMessage());
    }
    require(at != Long.MIN_VALUE, "at");
    require(customer != null && !customer.isEmpty(), "customer");
    require(placement != null, "placement");
    require(variant != null && !variant.isEmpty(), "variant");
    require(skus != null, "skus");
    return new Exposure(at, customer, placement, variant, request, version, skus);
  }

  private static void require(boolean present, String field) {
    if (!present) {
      throw new IllegalArgumentException("\"" + field + "\" missing or empty");
    }
  }
}
