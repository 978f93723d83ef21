package dev.alike.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a catalog in JSON Lines: {@code {"sku": "s1", "category": "shoes", "attributes": {"gender":
 * "female"}, "available": true}} per line. {@code sku} is required; {@code category} (string),
 * {@code attributes} (object of strings, numbers or booleans, kept as their text) and {@code
 * available} (boolean, default true), {@code title} and {@code description} (strings) and {@code
 * price} (a number &gt;= 0) are optional. Blank lines are skipped. A bad line is counted and the
 * first {@link #MAX_EXAMPLES} are kept as {@code name:line: reason}, like bad event lines; a later
 * line for the same SKU replaces an earlier one and is counted as a duplicate.
 *
 * <p>A catalog update ({@link #readChanges}) has the same lines, read as partial changes: a field
 * that is absent (or null) leaves the SKU's current value, and a later line for the same SKU adds
 * its fields to the earlier one's.
 */
public final class CatalogReader {
  /** Enough examples to diagnose a format problem without flooding the report. */
  public static final int MAX_EXAMPLES = 10;

  private CatalogReader() {}

  /** The catalog and what was wrong with its input. */
  public record Result(
      Catalog catalog, long lines, long badLines, long duplicates, List<String> examples) {}

  /** The changes of a catalog update, by SKU in first-seen order, and what was wrong. */
  public record Changes(
      Map<String, Catalog.Change> changes,
      long lines,
      long badLines,
      long duplicates,
      List<String> examples) {}

  /**
   * Reads every line of {@code in} (already decompressed) as UTF-8.
   *
   * @param name the input's name for messages (path or gs:// URI)
   * @throws IOException if reading fails (bad content is counted, not thrown)
   */
  public static Result read(InputStream in, String name) throws IOException {
    Map<String, Catalog.Entry> entries = new HashMap<>();
    Changes read =
        lines(
            in, name, (sku, change) -> entries.put(sku, change.applyTo(Catalog.unknown())), false);
    return new Result(
        new Catalog(entries), read.lines(), read.badLines(), read.duplicates(), read.examples());
  }

  /**
   * Reads every line of {@code in} (already decompressed, UTF-8) as a partial change of one SKU.
   *
   * @param name the input's name for messages (path, gs:// URI, or the request body)
   * @throws IOException if reading fails (bad content is counted, not thrown)
   */
  public static Changes readChanges(InputStream in, String name) throws IOException {
    Map<String, Catalog.Change> changes = new LinkedHashMap<>();
    Changes read =
        lines(
            in,
            name,
            (sku, change) -> {
              if (change.equals(NO_CHANGE)) {
                throw new IllegalArgumentException(
                    "line changes nothing of SKU " + StoreException.abbreviate(sku));
              }
              Catalog.Change earlier = changes.get(sku);
              changes.put(sku, earlier == null ? change : earlier.then(change));
              return earlier;
            },
            true);
    return new Changes(changes, read.lines(), read.badLines(), read.duplicates(), read.examples());
  }

  /** Receives each good line; returns the previous value for the SKU (a duplicate) or null. */
  private interface Sink {
    Object put(String sku, Catalog.Change change);
  }

  /** The fields a line may have; an update names any other one as a mistake. */
  private static final Set<String> FIELDS =
      Set.of("sku", "category", "attributes", "available", "title", "description", "price");

  private static final Catalog.Change NO_CHANGE =
      new Catalog.Change(null, null, null, null, null, null);

  /**
   * @param strict refuse fields other than {@link #FIELDS}: in an update a misspelt field would
   *     otherwise change nothing without a word (a full catalog may carry fields of its own)
   */
  private static Changes lines(InputStream in, String name, Sink sink, boolean strict)
      throws IOException {
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
          throw new IllegalArgumentException(
              "not a JSON object: " + StoreException.abbreviate(line.strip()));
        }
        if (strict) {
          for (String field : map.keySet()) {
            if (!FIELDS.contains(field)) {
              throw new IllegalArgumentException(
                  "unknown field " + StoreException.abbreviate(field));
            }
          }
        }
        String sku = sku(map);
        if (sink.put(sku, change(map)) != null) {
          duplicates++;
        }
      } catch (IllegalArgumentException e) {
        bad++;
        if (examples.size() < MAX_EXAMPLES) {
          examples.add(name + ":" + lines + ": " + e.getMessage());
        }
      }
    }
    return new Changes(Map.of(), lines, bad, duplicates, List.copyOf(examples));
  }

  private static String sku(Map<String, Object> map) {
    if (!(map.get("sku") instanceof String sku) || sku.isEmpty()) {
      throw new IllegalArgumentException("\"sku\" missing or not a non-empty string");
    }
    return sku;
  }

  private static Catalog.Change change(Map<String, Object> map) {
    Object category = map.get("category");
    if (category != null && !(category instanceof String)) {
      throw new IllegalArgumentException("\"category\" is not a string: " + category);
    }
    Object available = map.get("available");
    if (available != null && !(available instanceof Boolean)) {
      throw new IllegalArgumentException("\"available\" is not a boolean: " + available);
    }
    Object price = map.get("price");
    if (price != null
        && !(price instanceof Number n
            && n.doubleValue() >= 0
            && Double.isFinite(n.doubleValue()))) {
      throw new IllegalArgumentException("\"price\" is not a number >= 0: " + price);
    }
    return new Catalog.Change(
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

  /** The attributes as text; null when absent. */
  private static Map<String, String> attributes(Object value) {
    if (value == null) {
      return null;
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
