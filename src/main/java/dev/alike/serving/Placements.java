package dev.alike.serving;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.alike.experiment.AttributionToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The placements of a shop, read from one JSON file (docs/function.md shows the format): {@code
 * {"placements": {"home": {"list": "for-you", "n": 12, "filter": "...", "boost": [{"when": "...",
 * "factor": 1.5}], "bury": [...], "pin": [{"sku": "S1", "position": 1}], "diversity": {"by":
 * "category", "max": 2}}}}, and optionally {@code "experiments"} ({@link Experiments}) that split
 * placements' traffic between variants. The file is checked whole: one error refuses it all, with
 * the file, the placement or experiment and the position of the error, so a typo never
 * half-applies.
 */
public final class Placements {
  /** No placements: every request names none. */
  public static final Placements NONE = new Placements(Map.of(), Experiments.NONE);

  /** Placements of one file: a shop has a handful of slots, not thousands. */
  static final int MAX_PLACEMENTS = 1000;

  /** Rules or pins of one placement: each rule is tested per candidate, so they stay few. */
  static final int MAX_RULES = 50;

  /** Longest list a placement may default to, as a request may ask ({@code QueryParser.MAX_N}). */
  static final int MAX_N = 100;

  private static final Set<String> KEYS =
      Set.of("list", "n", "filter", "boost", "bury", "pin", "diversity");

  private final Map<String, Placement> byName;
  private final Experiments experiments;

  private Placements(Map<String, Placement> byName, Experiments experiments) {
    this.byName = Map.copyOf(byName);
    this.experiments = experiments;
  }

  /** A file that is not a valid placements file; the message names the file and position. */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /** The placement called {@code name}, if any. */
  public Optional<Placement> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The placement names, sorted (for messages). */
  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  /** The file's experiments (none without an {@code experiments} object). */
  public Experiments experiments() {
    return experiments;
  }

  /**
   * Placement {@code base} of this file as a request is served it: in a running experiment, the
   * variant of the request's unit, the customer id, else the anonymous session id, else (both null
   * or empty) a random one per request; else {@code base}. Null for a null {@code base}.
   */
  public Placement assign(Placement base, String customer, String session) {
    if (base == null) {
      return null;
    }
    String unit =
        customer != null && !customer.isEmpty()
            ? customer
            : session != null && !session.isEmpty() ? session : null;
    return experiments.assign(base, unit);
  }

  /**
   * Parses a placements file.
   *
   * @param file the file's name for messages (path or gs:// URI)
   * @param listTypes the list types requests can be answered with
   * @throws Invalid naming the file, the placement, the field and the position of the first error
   */
  public static Placements parse(String text, String file, Collection<String> listTypes) {
    JsonObject root = object(read(text, file), file + ": the file");
    for (String key : root.keySet()) {
      if (!key.equals("placements") && !key.equals("experiments")) {
        throw new Invalid(
            file
                + ": unknown key \""
                + key
                + "\" (the file holds \"placements\" and \"experiments\")");
      }
    }
    if (!root.has("placements")) {
      throw new Invalid(file + ": no \"placements\" object");
    }
    JsonObject all = object(root.get("placements"), file + ": placements");
    if (all.size() > MAX_PLACEMENTS) {
      throw new Invalid(file + ": " + all.size() + " placements, more than " + MAX_PLACEMENTS);
    }
    Map<String, Placement> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : all.entrySet()) {
      String where = file + ": placement \"" + e.getKey() + "\"";
      if (!AttributionToken.NAME.matcher(e.getKey()).matches()) {
        throw new Invalid(
            where
                + ": the name must match "
                + AttributionToken.NAME.pattern()
                + " (answers carry it in their attribution token)");
      }
      out.put(e.getKey(), placement(e.getKey(), object(e.getValue(), where), where, listTypes));
    }
    return new Placements(
        out,
        root.has("experiments")
            ? Experiments.parse(root.get("experiments"), file, out, listTypes)
            : Experiments.NONE);
  }

  private static JsonElement read(String text, String file) {
    try {
      JsonReader in = new JsonReader(new StringReader(text));
      in.setStrictness(Strictness.STRICT);
      JsonElement root = JsonParser.parseReader(in);
      if (in.peek() != JsonToken.END_DOCUMENT) {
        throw new Invalid(file + ": text after the JSON object at " + in.getPath());
      }
      return root;
    } catch (JsonParseException | IOException | IllegalStateException e) {
      // Gson's own message names line, column and path; its wrapper adds the class name, and a
      // second line links its troubleshooting page
      String why = (e.getCause() != null ? e.getCause() : e).getMessage();
      int line = why == null ? -1 : why.indexOf('\n');
      throw new Invalid(file + ": not valid JSON: " + (line < 0 ? why : why.substring(0, line)));
    }
  }

  private static Placement placement(
      String name, JsonObject o, String where, Collection<String> listTypes) {
    for (String key : o.keySet()) {
      if (!KEYS.contains(key)) {
        throw new Invalid(
            where + ": unknown key \"" + key + "\" (use " + new TreeSet<>(KEYS) + ")");
      }
    }
    String list = string(o.get("list"), where + ": list");
    if (!listTypes.contains(list)) {
      throw new Invalid(
          where + ": unknown list \"" + list + "\" (use one of " + new TreeSet<>(listTypes) + ")");
    }
    int n = o.has("n") ? integer(o.get("n"), where + ": n", 1, MAX_N) : 10;
    Expression filter = o.has("filter") ? expression(o.get("filter"), where + ": filter") : null;
    List<Placement.Rule> rules = new ArrayList<>();
    rules(o, "boost", where, rules);
    rules(o, "bury", where, rules);
    List<Placement.Pin> pins = new ArrayList<>();
    if (o.has("pin")) {
      JsonArray a = array(o.get("pin"), where + ": pin");
      for (int i = 0; i < a.size(); i++) {
        String at = where + ": pin[" + i + "]";
        JsonObject p = object(a.get(i), at);
        keys(p, at, Set.of("sku", "position"));
        pins.add(
            new Placement.Pin(
                string(p.get("sku"), at + ".sku"),
                integer(p.get("position"), at + ".position", 1, MAX_N)));
      }
    }
    pins.sort((a, b) -> Integer.compare(a.position(), b.position()));
    for (int i = 1; i < pins.size(); i++) {
      if (pins.get(i).position() == pins.get(i - 1).position()) {
        throw new Invalid(where + ": two pins at position " + pins.get(i).position());
      }
    }
    return new Placement(name, list, filter, rules, pins, diversity(o, where), n);
  }

  private static void rules(JsonObject o, String kind, String where, List<Placement.Rule> out) {
    if (!o.has(kind)) {
      return;
    }
    JsonArray a = array(o.get(kind), where + ": " + kind);
    for (int i = 0; i < a.size(); i++) {
      String at = where + ": " + kind + "[" + i + "]";
      JsonObject r = object(a.get(i), at);
      keys(r, at, Set.of("when", "factor"));
      double factor = number(r.get("factor"), at + ".factor");
      boolean boost = kind.equals("boost");
      // A factor of 1 does nothing, 0 or less would turn ranking upside down: both are mistakes.
      if (boost ? !(factor > 1 && factor <= 1000) : !(factor > 0 && factor < 1)) {
        throw new Invalid(
            at
                + ".factor: "
                + factor
                + (boost
                    ? " is not a boost (above 1, at most 1000)"
                    : " is not a bury (in (0, 1))"));
      }
      out.add(new Placement.Rule(expression(r.get("when"), at + ".when"), factor));
    }
    if (out.size() > MAX_RULES) {
      throw new Invalid(where + ": more than " + MAX_RULES + " boost and bury rules");
    }
  }

  private static Placement.Diversity diversity(JsonObject o, String where) {
    if (!o.has("diversity")) {
      return null;
    }
    String at = where + ": diversity";
    JsonObject d = object(o.get("diversity"), at);
    keys(d, at, Set.of("by", "max"));
    String by = string(d.get("by"), at + ".by");
    if (!by.equals("category") && !(by.startsWith("attr.") && by.length() > 5)) {
      throw new Invalid(at + ".by: \"" + by + "\" is not category or attr.NAME");
    }
    return new Placement.Diversity(by, integer(d.get("max"), at + ".max", 1, MAX_N));
  }

  private static Expression expression(JsonElement e, String at) {
    String text = string(e, at);
    try {
      return Expression.parse(text);
    } catch (Expression.Invalid x) {
      throw new Invalid(at + ": " + x.getMessage());
    }
  }

  static void keys(JsonObject o, String at, Set<String> known) {
    for (String key : o.keySet()) {
      if (!known.contains(key)) {
        throw new Invalid(at + ": unknown key \"" + key + "\" (use " + new TreeSet<>(known) + ")");
      }
    }
  }

  static JsonObject object(JsonElement e, String at) {
    if (e == null || !e.isJsonObject()) {
      throw new Invalid(at + " must be an object");
    }
    return e.getAsJsonObject();
  }

  static JsonArray array(JsonElement e, String at) {
    if (e == null || !e.isJsonArray()) {
      throw new Invalid(at + " must be an array");
    }
    JsonArray a = e.getAsJsonArray();
    if (a.size() > MAX_RULES) {
      throw new Invalid(at + " has " + a.size() + " entries, more than " + MAX_RULES);
    }
    return a;
  }

  static String string(JsonElement e, String at) {
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new Invalid(at + " must be a string" + (e == null ? " (missing)" : ", was " + e));
    }
    String s = e.getAsString();
    if (s.isEmpty()) {
      throw new Invalid(at + " is empty");
    }
    return s;
  }

  static double number(JsonElement e, String at) {
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new Invalid(at + " must be a number" + (e == null ? " (missing)" : ", was " + e));
    }
    return e.getAsDouble();
  }

  private static int integer(JsonElement e, String at, int min, int max) {
    double v = number(e, at);
    if (v != Math.rint(v) || v < min || v > max) {
      throw new Invalid(at + " must be an integer in " + min + ".." + max + ", was " + e);
    }
    return (int) v;
  }
}
