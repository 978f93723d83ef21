package dev.alike.function;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.alike.events.EventType;
import dev.alike.events.EventWeights;
import dev.alike.serving.Filter;
import dev.alike.serving.Queries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns query parameters and JSON bodies into {@link Queries}; anything it cannot use becomes a
 * {@link BadRequest} naming the field. Unknown parameters are rejected rather than ignored so that
 * a typo ({@code categroy=shoes}) does not silently return unfiltered results.
 */
final class QueryParser {
  /** Longest list a client may ask for: more is a scraper, not a shop slot. */
  static final int MAX_N = 100;

  static final int DEFAULT_N = 10;

  /** Session interactions per request: a few minutes of browsing, with room to spare. */
  static final int MAX_INTERACTIONS = 200;

  /** SKUs of one re-ranking request: a page of search results or a category page. */
  static final int MAX_RANK_ITEMS = 500;

  /** Entries of an exclude list (a cart and a page of already shown items). */
  static final int MAX_EXCLUDE = 500;

  /**
   * SKUs asked of {@code /bought-together} at once: a large cart; each costs a document read on a
   * cache miss.
   */
  static final int MAX_TOGETHER_SKUS = 100;

  /** Request body limit: 200 interactions with long ids stay far below it. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Set<String> RECOMMEND_PARAMS =
      Set.of("customer", "n", "with", "sku", "category", "same", "exclude", "token");
  private static final Set<String> TRENDING_PARAMS = Set.of("n", "category", "exclude");
  private static final Set<String> SIMILAR_PARAMS =
      Set.of("sku", "n", "category", "same", "exclude");
  private static final Set<String> BODY_KEYS =
      Set.of("customer", "interactions", "n", "exclude", "filter", "sku", "token");
  private static final Set<String> TOGETHER_PARAMS = Set.of("sku", "n", "category", "exclude");
  private static final Set<String> TOGETHER_KEYS = Set.of("sku", "n", "exclude", "filter");
  private static final Set<String> RANK_KEYS = Set.of("customer", "interactions", "items", "token");
  private static final Set<String> FILTER_KEYS = Set.of("category", "attributes", "same");
  private static final String ATTR = "attr.";

  private QueryParser() {}

  /**
   * {@code GET /recommendations?customer=&token=&n=&with=&sku=&category=&same=&attr.x=&exclude=},
   * the session's events ({@code with=sku:event}) weighted as the build weights them.
   */
  static TokenedQuery recommendation(Map<String, List<String>> params, EventWeights weights) {
    checkParams(params, RECOMMEND_PARAMS);
    String context = single(params, "sku");
    boolean same = same(single(params, "same"), context, "same");
    return new TokenedQuery(
        new Queries.Recommend(
            single(params, "customer"),
            session(single(params, "with"), weights),
            context,
            same,
            n(single(params, "n")),
            filter(params)),
        single(params, "token"));
  }

  /** {@code GET /similar?sku=&n=&category=&same=&attr.x=&exclude=}. */
  static Queries.Similar similar(Map<String, List<String>> params) {
    checkParams(params, SIMILAR_PARAMS);
    String sku = single(params, "sku");
    if (sku == null) {
      throw new BadRequest("sku", "sku is required");
    }
    return new Queries.Similar(
        sku, same(single(params, "same"), sku, "same"), n(single(params, "n")), filter(params));
  }

  /**
   * {@code GET /bought-together?sku=&sku=&n=&category=&attr.x=&exclude=}: {@code sku} repeated for
   * a cart (repeats of one SKU count once), at least one, at most {@link #MAX_TOGETHER_SKUS}.
   */
  static Queries.Together together(Map<String, List<String>> params) {
    checkParams(params, TOGETHER_PARAMS);
    return new Queries.Together(
        togetherSkus(params.getOrDefault("sku", List.of()), "sku"),
        n(single(params, "n")),
        filter(params));
  }

  /**
   * The JSON body of {@code POST /bought-together}: {@code sku} (a SKU id or an array of them),
   * {@code n}, {@code exclude} and {@code filter} as for {@code POST /recommendations}.
   */
  static Queries.Together together(String body) {
    JsonObject o = object(body);
    for (String key : o.keySet()) {
      if (!TOGETHER_KEYS.contains(key)) {
        throw new BadRequest(key, "unknown field \"" + key + "\"");
      }
    }
    List<String> skus = new ArrayList<>();
    JsonElement sku = o.get("sku");
    if (sku != null && sku.isJsonArray()) {
      for (JsonElement e : arrayField(o, "sku", MAX_TOGETHER_SKUS)) {
        skus.add(primitive(e, "sku"));
      }
    } else if (sku != null && !sku.isJsonNull()) {
      skus.add(primitive(sku, "sku"));
    }
    JsonObject f = o.has("filter") ? objectField(o, "filter") : new JsonObject();
    return new Queries.Together(
        togetherSkus(skus, "sku"),
        o.has("n") ? n(primitive(o.get("n"), "n")) : DEFAULT_N,
        bodyFilter(o, f, Set.of("category", "attributes")));
  }

  private static List<String> togetherSkus(List<String> given, String field) {
    if (given.isEmpty()) {
      throw new BadRequest(field, "sku is required");
    }
    if (given.size() > MAX_TOGETHER_SKUS) {
      throw new BadRequest(field, "at most " + MAX_TOGETHER_SKUS + " SKUs, got " + given.size());
    }
    for (String sku : given) {
      if (sku.isEmpty()) {
        throw new BadRequest(field, "sku must be a non-empty SKU id, got \"\"");
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(given));
  }

  /** {@code GET /trending?n=&category=&attr.x=&exclude=}. */
  static Queries.Trending trending(Map<String, List<String>> params) {
    checkParams(params, TRENDING_PARAMS);
    return new Queries.Trending(n(single(params, "n")), filter(params));
  }

  /** The JSON body of {@code POST /recommendations}; {@code interactions} weighted as above. */
  static TokenedQuery recommendation(String body, EventWeights weights) {
    JsonObject o = object(body);
    for (String key : o.keySet()) {
      if (!BODY_KEYS.contains(key)) {
        throw new BadRequest(key, "unknown field \"" + key + "\"");
      }
    }
    String context = string(o, "sku");
    JsonObject f = o.has("filter") ? objectField(o, "filter") : new JsonObject();
    Filter filter = bodyFilter(o, f, FILTER_KEYS);
    return new TokenedQuery(
        new Queries.Recommend(
            string(o, "customer"),
            interactions(o, weights),
            context,
            same(string(f, "same"), context, "filter.same"),
            o.has("n") ? n(primitive(o.get("n"), "n")) : DEFAULT_N,
            filter),
        string(o, "token"));
  }

  /**
   * A body's {@code filter} object {@code f} (only the {@code known} keys) and its {@code exclude}
   * array.
   */
  private static Filter bodyFilter(JsonObject o, JsonObject f, Set<String> known) {
    for (String key : f.keySet()) {
      if (!known.contains(key)) {
        throw new BadRequest("filter." + key, "unknown filter \"" + key + "\"");
      }
    }
    Map<String, String> attributes = new HashMap<>();
    if (f.has("attributes")) {
      for (Map.Entry<String, JsonElement> e : objectField(f, "attributes").entrySet()) {
        attributes.put(e.getKey(), primitive(e.getValue(), "filter.attributes." + e.getKey()));
      }
    }
    Set<String> exclude = new HashSet<>();
    if (o.has("exclude")) {
      JsonArray list = arrayField(o, "exclude", MAX_EXCLUDE);
      for (JsonElement e : list) {
        exclude.add(primitive(e, "exclude"));
      }
    }
    return new Filter(string(f, "category"), attributes, exclude);
  }

  /**
   * The JSON body of {@code POST /rank}: {@code customer}, {@code token}, {@code interactions} as
   * for {@code POST /recommendations} (weighted so), and {@code items}, 1 to {@link
   * #MAX_RANK_ITEMS} non-empty SKU ids (repeats kept).
   */
  static TokenedRank rank(String body, EventWeights weights) {
    JsonObject o = object(body);
    for (String key : o.keySet()) {
      if (!RANK_KEYS.contains(key)) {
        throw new BadRequest(key, "unknown field \"" + key + "\"");
      }
    }
    if (!o.has("items")) {
      throw new BadRequest("items", "items is required");
    }
    List<String> items = new ArrayList<>();
    for (JsonElement e : arrayField(o, "items", MAX_RANK_ITEMS)) {
      String sku = primitive(e, "items");
      if (sku.isEmpty()) {
        throw new BadRequest("items", "items must be non-empty SKU ids, got \"\"");
      }
      items.add(sku);
    }
    if (items.isEmpty()) {
      throw new BadRequest("items", "items must name at least one SKU");
    }
    return new TokenedRank(
        new Queries.Rank(string(o, "customer"), interactions(o, weights), items),
        string(o, "token"));
  }

  private static Map<String, Double> interactions(JsonObject o, EventWeights weights) {
    Map<String, Double> session = new LinkedHashMap<>();
    if (!o.has("interactions")) {
      return session;
    }
    for (JsonElement e : arrayField(o, "interactions", MAX_INTERACTIONS)) {
      if (!e.isJsonObject()) {
        throw new BadRequest("interactions", "each interaction must be {\"sku\", \"event\"}");
      }
      JsonObject i = e.getAsJsonObject();
      String sku = string(i, "sku");
      if (sku == null || sku.isEmpty()) {
        throw new BadRequest("interactions", "each interaction needs a sku");
      }
      session.merge(sku, weight(string(i, "event"), "interactions", weights), Double::sum);
    }
    return session;
  }

  private static Map<String, Double> session(String with, EventWeights weights) {
    Map<String, Double> session = new LinkedHashMap<>();
    if (with == null || with.isEmpty()) {
      return session;
    }
    String[] parts = with.split(",");
    if (parts.length > MAX_INTERACTIONS) {
      throw new BadRequest(
          "with", "at most " + MAX_INTERACTIONS + " interactions, got " + parts.length);
    }
    for (String part : parts) {
      int colon = part.lastIndexOf(':');
      if (colon <= 0) {
        throw new BadRequest("with", "\"" + part + "\" is not sku:event");
      }
      session.merge(
          part.substring(0, colon),
          weight(part.substring(colon + 1), "with", weights),
          Double::sum);
    }
    return session;
  }

  /** The weight of event type {@code event} (any alias of {@link EventType}, any case). */
  private static double weight(String event, String field, EventWeights weights) {
    EventType type = EventType.parse(event);
    if (type == null) {
      throw new BadRequest(
          field, "unknown event type \"" + event + "\" (use browse, cart or purchase)");
    }
    return weights.of(type);
  }

  private static boolean same(String value, String sku, String field) {
    if (value == null) {
      return false;
    }
    if (!value.equals("category")) {
      throw new BadRequest(field, "same must be \"category\", was \"" + value + "\"");
    }
    if (sku == null) {
      throw new BadRequest("sku", "same=category needs the sku of the page");
    }
    return true;
  }

  private static int n(String value) {
    if (value == null) {
      return DEFAULT_N;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= MAX_N) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequest("n", "n must be an integer in 1.." + MAX_N + ", was \"" + value + "\"");
  }

  private static Filter filter(Map<String, List<String>> params) {
    Map<String, String> attributes = new HashMap<>();
    for (String name : params.keySet()) {
      if (name.startsWith(ATTR)) {
        attributes.put(name.substring(ATTR.length()), single(params, name));
      }
    }
    Set<String> exclude = new HashSet<>();
    String csv = single(params, "exclude");
    if (csv != null && !csv.isEmpty()) {
      String[] skus = csv.split(",");
      if (skus.length > MAX_EXCLUDE) {
        throw new BadRequest("exclude", "at most " + MAX_EXCLUDE + " SKUs, got " + skus.length);
      }
      exclude.addAll(List.of(skus));
    }
    return new Filter(single(params, "category"), attributes, exclude);
  }

  private static void checkParams(Map<String, List<String>> params, Set<String> known) {
    for (String name : params.keySet()) {
      boolean attr = name.startsWith(ATTR) && name.length() > ATTR.length();
      if (!attr && !known.contains(name)) {
        throw new BadRequest(name, "unknown parameter \"" + name + "\"");
      }
    }
  }

  private static String single(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new BadRequest(name, name + " given " + values.size() + " times");
    }
    return values.get(0);
  }

  private static JsonObject object(String body) {
    try {
      JsonElement root = JsonParser.parseString(body);
      if (root.isJsonObject()) {
        return root.getAsJsonObject();
      }
    } catch (JsonParseException | IllegalStateException e) {
      throw new BadRequest("body", "body is not valid JSON");
    }
    throw new BadRequest("body", "body must be a JSON object");
  }

  private static JsonObject objectField(JsonObject o, String name) {
    JsonElement e = o.get(name);
    if (!e.isJsonObject()) {
      throw new BadRequest(name, name + " must be an object");
    }
    return e.getAsJsonObject();
  }

  private static JsonArray arrayField(JsonObject o, String name, int max) {
    JsonElement e = o.get(name);
    if (!e.isJsonArray()) {
      throw new BadRequest(name, name + " must be an array");
    }
    JsonArray a = e.getAsJsonArray();
    if (a.size() > max) {
      throw new BadRequest(name, "at most " + max + " " + name + ", got " + a.size());
    }
    return a;
  }

  private static String string(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? null : primitive(e, name);
  }

  private static String primitive(JsonElement e, String field) {
    if (!e.isJsonPrimitive()) {
      throw new BadRequest(field, field + " must be a string or number");
    }
    return e.getAsString();
  }
}
