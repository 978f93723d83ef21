package dev.alike.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a catalog in JSON Lines: {@code {"sku": "s1", "category": "shoes", "attributes": {"gender":
 * "female"}, "available": true}} per line. {@code sku} is required; {@code category} (string),
 * {@code attributes} (object of strings, numbers or booleans, kept as their text) and {@code
 * available} (boolean, default true), {@code title} and {@code description} (strings) and {@code
 * price} (a number &gt;= 0) are optional. Blank lines are skipped. A bad line is counted and the
 * first {@link #MAX_EXAMPLES} are kept as {@code name:line: reason}, like bad event lines; a later
 * line for the same SKU replaces an earlier one and is counted as a duplicate.
 */
public final class CatalogReader {
  /** Enough examples to diagnose a format problem without flooding the report. */
  public static final int MAX_EXAMPLES = 10;

  private CatalogReader() {}

  /** The catalog and what was wrong with its input. */
  public record Result(
      Catalog catalog, long lines, long badLines, long duplicates, List<String> examples) {}

  /**
   * Reads every line of {@code in} (already decompressed) as UTF-8.
   *
   * @param name the input's name for messages (path or gs:// URI)
   * @throws IOException if reading fails (bad content is counted, not thrown)
   */
  public static Result read(InputStream in, String name) throws IOException {
    Map<String, Catalog.Entry> entries = new HashMap<>();
    List<String> examples = new ArrayList<>();
    long lines = 0;
    long bad = 0;
    long duplicates = 0;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lines++;
      if (line.isBlank()) {
        continue;
      }
      try {
        Map<String, Object> map = JsonValues.readObject(line);
        if (map == null) {
          throw new IllegalArgumentException("not a JSON object");
        }
        String sku = sku(map);
        if (entries.put(sku, entry(map)) != null) {
          duplicates++;
        }
      } catch (IllegalArgumentException e) {
        bad++;
        if (examples.size() < MAX_EXAMPLES) {
          examples.add(name + ":" + lines + ": " + e.getMessage());
        }
      }
    }
    return new Result(new Catalog(entries), lines, bad, duplicates, List.copyOf(examples));
  }

  private static String sku(Map<String, Object> map) {
    if (!(map.get("sku") instanceof String sku) || sku.isEmpty()) {
      throw new IllegalArgumentException("\"sku\" missing or not a non-empty string");
    }
    return sku;
  }

  private static Catalog.Entry entry(Map<String, Object> map) {
    Object category = map.get("category");
    if (category != null && !(category instanceof String)) {
      throw new IllegalArgumentException("\"category\" is not a string: " + category);
    }
    Object available = map.getOrDefault("available", Boolean.TRUE);
    if (!(available instanceof Boolean)) {
      throw new IllegalArgumentException("\"available\" is not a boolean: " + available);
    }
    Object price = map.get("price");
    if (price != null
        && !(price instanceof Number n
            && n.doubleValue() >= 0
            && Double.isFinite(n.doubleValue()))) {
      throw new IllegalArgumentException("\"price\" is not a number >= 0: " + price);
    }
    return new Catalog.Entry(
        (String) category,
        attributes(map.get("attributes")),
        (Boolean) available,
        text(map, "title"),
        text(map, "description"),
        price == null ? null : ((Number) price).doubleValue());
  }

  private static String text(Map<String, Object> map, String field) {
    Object value = map.get(field);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException("\"" + field + "\" is not a string: " + value);
    }
    return (String) value;
  }

  private static Map<String, String> attributes(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("\"attributes\" is not an object");
    }
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object v = e.getValue();
      if (v instanceof String s) {
        out.put((String) e.getKey(), s);
      } else if (v instanceof Boolean) {
        out.put((String) e.getKey(), v.toString());
      } else if (v instanceof Number n) {
        double d = n.doubleValue();
        out.put(
            (String) e.getKey(),
            d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
      } else {
        throw new IllegalArgumentException(
            "attribute \"" + e.getKey() + "\" is not a string, number or boolean");
      }
    }
    return out;
  }
}
