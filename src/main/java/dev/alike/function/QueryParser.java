package dev.alike.function;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.alike.events.EventType;
import dev.alike.events.EventWeights;
import dev.alike.serving.Expression;
import dev.alike.serving.Filter;
import dev.alike.serving.Placement;
import dev.alike.serving.Placements;
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

  /**
   * Longest {@code filter=} expression of a request: a few clauses, and a URL that fits every
   * proxy; longer rules belong in a placement.
   */
  static final int MAX_FILTER_LENGTH = 500;

  /** Request body limit: 200 interactions with long ids stay far below it. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Set<String> RECOMMEND_PARAMS =
      Set.of(
          "customer",
          "n",
          "with",
          "sku",
          "category",
          "same",
          "exclude",
          "token",
          "placement",
          "filter",
          "session");
  private static final Set<String> TRENDING_PARAMS =
      Set.of("n", "category", "exclude", "placement", "filter", "session");
  private static final Set<String> SIMILAR_PARAMS =
      Set.of("sku", "n", "category", "same", "exclude", "placement", "filter", "session");
  private static final Set<String> BODY_KEYS =
      Set.of(
          "customer",
          "interactions",
          "n",
          "exclude",
          "filter",
          "sku",
          "token",
          "placement",
          "session");
  private static final Set<String> TOGETHER_PARAMS =
      Set.of("sku", "n", "category", "exclude", "filter", "session");
  private static final Set<String> TOGETHER_KEYS =
      Set.of("sku", "n", "exclude", "filter", "session");
  private static final Set<String> RANK_KEYS =
      Set.of("customer", "interactions", "items", "token", "session");
  private static final Set<String> FILTER_KEYS =
      Set.of("category", "attributes", "same", "expression");
  private static final Set<String> HISTORY_PARAMS =
      Set.of("customer", "token", "n", "category", "exclude", "filter");
  private static final Set<String> HISTORY_KEYS =
      Set.of("customer", "token", "n", "exclude", "filter");
  private static final String ATTR = "attr.";

  /** Longest anonymous session id: a UUID or a cookie value fits many times over. */
  static final int MAX_SESSION = 128;

  private QueryParser() {}

  /**
   * The anonymous visitor's {@code session=} parameter of a list request, or null: recorded with
   * the answer as its customer when no {@code customer} is given.
   */
  static String session(Map<String, List<String>> params) {
    return checkedSession(single(params, "session"));
  }

  private static String checkedSession(String id) {
    if (id != null && (id.isEmpty() || id.length() > MAX_SESSION)) {
      throw new BadRequest(
          "session", "session must be 1 to " + MAX_SESSION + " characters, got " + id.length());
    }
    return id;
  }

  /** As {@link #recommendation(Map, EventWeights, Placements)} without placements. */
  static Parsed<Queries.Recommend> recommendation(
      Map<String, List<String>> params, EventWeights weights) {
    return recommendation(params, weights, Placements.NONE);
  }

  /**
   * {@code GET
   * /recommendations?customer=&token=&session=&n=&with=&sku=&category=&same=&attr.x=&exclude=&filter=&placement=},
   * the session's events ({@code with=sku:event}) weighted as the build weights them; {@code
   * placement=} names one of {@code placements} (any list type), served as the experiment variant
   * of the customer, else of the anonymous {@code session} id ({@link Placements#assign}).
   */
  static Parsed<Queries.Recommend> recommendation(
      Map<String, List<String>> params, EventWeights weights, Placements placements) {
    checkParams(params, RECOMMEND_PARAMS);
    String context = single(params, "sku");
    boolean same = same(single(params, "same"), context, "same");
    Placement placement = placement(single(params, "placement"), placements, null);
    needsSku(placement, context);
    String customer = single(params, "customer");
    String session = session(params);
    return new Parsed<>(
        new Queries.Recommend(
            customer,
            session(single(params, "with"), weights),
            context,
            same,
            n(single(params, "n"), placement),
            filter(params),
            placements.assign(placement, customer, session)),
        single(params, "token"),
        session);
  }

  /** As {@link #similar(Map, Placements)} without placements. */
  static Queries.Similar similar(Map<String, List<String>> params) {
    return similar(params, Placements.NONE);
  }

  /**
   * {@code GET /similar?sku=&session=&n=&category=&same=&attr.x=&exclude=&filter=&placement=} (a
   * placement of list type similar, served as the session's experiment variant).
   */
  static Queries.Similar similar(Map<String, List<String>> params, Placements placements) {
    checkParams(params, SIMILAR_PARAMS);
    String sku = single(params, "sku");
    if (sku == null) {
      throw new BadRequest("sku", "sku is required");
    }
    Placement placement = placement(single(params, "placement"), placements, "similar");
    String session = session(params);
    return new Queries.Similar(
        sku,
        same(single(params, "same"), sku, "same"),
        n(single(params, "n"), placement),
        filter(params),
        placements.assign(placement, null, session));
  }

  /**
   * {@code GET /bought-together?sku=&sku=&n=&category=&attr.x=&exclude=&filter=}: {@code sku}
   * repeated for a cart (repeats of one SKU count once), at least one, at most {@link
   * #MAX_TOGETHER_SKUS}.
   */
  static Parsed<Queries.Together> together(Map<String, List<String>> params) {
    checkParams(params, TOGETHER_PARAMS);
    return new Parsed<>(
        new Queries.Together(
            togetherSkus(params.getOrDefault("sku", List.of()), "sku"),
            n(single(params, "n")),
            filter(params)),
        null,
        session(params));
  }

  /**
   * The JSON body of {@code POST /bought-together}: {@code sku} (a SKU id or an array of them),
   * {@code n}, {@code exclude} and {@code filter} as for {@code POST /recommendations}.
   */
  static Parsed<Queries.Together> together(String body) {
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
    return new Parsed<>(
        new Queries.Together(
            togetherSkus(skus, "sku"),
            o.has("n") ? n(primitive(o.get("n"), "n")) : DEFAULT_N,
            bodyFilter(o, Set.of("category", "attributes", "expression"))),
        null,
        checkedSession(string(o, "session")));
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

  /** As {@link #trending(Map, Placements)} without placements. */
  static Queries.Trending trending(Map<String, List<String>> params) {
    return trending(params, Placements.NONE);
  }

  /**
   * {@code GET /trending?session=&n=&category=&attr.x=&exclude=&filter=&placement=} (a placement of
   * list type trending, served as the session's experiment variant).
   */
  static Queries.Trending trending(Map<String, List<String>> params, Placements placements) {
    checkParams(params, TRENDING_PARAMS);
    Placement placement = placement(single(params, "placement"), placements, "trending");
    String session = session(params);
    return new Queries.Trending(
        n(single(params, "n"), placement),
        filter(params),
        placements.assign(placement, null, session));
  }

  /** As {@link #recommendation(String, EventWeights, Placements)} without placements. */
  static Parsed<Queries.Recommend> recommendation(String body, EventWeights weights) {
    return recommendation(body, weights, Placements.NONE);
  }

  /**
   * The JSON body of {@code POST /recommendations}; {@code interactions} weighted as above, {@code
   * placement} and {@code session} as {@code placement=} and {@code session=}, {@code filter} an
   * object or an expression string.
   */
  static Parsed<Queries.Recommend> recommendation(
      String body, EventWeights weights, Placements placements) {
    JsonObject o = object(body);
    for (String key : o.keySet()) {
      if (!BODY_KEYS.contains(key)) {
        throw new BadRequest(key, "unknown field \"" + key + "\"");
      }
    }
    String context = string(o, "sku");
    Placement placement = placement(string(o, "placement"), placements, null);
    needsSku(placement, context);
    JsonObject f = filterObject(o);
    String customer = string(o, "customer");
    String session = checkedSession(string(o, "session"));
    return new Parsed<>(
        new Queries.Recommend(
            customer,
            interactions(o, weights),
            context,
            same(string(f, "same"), context, "filter.same"),
            n(o.has("n") ? primitive(o.get("n"), "n") : null, placement),
            bodyFilter(o, FILTER_KEYS),
            placements.assign(placement, customer, session)),
        string(o, "token"),
        session);
  }

  /** A body's {@code filter} object: empty when absent or given as an expression string. */
  private static JsonObject filterObject(JsonObject o) {
    JsonElement given = o.get("filter");
    return given == null || given.isJsonPrimitive() ? new JsonObject() : objectField(o, "filter");
  }

  /**
   * {@code GET /buy-again} and {@code GET /recently-viewed}: {@code
   * ?customer=&token=&n=&category=&attr.x=&exclude=&filter=}, the customer required.
   */
  static Parsed<Queries.History> history(Map<String, List<String>> params) {
    checkParams(params, HISTORY_PARAMS);
    return new Parsed<>(
        new Queries.History(
            required(single(params, "customer")), n(single(params, "n")), filter(params)),
        single(params, "token"),
        null);
  }

  /**
   * The JSON body of {@code POST /buy-again} and {@code POST /recently-viewed}: {@code customer}
   * (required), {@code token}, {@code n}, {@code exclude} and {@code filter} ({@code category},
   * {@code attributes}) as for {@code POST /recommendations}.
   */
  static Parsed<Queries.History> history(String body) {
    JsonObject o = object(body);
    for (String key : o.keySet()) {
      if (!HISTORY_KEYS.contains(key)) {
        throw new BadRequest(key, "unknown field \"" + key + "\"");
      }
    }
    return new Parsed<>(
        new Queries.History(
            required(string(o, "customer")),
            o.has("n") ? n(primitive(o.get("n"), "n")) : DEFAULT_N,
            bodyFilter(o, Set.of("category", "attributes", "expression"))),
        string(o, "token"),
        null);
  }

  private static String required(String customer) {
    if (customer == null || customer.isEmpty()) {
      throw new BadRequest("customer", "customer is required");
    }
    return customer;
  }

  /**
   * A body's {@code filter} (an object of only the {@code known} keys, or an expression string) and
   * its {@code exclude} array.
   */
  private static Filter bodyFilter(JsonObject o, Set<String> known) {
    JsonElement given = o.get("filter");
    boolean text = given != null && given.isJsonPrimitive();
    JsonObject f = filterObject(o);
    Expression where =
        text
            ? expression(primitive(given, "filter"), "filter")
            : expression(string(f, "expression"), "filter.expression");
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
    return new Filter(string(f, "category"), attributes, exclude, where);
  }

  /**
   * The JSON body of {@code POST /rank}: {@code customer}, {@code token}, {@code interactions} as
   * for {@code POST /recommendations} (weighted so), and {@code items}, 1 to {@link
   * #MAX_RANK_ITEMS} non-empty SKU ids (repeats kept).
   */
  static Parsed<Queries.Rank> rank(String body, EventWeights weights) {
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
    return new Parsed<>(
        new Queries.Rank(string(o, "customer"), interactions(o, weights), items),
        string(o, "token"),
        checkedSession(string(o, "session")));
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

  /**
   * The placement named {@code name} (null: none); with {@code list} non-null it must be of that
   * list type.
   */
  private static Placement placement(String name, Placements placements, String list) {
    if (name == null) {
      return null;
    }
    Placement p = placements.get(name).orElse(null);
    if (p == null) {
      throw new BadRequest(
          "placement",
          "unknown placement \""
              + name
              + "\" (known: "
              + String.join(", ", placements.names().stream().limit(20).toList())
              + (placements.names().size() > 20 ? ", ..." : "")
              + ")");
    }
    if (list != null && !list.equals(p.list())) {
      throw new BadRequest(
          "placement",
          "placement \""
              + name
              + "\" shows "
              + p.list()
              + " lists, not "
              + list
              + ": ask /recommendations?placement="
              + name);
    }
    return p;
  }

  private static void needsSku(Placement p, String context) {
    if (p != null && Placement.PAGE_LISTS.contains(p.list()) && context == null) {
      throw new BadRequest(
          "sku", "placement \"" + p.name() + "\" shows " + p.list() + " products: sku is required");
    }
  }

  /** Expression {@code text} (null: none), limited to {@link #MAX_FILTER_LENGTH} characters. */
  private static Expression expression(String text, String field) {
    if (text == null) {
      return null;
    }
    if (text.length() > MAX_FILTER_LENGTH) {
      throw new BadRequest(
          field, field + " is " + text.length() + " characters, more than " + MAX_FILTER_LENGTH);
    }
    try {
      return Expression.parse(text);
    } catch (Expression.Invalid e) {
      throw new BadRequest(field, field + ": " + e.getMessage());
    }
  }

  /** {@code value}, or the placement's n (or {@link #DEFAULT_N}) when none is given. */
  private static int n(String value, Placement placement) {
    return value == null && placement != null ? placement.n() : n(value);
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
    return new Filter(
        single(params, "category"),
        attributes,
        exclude,
        expression(single(params, "filter"), "filter"));
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
