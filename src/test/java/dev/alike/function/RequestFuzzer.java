package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.serving.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded random requests for the function, hostile on purpose: random methods and paths, known and
 * unknown parameters, values that are huge, negative, empty, unicode, percent-encoded lone
 * surrogates and invalid UTF-8, malformed escapes ({@code %zz}, a trailing {@code %}), and JSON
 * bodies that are wrong in type, depth, size or syntax; placement names known and unknown, and
 * filter expressions valid and hostile (deep nesting, huge numbers, unknown fields, unicode).
 * Targets are ASCII with the path kept valid, and under {@link #MAX_TARGET}, since Jetty refuses a
 * malformed path (an empty 400) or an overlong request line (414) before the function runs.
 */
final class RequestFuzzer {
  /** One generated request: method, raw target ("/path?query"), body (null for none). */
  record Fuzzed(String method, String target, String body) {
    String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }
  }

  private static final List<String> METHODS =
      List.of("GET", "GET", "GET", "GET", "POST", "POST", "OPTIONS", "PUT", "DELETE", "PATCH");
  private static final List<String> PATHS =
      List.of(
          "/recommendations",
          "/recommendations",
          "/recommendations/",
          "/similar",
          "/similar",
          "/rank",
          "/rank",
          "/trending",
          "/buy-again",
          "/recently-viewed",
          "/bought-together",
          "/healthz",
          "/",
          "/demo/",
          "/recommendations/extra",
          "/nope");
  private static final List<String> NAMES =
      List.of(
          "customer",
          "sku",
          "n",
          "with",
          "exclude",
          "same",
          "category",
          "attr.gender",
          "attr.",
          "token",
          "attr.x",
          "n",
          "sku",
          "customer",
          "bogus",
          "placement",
          "filter",
          "filter",
          "");
  private static final List<String> EVENTS =
      List.of("pv", "AddedToCart", "Purchased", "view", "cart", "buy", "", "nope", "PV");

  /** Jetty answers a request line over 8 KiB with its own empty 414 before the function runs. */
  static final int MAX_TARGET = 7_000;

  private final Random random;

  RequestFuzzer(long seed) {
    random = new Random(seed);
  }

  Fuzzed next() {
    String method = pick(METHODS);
    String path = pick(PATHS);
    StringBuilder target = new StringBuilder(path);
    int params = random.nextInt(6);
    for (int p = 0; p < params; p++) {
      target.append(p == 0 ? '?' : '&');
      if (random.nextInt(20) == 0) {
        target.append(rawJunk());
        continue;
      }
      target.append(encode(pick(NAMES)));
      if (random.nextInt(10) != 0) {
        target.append('=').append(value());
      }
    }
    if (target.length() > MAX_TARGET) {
      target.setLength(MAX_TARGET);
    }
    String body = method.equals("POST") ? body() : null;
    return new Fuzzed(method, target.toString(), body);
  }

  /** Percent-encoded text, sometimes with a malformed or non-UTF-8 escape spliced in. */
  private String value() {
    String v =
        switch (random.nextInt(12)) {
          case 9 -> pick(PLACEMENTS);
          case 10, 11 -> expression();
          case 0 -> "s" + random.nextInt(60);
          case 1 -> "u" + random.nextInt(8);
          case 2 -> Long.toString(random.nextLong() >> random.nextInt(64));
          case 3 -> session();
          case 4 -> unicode(1 + random.nextInt(20));
          case 5 -> "";
          case 6 -> "s" + random.nextInt(60) + ",s" + random.nextInt(60) + ",," + unicode(3);
          case 7 -> "x".repeat(random.nextInt(20_000));
          default ->
              List.of("category", "female", "c1", " 5 ", "1e3", "-1", "0").get(random.nextInt(7));
        };
    String encoded = encode(v);
    return random.nextInt(8) == 0 ? encoded + rawJunk() : encoded;
  }

  /** Placement names: those of {@code PlacementEndpointTest.FILE}, and others. */
  private static final List<String> PLACEMENTS =
      List.of("home", "pdp", "hot", "cart", "", "HOME", "h\u00f6me");

  /** A filter expression: mostly valid, often hostile. */
  String expression() {
    return switch (random.nextInt(10)) {
      case 0 -> "(".repeat(1 + random.nextInt(100)) + "available" + ")".repeat(random.nextInt(100));
      case 1 -> "not ".repeat(1 + random.nextInt(60)) + "available";
      case 2 -> "price > " + pick(List.of("1e400", "9".repeat(400), "-0", "NaN", "0x10", "1.5.5"));
      case 3 -> pick(List.of("colour", "attr.", "attr", "price.x", "sku()")) + " = \"a\"";
      case 4 -> "category = \"" + unicode(1 + random.nextInt(8)) + "\"";
      case 5 -> unicode(1 + random.nextInt(30));
      case 6 -> "category in (" + "\"c1\",".repeat(random.nextInt(300)) + "\"c2\")";
      default -> validExpression(2);
    };
  }

  private String validExpression(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return pick(
          List.of(
              "available",
              "price >= " + random.nextInt(50),
              "category in (\"c0\", \"c1\")",
              "attr.gender = \"female\"",
              "category != \"c" + random.nextInt(4) + "\"",
              "price in 1..20",
              "sku = \"s" + random.nextInt(60) + "\""));
    }
    String a = validExpression(depth - 1);
    String b = validExpression(depth - 1);
    return switch (random.nextInt(3)) {
      case 0 -> "(" + a + " and " + b + ")";
      case 1 -> "(" + a + " or " + b + ")";
      default -> "not " + a;
    };
  }

  private String rawJunk() {
    return pick(
        List.of(
            "%zz",
            "%",
            "%4",
            "%ED%A0%80",
            "%C3",
            "%FF%FE",
            "%C0%AF",
            "%00",
            "%F4%90%80%80",
            "+",
            "%25",
            "=",
            "==",
            "&",
            ";"));
  }

  private String session() {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(10) == 0 ? 150 + random.nextInt(100) : 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(random.nextBoolean() ? "s" + random.nextInt(60) : unicode(2));
      if (random.nextInt(10) != 0) {
        sb.append(':').append(pick(EVENTS));
      }
    }
    return sb.toString();
  }

  /** Random code points, lone surrogates included (they become U+FFFD or escapes downstream). */
  private String unicode(int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0 -> sb.append((char) (0xD800 + random.nextInt(0x800)));
        case 1 -> sb.appendCodePoint(0x1F600 + random.nextInt(80));
        case 2 -> sb.append((char) random.nextInt(0x20));
        case 3 -> sb.append("/\\\"'<>{}[]:,".charAt(random.nextInt(12)));
        default -> sb.appendCodePoint(0x20 + random.nextInt(0x3000));
      }
    }
    return sb.toString();
  }

  private String body() {
    return switch (random.nextInt(12)) {
      case 0 -> "";
      case 1 -> "{" + unicode(10);
      case 2 -> "[".repeat(1 + random.nextInt(5000));
      case 3 -> "\"just a string\"";
      case 4 -> "{\"customer\":" + jsonValue(0) + ",\"n\":" + jsonValue(0) + "}";
      case 5 -> "{\"interactions\":" + jsonValue(0) + "}";
      case 6 -> "{\"token\":\"abc\",\"customer\":\"u1\"}";
      case 7 -> "{\"filter\":" + jsonValue(0) + ",\"sku\":\"s1\"}";
      case 11 ->
          "{\"customer\":\"u"
              + random.nextInt(8)
              + "\",\"sku\":\"s1\",\"placement\":"
              + quote(pick(PLACEMENTS))
              + (random.nextBoolean() ? ",\"filter\":" + quote(expression()) : "")
              + "}";
      case 8, 9 -> rankBody();
      default -> random.nextBoolean() ? togetherBody() : object(0);
    };
  }

  /** A {@code /bought-together} body: a SKU or a cart of them, sometimes junk among them. */
  private String togetherBody() {
    if (random.nextInt(4) == 0) {
      return "{\"sku\":"
          + (random.nextBoolean() ? jsonValue(0) : quote("s" + random.nextInt(60)))
          + "}";
    }
    StringBuilder sb = new StringBuilder("{\"sku\":[");
    int n = random.nextInt(10) == 0 ? 90 + random.nextInt(20) : 1 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",");
      sb.append(random.nextInt(10) == 0 ? jsonValue(1) : quote("s" + random.nextInt(60)));
    }
    return sb.append("],\"n\":").append(1 + random.nextInt(20)).append('}').toString();
  }

  /** A {@code /rank} body: mostly SKU ids (unicode ones too), sometimes a customer or junk. */
  private String rankBody() {
    StringBuilder sb = new StringBuilder("{");
    if (random.nextBoolean()) {
      sb.append("\"customer\":\"u").append(random.nextInt(8)).append("\",");
    }
    sb.append("\"items\":[");
    int n = random.nextInt(10) == 0 ? 480 + random.nextInt(40) : 1 + random.nextInt(20);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",");
      sb.append(
          switch (random.nextInt(40)) {
            case 0, 1, 2, 3 -> quote(unicode(1 + random.nextInt(5)));
            case 4 -> jsonValue(1);
            default -> quote("s" + random.nextInt(130));
          });
    }
    return sb.append("]}").toString();
  }

  private String object(int depth) {
    StringBuilder sb = new StringBuilder("{");
    int fields = random.nextInt(6);
    List<String> keys =
        List.of(
            "customer",
            "interactions",
            "n",
            "exclude",
            "filter",
            "sku",
            "token",
            "x",
            "items",
            "items",
            "placement");
    for (int f = 0; f < fields; f++) {
      if (f > 0) {
        sb.append(',');
      }
      sb.append(quote(pick(keys))).append(':').append(jsonValue(depth + 1));
    }
    return sb.append('}').toString();
  }

  private String jsonValue(int depth) {
    if (depth > 4) {
      return "null";
    }
    return switch (random.nextInt(10)) {
      case 0 -> "null";
      case 1 -> Long.toString(random.nextLong());
      case 2 -> "1e308";
      case 3 -> quote(unicode(1 + random.nextInt(10)));
      case 4 -> "\"\\ud800\"";
      case 5 -> "[" + interaction(depth) + "," + interaction(depth) + "]";
      case 6 -> object(depth);
      case 7 -> "[" + quote("s" + random.nextInt(60)) + "," + jsonValue(depth + 1) + "]";
      case 8 -> "true";
      default -> quote("s" + random.nextInt(60));
    };
  }

  private String interaction(int depth) {
    return "{\"sku\":" + jsonValue(depth + 1) + ",\"event\":" + quote(pick(EVENTS)) + "}";
  }

  /** {@code s} as a JSON string. */
  static String quote(String s) {
    return Json.write(w -> w.value(s));
  }

  /** Percent-encodes every byte outside unreserved ASCII (lone surrogates encode as "?"). */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '.' || c == '_') {
        sb.append((char) c);
      } else if (c == ',' || c == ':') {
        sb.append((char) c);
      } else {
        sb.append('%')
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      }
    }
    return sb.toString();
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /**
   * Asserts what any answer must be: never a 5xx; every 4xx a JSON error with a message (HEAD and
   * Jetty's own refusals aside, which the fuzzer does not send); every 200 a valid answer.
   */
  static void check(Fuzzed request, int status, String body) {
    String where =
        status + " " + shorten(body) + " <- " + request.method() + " " + shorten(request.target());
    if (status >= 500) {
      fail("server error: " + shorten(where));
    }
    if (status >= 400) {
      JsonObject error = parse(body, where).getAsJsonObject().getAsJsonObject("error");
      assertTrue(error != null && error.get("message").getAsString().length() > 0, where);
      return;
    }
    if (status == 204) {
      assertEquals("OPTIONS", request.method(), where);
      return;
    }
    assertEquals(200, status, where);
    JsonObject o = parse(body, where).getAsJsonObject();
    if (request.path().startsWith("/healthz")) {
      assertEquals("ok", o.get("status").getAsString(), where);
      return;
    }
    List<JsonElement> items = o.getAsJsonArray("items").asList();
    boolean rank = request.path().startsWith("/rank");
    assertTrue(items.size() <= (rank ? QueryParser.MAX_RANK_ITEMS : QueryParser.MAX_N), where);
    for (JsonElement e : items) {
      JsonObject item = e.getAsJsonObject();
      assertTrue(!item.get("sku").getAsString().isEmpty(), where);
      String source = item.get("source").getAsString();
      boolean given = source.equals("given");
      assertTrue(
          given
              ? rank && item.get("score").getAsDouble() == 0
              : source.equals("pinned")
                  ? item.get("pinned").getAsBoolean()
                  : item.get("score").getAsDouble() > 0,
          where);
    }
  }

  private static JsonElement parse(String body, String where) {
    try {
      JsonElement e = JsonParser.parseString(body);
      if (e.isJsonObject()) {
        return e;
      }
    } catch (RuntimeException e) {
      throw new AssertionError("not JSON: " + shorten(where), e);
    }
    throw new AssertionError("not a JSON object: " + shorten(where));
  }

  private static String shorten(String s) {
    return s.length() <= 400 ? s : s.substring(0, 400) + "...";
  }
}
