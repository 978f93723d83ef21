package dev.alike.experiment;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the batch job and serving agree on about an experiment's variants: the store's model name of
 * a variant's similarity, and the similarities a placements file's variants name.
 */
public final class Experiments {
  private Experiments() {}

  /** Longest model name ({@link AttributionToken#NAME}). */
  private static final int MAX_NAME = 24;

  /**
   * The store's model name of a variant's similarity spec (as {@code --similarity} takes it): the
   * spec itself when it is a valid name ({@code ease}, {@code tfidf}), else its characters outside
   * {@code [a-z0-9_-]} replaced by {@code _}, cut to 15, with {@code -} and 8 hex digits of a hash
   * of the whole spec ({@code ease:500:100} becomes {@code ease_500_100-xxxxxxxx}), so that
   * distinct specs get distinct names. Case and surrounding spaces do not count, as in {@code
   * --similarity}.
   *
   * @throws IllegalArgumentException for a blank spec
   */
  public static String modelName(String spec) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw new IllegalArgumentException("similarity spec \"" + spec + "\" is blank");
    }
    String safe = s.replaceAll("[^a-z0-9_-]", "_");
    if (safe.equals(s) && s.length() <= MAX_NAME && !s.equals("default")) {
      return s;
    }
    return safe.substring(0, Math.min(15, safe.length())) + "-" + String.format("%08x", fnv32(s));
  }

  /** FNV-1a, 32 bits, of the string's UTF-16 units: stable across JVMs and releases. */
  private static int fnv32(String s) {
    int h = 0x811c9dc5;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x01000193;
    }
    return h;
  }

  /**
   * The distinct similarity specs the variants of a placements file's running experiments serve
   * ({@code experiments.NAME.variants.NAME.similarity}; none of a stopped experiment, only the
   * promoted variant's of a promoted one), in file order; empty without experiments. Only these
   * fields are read: serving's placements parser checks the rest of the file.
   *
   * @param file the file's name for messages
   * @throws IllegalArgumentException naming the file and field when the JSON or a spec field is
   *     malformed
   */
  public static List<String> similarities(String text, String file) {
    JsonElement root;
    try {
      root = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    Set<String> out = new LinkedHashSet<>();
    JsonObject experiments = object(object(root, file).get("experiments"), file + ": experiments");
    for (Map.Entry<String, JsonElement> e : experiments.entrySet()) {
      String at = file + ": experiment \"" + e.getKey() + "\"";
      JsonObject experiment = object(e.getValue(), at);
      if (isTrue(experiment.get("stopped"))) {
        continue; // serves the placements as they are
      }
      JsonElement promote = experiment.get("promote");
      if (promote != null && !promote.isJsonNull() && !promote.isJsonPrimitive()) {
        throw new IllegalArgumentException(at + ": promote is not a variant name: " + promote);
      }
      JsonObject variants = object(experiment.get("variants"), at + ": variants");
      for (Map.Entry<String, JsonElement> v : variants.entrySet()) {
        if (promote != null && !promote.isJsonNull() && !promote.getAsString().equals(v.getKey())) {
          continue; // everyone gets the promoted variant
        }
        String where = at + ": variant \"" + v.getKey() + "\": similarity";
        JsonElement similarity = object(v.getValue(), where).get("similarity");
        if (similarity == null || similarity.isJsonNull()) {
          continue;
        }
        if (!similarity.isJsonPrimitive() || !similarity.getAsJsonPrimitive().isString()) {
          throw new IllegalArgumentException(where + " is not a string: " + similarity);
        }
        out.add(similarity.getAsString().trim());
      }
    }
    return new ArrayList<>(out);
  }

  private static boolean isTrue(JsonElement e) {
    return e != null
        && e.isJsonPrimitive()
        && e.getAsJsonPrimitive().isBoolean()
        && e.getAsBoolean();
  }

  /** {@code e} as an object; an empty one for a missing field. */
  private static JsonObject object(JsonElement e, String at) {
    if (e == null || e.isJsonNull()) {
      return new JsonObject();
    }
    if (!e.isJsonObject()) {
      throw new IllegalArgumentException(at + " is not a JSON object");
    }
    return e.getAsJsonObject();
  }
}
