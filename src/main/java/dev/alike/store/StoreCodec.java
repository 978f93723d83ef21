package dev.alike.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of SKU documents, neighbour lists, customer profiles and version records, as
 * plain maps of strings, numbers, booleans, lists and maps: what Firestore stores and what Gson
 * writes as JSON (the local store's documents), so both stores share one format and one validator.
 *
 * <p>Field layout (names are the Firestore field names; see docs/storage.md):
 *
 * <pre>
 * SKU document : {sku, category?, attrs: [k1, v1, k2, v2, ...], similar: [entry], reverse: [entry]}
 * entry        : {sku, score, category?, attrs?}
 * profile      : {customer, skus: [sku], scores: [score], hash}
 * version      : {version, createdAt (ISO-8601), skus, finished, popular: [entry]}
 * </pre>
 *
 * Attributes are a flat string array rather than a map because map keys are Firestore field names,
 * which may not be {@code __x__}-shaped or longer than 1,500 bytes; catalog keys are untrusted.
 *
 * <p>Readers call the {@code read*} methods, which validate everything and throw {@link Malformed}
 * naming the problem; stores catch it, log, and treat the document as missing.
 */
public final class StoreCodec {
  static final String SKU = "sku";
  static final String SCORE = "score";
  static final String CATEGORY = "category";
  static final String ATTRS = "attrs";
  static final String SIMILAR = "similar";
  static final String REVERSE = "reverse";
  static final String CUSTOMER = "customer";
  static final String SKUS = "skus";
  static final String SCORES = "scores";
  static final String HASH = "hash";
  static final String UPDATES = "updates";
  static final String VERSION = "version";
  static final String CREATED_AT = "createdAt";
  static final String FINISHED = "finished";
  static final String POPULAR = "popular";
  static final String TRENDING = "trending";
  static final String REPORT = "report";

  private StoreCodec() {}

  /** A stored document that fails validation; the message says which field and why. */
  public static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message);
    }
  }

  // ---- writing ----

  /** The stored form of a SKU document. */
  public static Map<String, Object> write(SkuDocument doc) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(SKU, doc.sku());
    if (doc.category() != null) {
      map.put(CATEGORY, doc.category());
    }
    map.put(ATTRS, flatten(doc.attributes()));
    map.put(SIMILAR, writeList(doc.similar()));
    map.put(REVERSE, writeList(doc.reverse()));
    return map;
  }

  /** The stored form of a neighbour list. */
  public static List<Object> writeList(List<Neighbor> list) {
    List<Object> out = new ArrayList<>(list.size());
    for (Neighbor n : list) {
      out.add(write(n));
    }
    return out;
  }

  static Map<String, Object> write(Neighbor n) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(SKU, n.sku());
    map.put(SCORE, n.score());
    if (n.category() != null) {
      map.put(CATEGORY, n.category());
    }
    if (!n.attributes().isEmpty()) {
      map.put(ATTRS, flatten(n.attributes()));
    }
    return map;
  }

  /** The stored form of a profile, with its content hash. */
  public static Map<String, Object> write(CustomerProfile profile) {
    return write(profile, ProfileHash.of(profile));
  }

  /** As {@link #write(CustomerProfile)} with the profile's {@link ProfileHash} already known. */
  static Map<String, Object> write(CustomerProfile profile, String hash) {
    Map<String, Object> map = new LinkedHashMap<>();
    List<Object> skus = new ArrayList<>(profile.scores().size());
    List<Object> scores = new ArrayList<>(profile.scores().size());
    profile
        .scores()
        .forEach(
            (sku, score) -> {
              skus.add(sku);
              scores.add(score);
            });
    map.put(CUSTOMER, profile.customer());
    map.put(SKUS, skus);
    map.put(SCORES, scores);
    if (!profile.updates().isEmpty()) {
      map.put(UPDATES, new ArrayList<Object>(profile.updates()));
    }
    map.put(HASH, hash);
    return map;
  }

  /** The stored form of a version record (without the popular list). */
  public static Map<String, Object> write(ModelInfo info, boolean finished) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(VERSION, info.version());
    map.put(CREATED_AT, info.createdAt().toString());
    map.put(SKUS, info.skus());
    map.put(FINISHED, finished);
    return map;
  }

  private static List<Object> flatten(Map<String, String> attributes) {
    String[] keys = attributes.keySet().toArray(new String[0]);
    Arrays.sort(keys);
    List<Object> out = new ArrayList<>(keys.length * 2);
    for (String key : keys) {
      out.add(key);
      out.add(attributes.get(key));
    }
    return out;
  }

  // ---- reading (validating) ----

  /** A SKU document read back. @throws Malformed if any field is missing or of the wrong type */
  public static SkuDocument readSku(Map<String, Object> map) {
    return new SkuDocument(
        string(map, SKU),
        optionalString(map, CATEGORY),
        attrs(map.get(ATTRS)),
        readList(map.get(SIMILAR), SIMILAR),
        readList(map.get(REVERSE), REVERSE));
  }

  /** A neighbour list read back; {@code null} reads as empty. @throws Malformed otherwise */
  public static List<Neighbor> readList(Object value, String field) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new Malformed(field + " is not a list");
    }
    List<Neighbor> out = new ArrayList<>(list.size());
    for (Object o : list) {
      Map<String, Object> entry = asMap(o, field + " entry");
      double score = number(entry, SCORE).doubleValue();
      // Reverse lists carry the recommender's weights, which EASE makes negative at times; every
      // other list holds similarities or popularity, always > 0. Zero and NaN are never written.
      boolean signed = REVERSE.equals(field);
      if (!Double.isFinite(score) || (signed ? score == 0 : !(score > 0))) {
        throw new Malformed(
            field + " entry score is " + score + ", not finite and " + (signed ? "!= 0" : "> 0"));
      }
      out.add(
          new Neighbor(
              string(entry, SKU), score, optionalString(entry, CATEGORY), attrs(entry.get(ATTRS))));
    }
    return out;
  }

  /** A profile read back. @throws Malformed if fields are missing or the arrays differ in length */
  public static CustomerProfile readProfile(Map<String, Object> map) {
    String customer = string(map, CUSTOMER);
    List<?> skus = list(map, SKUS);
    List<?> scores = list(map, SCORES);
    if (skus.size() != scores.size()) {
      throw new Malformed("profile has " + skus.size() + " skus but " + scores.size() + " scores");
    }
    Map<String, Double> out = new LinkedHashMap<>(Math.max(4, skus.size() * 2));
    for (int i = 0; i < skus.size(); i++) {
      if (!(skus.get(i) instanceof String sku) || sku.isEmpty()) {
        throw new Malformed("profile sku " + i + " is not a non-empty string");
      }
      if (!(scores.get(i) instanceof Number score) || !Double.isFinite(score.doubleValue())) {
        throw new Malformed("profile score " + i + " is not a finite number");
      }
      if (out.put(sku, score.doubleValue()) != null) {
        throw new Malformed("profile names sku " + i + " twice");
      }
    }
    List<String> updates = new ArrayList<>();
    Object u = map.get(UPDATES);
    if (u != null) {
      if (!(u instanceof List<?> keys)) {
        throw new Malformed(UPDATES + " is not a list");
      }
      for (Object key : keys) {
        if (!(key instanceof String k) || k.isEmpty()) {
          throw new Malformed(UPDATES + " holds " + key + ", not a non-empty string");
        }
        updates.add(k);
      }
    }
    return new CustomerProfile(customer, out, updates);
  }

  /** A version record read back. @throws Malformed if a field is missing or invalid */
  public static ModelInfo readInfo(Map<String, Object> map) {
    try {
      return new ModelInfo(
          string(map, VERSION),
          Instant.parse(string(map, CREATED_AT)),
          number(map, SKUS).longValue());
    } catch (DateTimeParseException e) {
      throw new Malformed("createdAt is not an ISO-8601 instant: " + map.get(CREATED_AT));
    }
  }

  /** Whether a version record says the version was completely written. */
  public static boolean isFinished(Map<String, Object> map) {
    return Boolean.TRUE.equals(map.get(FINISHED));
  }

  private static Map<String, String> attrs(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof List<?> list) || list.size() % 2 != 0) {
      throw new Malformed("attrs is not a list of key, value pairs");
    }
    if (list.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < list.size(); i += 2) {
      if (!(list.get(i) instanceof String k) || !(list.get(i + 1) instanceof String v)) {
        throw new Malformed("attrs entry " + i / 2 + " is not two strings");
      }
      out.put(k, v);
    }
    return Collections.unmodifiableMap(out);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object o, String what) {
    if (!(o instanceof Map<?, ?> map)) {
      throw new Malformed(what + " is not a map");
    }
    return (Map<String, Object>) map;
  }

  private static String string(Map<String, Object> map, String field) {
    if (!(map.get(field) instanceof String s) || s.isEmpty()) {
      throw new Malformed(field + " is missing or not a non-empty string");
    }
    return s;
  }

  private static String optionalString(Map<String, Object> map, String field) {
    Object value = map.get(field);
    if (value != null && !(value instanceof String)) {
      throw new Malformed(field + " is not a string");
    }
    return (String) value;
  }

  private static Number number(Map<String, Object> map, String field) {
    if (!(map.get(field) instanceof Number n)) {
      throw new Malformed(field + " is missing or not a number");
    }
    return n;
  }

  private static List<?> list(Map<String, Object> map, String field) {
    if (!(map.get(field) instanceof List<?> l)) {
      throw new Malformed(field + " is missing or not a list");
    }
    return l;
  }
}
