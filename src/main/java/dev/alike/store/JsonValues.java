package dev.alike.store;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import com.google.common.io.CharStreams;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain values (maps with string keys, lists, strings, numbers, booleans, null) to and from JSON
 * through Gson's streaming {@link JsonWriter} and {@link JsonReader}, with what {@code
 * Gson.toJson}/{@code fromJson(text, Object.class)} do by default: no HTML escaping, null map
 * entries left out; lenient reading, numbers read as doubles, the whole text must be one value.
 * Gson's object mapping gives the same results but loads about 130 classes on first use, a tenth of
 * a second at the end of every build, for a few small files.
 */
public final class JsonValues {
  /** Per thread, the text being written: grown once to the largest document, not per call. */
  private static final ThreadLocal<StringBuilder> TEXT =
      ThreadLocal.withInitial(() -> new StringBuilder(4096));

  private JsonValues() {}

  /** {@code value} as JSON, indented by two spaces when {@code pretty}. */
  public static String toJson(Object value, boolean pretty) {
    StringBuilder text = TEXT.get();
    text.setLength(0);
    // not a StringWriter: its StringBuffer takes a lock on every character
    try (JsonWriter out = new JsonWriter(CharStreams.asWriter(text))) {
      out.setSerializeNulls(false);
      if (pretty) {
        out.setIndent("  ");
      }
      write(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /**
   * The JSON object in {@code text} as a map (insertion-ordered, a repeated key keeps its last
   * value), or null when the text is not one JSON object.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObject(String text) {
    JsonReader in = new JsonReader(new StringReader(text));
    in.setStrictness(Strictness.LENIENT);
    try {
      if (in.peek() != JsonToken.BEGIN_OBJECT) {
        return null;
      }
      Object value = read(in);
      return in.peek() == JsonToken.END_DOCUMENT ? (Map<String, Object>) value : null;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      return null; // malformed, cut short, or a number out of range
    }
  }

  private static Object read(JsonReader in) throws IOException {
    switch (in.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        in.beginObject();
        while (in.hasNext()) {
          String name = in.nextName();
          map.put(name, read(in));
        }
        in.endObject();
        return map;
      }
      case BEGIN_ARRAY -> {
        List<Object> list = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
          list.add(read(in));
        }
        in.endArray();
        return list;
      }
      case STRING -> {
        return in.nextString();
      }
      case NUMBER -> {
        // The same double as Double.parseDouble, without its big-integer path for 17 digits.
        return JavaDoubleParser.parseDouble(in.nextString());
      }
      case BOOLEAN -> {
        return in.nextBoolean();
      }
      case NULL -> {
        in.nextNull();
        return null;
      }
      default -> throw new IllegalStateException("unexpected " + in.peek() + " at " + in.getPath());
    }
  }

  private static void write(JsonWriter out, Object value) throws IOException {
    if (value == null) {
      out.nullValue();
    } else if (value instanceof Map<?, ?> map) {
      out.beginObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.name(String.valueOf(e.getKey()));
        write(out, e.getValue());
      }
      out.endObject();
    } else if (value instanceof Iterable<?> list) {
      out.beginArray();
      for (Object item : list) {
        write(out, item);
      }
      out.endArray();
    } else if (value instanceof String s) {
      out.value(s);
    } else if (value instanceof Boolean b) {
      out.value(b);
    } else if (value instanceof Number n) {
      out.value(n);
    } else if (value instanceof Character c) {
      out.value(c.toString());
    } else {
      throw new IllegalArgumentException(
          "not a plain JSON value: " + value.getClass().getName() + " " + value);
    }
  }
}
