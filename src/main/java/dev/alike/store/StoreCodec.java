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
 * SKU document : {sku, category?, attrs: [k1, v1, k2, v2, ...], similar: list, reverse: list,
 *                 together?: list, rebuy?: rate, rebuyAfter?: seconds}
 * list         : {skus: [sku], scores: [score], categories?: [category or null],
 *                 attrs?: [entry index, key, value, ...], supports?: [orders],
 *                 prices?: [price or null], unavailable?: [entry index]}
 * profile      : {customer, skus: [sku], scores: [score], seen?: [epoch seconds or 0],
 *                 bought?: [sku index, epoch seconds or 0, ...], updates?: [key], hash}
 * version      : {version, createdAt (ISO-8601), skus, finished, popular: list, trending: list}
 * pointer      : a version record, plus catalogGeneration? (a number, 0 when absent)
 * catalog update: {sku, at (epoch microseconds), category?, attrs?: [k1, v1, ...], available?,
 *                 title?, description?, price?} (an absent field is unchanged)
 * </pre>
 *
 * A list is parallel arrays, not an array of entries: no field names repeated per entry, and
 * Firestore forbids an array directly inside an array, so pairs are not an option. {@code
 * categories}, {@code attrs}, {@code supports}, {@code prices} and {@code unavailable} are present
 * only when some entry has them (the build drops unavailable SKUs from lists, so it writes no
 * {@code unavailable}; an in-place catalog update may), {@code together} only when the SKU has a
 * bought-together list. Scores are floats (the build computes them as floats): JSON holds the
 * shortest text that reads back as the same float, Firestore a double of that float, and readers
 * round what they read to float. Lists written before this layout (an array of {@code {sku, score,
 * category?, attrs?}} maps, scores as doubles) read back as the same lists.
 *
 * <p>A profile's {@code seen} is parallel to its {@code skus} (0 where no time is known) and
 * present only when some SKU has a time; {@code bought} names only the SKUs bought, as pairs of an
 * index into {@code skus} and the newest purchase's time, so a profile of views pays nothing for
 * it. Profiles written before either field read back without times or purchases.
 *
 * <p>Attributes are a flat string array rather than a map because map keys are Firestore field
 * names, which may not be {@code __x__}-shaped or longer than 1,500 bytes; catalog keys are
 * untrusted.
 *
 * <p>Readers call the {@code read*} methods, which validate everything and throw {@link Malformed}
 * naming the problem; stores catch it, log, and treat the document as missing.
 */
public final class StoreCodec {
  static final String SKU = "sku";
  static final String SCORE = "score";
  static final String CATEGORY = "category";
  static final String CATEGORIES = "categories";
  static final String ATTRS = "attrs";
  static final String PRICES = "prices";
  static final String UNAVAILABLE = "unavailable";
  static final String SIMILAR = "similar";
  static final String REVERSE = "reverse";
  static final String TOGETHER = "together";
  static final String SUPPORTS = "supports";
  static final String CUSTOMER = "customer";
  static final String SKUS = "skus";
  static final String SCORES = "scores";
  static final String HASH = "hash";
  static final String UPDATES = "updates";
  static final String SEEN = "seen";
  static final String REBUY = "rebuy";
  static final String REBUY_AFTER = "rebuyAfter";
  static final String BOUGHT = "bought";
  static final String VERSION = "version";
  static final String CREATED_AT = "createdAt";
  static final String FINISHED = "finished";
  static final String POPULAR = "popular";
  static final String TRENDING = "trending";
  static final String REPORT = "report";
  static final String CATALOG_GENERATION = "catalogGeneration";

  /** A version record's model name; absent for the default model (records written before). */
  static final String MODEL = "model";

  static final String AT = "at";
  static final String AVAILABLE = "available";
  static final String TITLE = "title";
  static final String DESCRIPTION = "description";
  static final String PRICE = "price";

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
    if (!doc.together().isEmpty()) {
      map.put(TOGETHER, writeList(doc.together()));
    }
    if (doc.rebuy() > 0) {
      map.put(REBUY, (float) doc.rebuy());
    }
    if (doc.rebuyAfter() > 0) {
      map.put(REBUY_AFTER, doc.rebuyAfter());
    }
    return map;
  }

  /** The stored form of a neighbour list: parallel arrays (see the class comment). */
  public static Map<String, Object> writeList(List<Neighbor> list) {
    int n = list.size();
    List<Object> skus = new ArrayList<>(n);
    List<Object> scores = new ArrayList<>(n);
    List<Object> categories = null;
    List<Object> attrs = null;
    List<Object> supports = null;
    List<Object> prices = null;
    List<Object> unavailable = null;
    for (int i = 0; i < n; i++) {
      Neighbor e = list.get(i);
      skus.add(e.sku());
      scores.add((float) e.score());
      if (e.support() > 0 && supports == null) {
        supports = new ArrayList<>(Collections.nCopies(i, (Object) 0L));
      }
      if (supports != null) {
        supports.add((long) e.support());
      }
      if (e.category() != null && categories == null) {
        categories = new ArrayList<>(Collections.nCopies(i, null));
      }
      if (categories != null) {
        categories.add(e.category());
      }
      boolean priced = !Double.isNaN(e.price());
      if (priced && prices == null) {
        prices = new ArrayList<>(Collections.nCopies(i, null));
      }
      if (prices != null) {
        prices.add(priced ? e.price() : null);
      }
      if (!e.available()) {
        unavailable = unavailable == null ? new ArrayList<>() : unavailable;
        unavailable.add((long) i);
      }
      if (!e.attributes().isEmpty()) {
        attrs = attrs == null ? new ArrayList<>() : attrs;
        for (Object keyOrValue : flatten(e.attributes())) {
          if (attrs.size() % 3 == 0) {
            attrs.add((long) i);
          }
          attrs.add(keyOrValue);
        }
      }
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(SKUS, skus);
    map.put(SCORES, scores);
    if (categories != null) {
      map.put(CATEGORIES, categories);
    }
    if (attrs != null) {
      map.put(ATTRS, attrs);
    }
    if (supports != null) {
      map.put(SUPPORTS, supports);
    }
    if (prices != null) {
      map.put(PRICES, prices);
    }
    if (unavailable != null) {
      map.put(UNAVAILABLE, unavailable);
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
              scores.add(score.floatValue());
            });
    map.put(CUSTOMER, profile.customer());
    map.put(SKUS, skus);
    map.put(SCORES, scores);
    if (!profile.seen().isEmpty()) {
      List<Object> seen = new ArrayList<>(skus.size());
      for (Object sku : skus) {
        seen.add(profile.seen().getOrDefault((String) sku, CustomerProfile.NO_TIME));
      }
      map.put(SEEN, seen);
    }
    if (!profile.bought().isEmpty()) {
      List<Object> bought = new ArrayList<>(2 * profile.bought().size());
      for (int i = 0; i < skus.size(); i++) {
        Long time = profile.bought().get((String) skus.get(i));
        if (time != null) {
          bought.add((long) i);
          bought.add(time);
        }
      }
      map.put(BOUGHT, bought);
    }
    if (!profile.updates().isEmpty()) {
      map.put(UPDATES, new ArrayList<Object>(profile.updates()));
    }
    map.put(HASH, hash);
    return map;
  }

  /** The stored form of a version record (without the popular and trending lists). */
  public static Map<String, Object> write(ModelInfo info, boolean finished) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(VERSION, info.version());
    map.put(CREATED_AT, info.createdAt().toString());
    map.put(SKUS, info.skus());
    map.put(FINISHED, finished);
    return map;
  }

  /**
   * One SKU's change of a catalog update as stored.
   *
   * @param atMicros when the update was made, in microseconds since the epoch
   */
  public record StoredChange(String sku, long atMicros, Catalog.Change change) {}

  /** The stored form of one SKU's change: only the fields it changes. */
  public static Map<String, Object> write(StoredChange stored) {
    Catalog.Change c = stored.change();
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(SKU, stored.sku());
    map.put(AT, stored.atMicros());
    putIfSet(map, CATEGORY, c.category());
    putIfSet(map, ATTRS, c.attributes() == null ? null : flatten(c.attributes()));
    putIfSet(map, AVAILABLE, c.available());
    putIfSet(map, TITLE, c.title());
    putIfSet(map, DESCRIPTION, c.description());
    putIfSet(map, PRICE, c.price());
    return map;
  }

  private static void putIfSet(Map<String, Object> map, String field, Object value) {
    if (value != null) {
      map.put(field, value);
    }
  }

  /** A catalog update's change read back. @throws Malformed if a field has the wrong type */
  public static StoredChange readChange(Map<String, Object> map) {
    Object available = map.get(AVAILABLE);
    if (available != null && !(available instanceof Boolean)) {
      throw new Malformed(AVAILABLE + " is not a boolean");
    }
    Object price = map.get(PRICE);
    if (price != null && !(price instanceof Number)) {
      throw new Malformed(PRICE + " is not a number");
    }
    try {
      return new StoredChange(
          string(map, SKU),
          number(map, AT).longValue(),
          new Catalog.Change(
              optionalString(map, CATEGORY),
              map.get(ATTRS) == null ? null : attrs(map.get(ATTRS)),
              (Boolean) available,
              optionalString(map, TITLE),
              optionalString(map, DESCRIPTION),
              price == null ? null : ((Number) price).doubleValue()));
    } catch (IllegalArgumentException e) {
      throw new Malformed(e.getMessage());
    }
  }

  /** The catalog generation of a pointer document; 0 when it has none. */
  static long catalogGeneration(Map<String, Object> map) {
    return map.get(CATALOG_GENERATION) instanceof Number n ? n.longValue() : 0;
  }

  /** Microseconds since the epoch: how catalog updates are timed against build starts. */
  public static long micros(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
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
    Object rebuy = map.getOrDefault(REBUY, 0);
    if (!(rebuy instanceof Number rate) || !(rate.floatValue() >= 0) || rate.floatValue() > 1) {
      throw new Malformed(REBUY + " is " + rebuy + ", not a rate in [0, 1]");
    }
    return new SkuDocument(
        string(map, SKU),
        optionalString(map, CATEGORY),
        attrs(map.get(ATTRS)),
        readList(map.get(SIMILAR), SIMILAR),
        readList(map.get(REVERSE), REVERSE),
        readList(map.get(TOGETHER), TOGETHER),
        rate.floatValue(),
        map.get(REBUY_AFTER) == null ? 0 : time(map.get(REBUY_AFTER), REBUY_AFTER));
  }

  /**
   * A neighbour list read back, in the current layout or as an array of entry maps (written before
   * it); {@code null} reads as empty. @throws Malformed otherwise
   */
  public static List<Neighbor> readList(Object value, String field) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> entries) {
      return readEntries(entries, field);
    }
    Map<String, Object> map = asMap(value, field);
    List<?> skus = list(map, SKUS);
    List<?> scores = list(map, SCORES);
    List<?> categories = map.get(CATEGORIES) == null ? null : list(map, CATEGORIES);
    List<?> supports = map.get(SUPPORTS) == null ? null : list(map, SUPPORTS);
    if (scores.size() != skus.size()
        || (categories != null && categories.size() != skus.size())
        || (supports != null && supports.size() != skus.size())) {
      throw new Malformed(field + " arrays differ in length");
    }
    List<Map<String, String>> attrs = entryAttrs(map.get(ATTRS), skus.size(), field);
    double[] prices = prices(map.get(PRICES), skus.size(), field);
    boolean[] unavailable = unavailable(map.get(UNAVAILABLE), skus.size(), field);
    List<Neighbor> out = new ArrayList<>(skus.size());
    for (int i = 0; i < skus.size(); i++) {
      if (!(skus.get(i) instanceof String sku) || sku.isEmpty()) {
        throw new Malformed(field + " sku " + i + " is not a non-empty string");
      }
      Object category = categories == null ? null : categories.get(i);
      if (category != null && !(category instanceof String)) {
        throw new Malformed(field + " category " + i + " is not a string");
      }
      out.add(
          new Neighbor(
              sku,
              score(scores.get(i), field),
              (String) category,
              attrs == null ? Map.of() : attrs.get(i),
              prices == null ? Double.NaN : prices[i],
              unavailable == null || !unavailable[i],
              supports == null ? 0 : support(supports.get(i), field, i)));
    }
    return out;
  }

  /** Each entry's price (NaN for null); null when the list has none. */
  private static double[] prices(Object value, int entries, String field) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> list) || list.size() != entries) {
      throw new Malformed(field + " prices is not a list of one price or null per entry");
    }
    double[] out = new double[entries];
    for (int i = 0; i < entries; i++) {
      Object p = list.get(i);
      if (p == null) {
        out[i] = Double.NaN;
      } else if (p instanceof Number n
          && Double.isFinite(n.doubleValue())
          && n.doubleValue() >= 0) {
        out[i] = n.doubleValue();
      } else {
        throw new Malformed(field + " price " + i + " is " + p + ", not a finite number >= 0");
      }
    }
    return out;
  }

  /** Whether each entry is listed as unavailable; null when none is. */
  private static boolean[] unavailable(Object value, int entries, String field) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> list)) {
      throw new Malformed(field + " unavailable is not a list of entry indices");
    }
    boolean[] out = new boolean[entries];
    for (Object o : list) {
      if (!(o instanceof Number index)
          || index.doubleValue() != index.intValue()
          || index.intValue() < 0
          || index.intValue() >= entries) {
        throw new Malformed(field + " unavailable holds " + o + ", not an entry index");
      }
      out[index.intValue()] = true;
    }
    return out;
  }

  /** A stored support: a whole number in [0, 2^31). */
  private static int support(Object value, String field, int i) {
    if (!(value instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < 0
        || n.doubleValue() > Integer.MAX_VALUE) {
      throw new Malformed(field + " support " + i + " is " + value + ", not a whole number >= 0");
    }
    return n.intValue();
  }

  /** Each entry's attributes from {@code [index, key, value, ...]}; null when there are none. */
  private static List<Map<String, String>> entryAttrs(Object value, int entries, String field) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> flat) || flat.size() % 3 != 0) {
      throw new Malformed(field + " attrs is not a list of index, key, value triples");
    }
    List<Map<String, String>> out = new ArrayList<>(Collections.nCopies(entries, Map.of()));
    for (int t = 0; t < flat.size(); t += 3) {
      if (!(flat.get(t) instanceof Number index)
          || index.doubleValue() != index.intValue()
          || index.intValue() < 0
          || index.intValue() >= entries
          || !(flat.get(t + 1) instanceof String k)
          || !(flat.get(t + 2) instanceof String v)) {
        throw new Malformed(
            field + " attrs triple " + t / 3 + " is not an entry index and two strings");
      }
      Map<String, String> own = out.get(index.intValue());
      if (own.isEmpty()) {
        own = new HashMap<>();
        out.set(index.intValue(), own);
      }
      own.put(k, v);
    }
    return out;
  }

  /**
   * A list in the layout written before parallel arrays: maps of {sku, score, category?, attrs?}.
   */
  private static List<Neighbor> readEntries(List<?> list, String field) {
    List<Neighbor> out = new ArrayList<>(list.size());
    for (Object o : list) {
      Map<String, Object> entry = asMap(o, field + " entry");
      out.add(
          new Neighbor(
              string(entry, SKU),
              score(entry.get(SCORE), field),
              optionalString(entry, CATEGORY),
              attrs(entry.get(ATTRS))));
    }
    return out;
  }

  /**
   * A list score as the float it was written from. Reverse lists carry the recommender's weights,
   * which EASE makes negative at times; every other list holds similarities or popularity, always >
   * 0. Zero and NaN are never written.
   */
  private static double score(Object value, String field) {
    if (!(value instanceof Number n)) {
      throw new Malformed(field + " entry score is missing or not a number");
    }
    float score = n.floatValue();
    boolean signed = REVERSE.equals(field);
    if (!Float.isFinite(score) || (signed ? score == 0 : !(score > 0))) {
      throw new Malformed(
          field + " entry score is " + score + ", not finite and " + (signed ? "!= 0" : "> 0"));
    }
    return score;
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
      if (!(scores.get(i) instanceof Number score) || !Float.isFinite(score.floatValue())) {
        throw new Malformed("profile score " + i + " is not a finite float");
      }
      if (out.put(sku, (double) score.floatValue()) != null) {
        throw new Malformed("profile names sku " + i + " twice");
      }
    }
    List<String> order = new ArrayList<>(out.keySet());
    Map<String, Long> seen = new LinkedHashMap<>();
    List<?> times = map.get(SEEN) == null ? List.of() : list(map, SEEN);
    if (!times.isEmpty() && times.size() != order.size()) {
      throw new Malformed("profile has " + order.size() + " skus but " + times.size() + " seen");
    }
    for (int i = 0; i < times.size(); i++) {
      long t = time(times.get(i), "profile " + SEEN + " " + i);
      if (t != CustomerProfile.NO_TIME) {
        seen.put(order.get(i), t);
      }
    }
    Map<String, Long> bought = new LinkedHashMap<>();
    List<?> pairs = map.get(BOUGHT) == null ? List.of() : list(map, BOUGHT);
    if (pairs.size() % 2 != 0) {
      throw new Malformed(BOUGHT + " is not a list of index, time pairs");
    }
    for (int p = 0; p < pairs.size(); p += 2) {
      long index = time(pairs.get(p), "profile " + BOUGHT + " index " + p / 2);
      if (index >= order.size() || bought.containsKey(order.get((int) index))) {
        throw new Malformed(BOUGHT + " index " + p / 2 + " is " + index + ", not a new SKU index");
      }
      bought.put(
          order.get((int) index), time(pairs.get(p + 1), "profile " + BOUGHT + " time " + p / 2));
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
    return new CustomerProfile(customer, out, seen, bought, updates);
  }

  /** A whole number &gt;= 0 (seconds or an index). @throws Malformed otherwise */
  private static long time(Object value, String what) {
    if (!(value instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < 0) {
      throw new Malformed(what + " is " + value + ", not a whole number >= 0");
    }
    return n.longValue();
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

  /**
   * The model a version record belongs to: its {@code model} field, the default model without one.
   *
   * @throws Malformed when the field is not a valid model name
   */
  static String model(Map<String, Object> map) {
    Object model = map.get(MODEL);
    if (model == null) {
      return ModelStore.DEFAULT_MODEL;
    }
    try {
      return ModelStore.modelName(model instanceof String name ? name : null);
    } catch (IllegalArgumentException e) {
      throw new Malformed("model is " + model + ", not a model name");
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
