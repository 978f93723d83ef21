package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alike.store.InMemoryModelStore;
import dev.alike.store.ModelInfo;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import dev.alike.store.VersionDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET|POST /bought-together} through the function, in-process. */
class BoughtTogetherEndpointTest {
  private static Neighbor entry(String sku, double score, int support) {
    String category = sku.startsWith("c") ? "cups" : "other";
    return new Neighbor(sku, score, category, Map.of(), support);
  }

  private static final String TEA = "tea/cup \u2615";

  private static FunctionFixture fixture() {
    SkuDocument a =
        new SkuDocument(
            "a",
            "other",
            Map.of(),
            List.of(entry("s1", 0.9, 0), entry("b", 0.8, 0)),
            List.of(),
            List.of(entry("b", 0.9, 5), entry("c1", 0.5, 2), entry(TEA, 0.4, 1)));
    SkuDocument b =
        new SkuDocument(
            "b",
            "other",
            Map.of(),
            List.of(entry("s2", 0.7, 0)),
            List.of(),
            List.of(entry("c1", 0.8, 4), entry("a", 0.6, 5), entry("d", 0.3, 1)));
    InMemoryModelStore store = new InMemoryModelStore();
    store.writeVersion(
        new ModelInfo("v1", Instant.now(), 2),
        VersionDocuments.of(
            List.of(a, b), List.of(entry("p1", 9, 0), entry("c2", 8, 0), entry("a", 7, 0))));
    store.activate("v1", 2);
    return new FunctionFixture(store);
  }

  /** "sku:source:support" per item. */
  private static List<String> answer(FakeHttp.Response r) {
    assertEquals(200, r.status, r.body());
    List<String> out = new ArrayList<>();
    for (JsonElement e : FunctionFixture.json(r).getAsJsonArray("items")) {
      JsonObject item = e.getAsJsonObject();
      out.add(
          item.get("sku").getAsString()
              + ":"
              + item.get("source").getAsString()
              + (item.has("support") ? ":" + item.get("support").getAsInt() : ""));
    }
    return out;
  }

  @Test
  void oneSku_itsListInOrderWithSupport_thenSimilar_thenPopular_neverItself() {
    FakeHttp.Response r = fixture().get("/bought-together?sku=a&n=6");
    assertEquals(
        List.of(
            "b:together:5",
            "c1:together:2",
            TEA + ":together:1",
            "s1:similar",
            "p1:popular",
            "c2:popular"),
        answer(r));
    assertEquals(List.of("public, max-age=300"), r.headers.get("Cache-Control"));
    JsonObject first = FunctionFixture.json(r).getAsJsonArray("items").get(0).getAsJsonObject();
    assertEquals(0.9, first.get("score").getAsDouble(), 1e-6);
    assertTrue(!first.has("because"), "one asked SKU needs no because");
  }

  @Test
  void cart_listsSummed_cartSkusExcluded_becauseNamesTheCartSkus() {
    FakeHttp.Response r = fixture().get("/bought-together?sku=a&sku=b&n=4");
    assertEquals(
        List.of("c1:together:4", TEA + ":together:1", "d:together:1", "s1:similar"), answer(r));
    JsonObject c1 = FunctionFixture.json(r).getAsJsonArray("items").get(0).getAsJsonObject();
    assertEquals(1.3, c1.get("score").getAsDouble(), 1e-6);
    List<String> because = new ArrayList<>();
    for (JsonElement e : c1.getAsJsonArray("because")) {
      JsonObject b = e.getAsJsonObject();
      because.add(
          b.get("sku").getAsString()
              + "="
              + String.format(java.util.Locale.ROOT, "%.3f", b.get("share").getAsDouble()));
    }
    assertEquals(List.of("b=0.615", "a=0.385"), because);
  }

  @Test
  void post_sameFieldsSameAnswer() {
    FunctionFixture f = fixture();
    String get = f.get("/bought-together?sku=a&sku=b&n=3&exclude=d&category=cups").body();
    String post =
        f.post(
                "/bought-together",
                "{\"sku\": [\"a\", \"b\"], \"n\": 3, \"exclude\": [\"d\"],"
                    + " \"filter\": {\"category\": \"cups\"}}")
            .body();
    assertEquals(FunctionFixture.stable(get), FunctionFixture.stable(post));
    assertEquals(
        List.of("c1:together:4", "c2:popular"),
        answer(
            f.post(
                "/bought-together",
                "{\"sku\": [\"a\", \"b\"], \"n\": 3,"
                    + " \"exclude\": [\"d\"], \"filter\": {\"category\": \"cups\"}}")));
    assertEquals(
        answer(f.get("/bought-together?sku=a&n=2")),
        answer(f.post("/bought-together", "{\"sku\": \"a\", \"n\": 2}")));
  }

  @Test
  void unknownSku_popular_andRepeatsCountOnce() {
    FunctionFixture f = fixture();
    assertEquals(List.of("p1:popular", "c2:popular"), answer(f.get("/bought-together?sku=zz&n=2")));
    assertEquals(
        answer(f.get("/bought-together?sku=a&n=3")),
        answer(f.get("/bought-together?sku=a&sku=a&n=3")));
  }

  @Test
  void badInput_is400NamingTheValue_andRequestsAreLogged() {
    FunctionFixture f = fixture();
    String[][] cases = {
      {"/bought-together", "sku", "sku is required"},
      {"/bought-together?sku=", "sku", "sku must be a non-empty SKU id, got \"\""},
      {"/bought-together?sku=a&n=0", "n", "n must be an integer in 1..100, was \"0\""},
      {"/bought-together?sku=a&customer=u", "customer", "unknown parameter \"customer\""},
    };
    for (String[] c : cases) {
      FakeHttp.Response r = f.get(c[0]);
      assertEquals(400, r.status, c[0]);
      JsonObject error = FunctionFixture.json(r).getAsJsonObject("error");
      assertEquals(c[1], error.get("field").getAsString(), c[0]);
      assertEquals(c[2], error.get("message").getAsString(), c[0]);
    }
    String[][] bodies = {
      {"{\"sku\": {\"x\": 1}}", "sku", "sku must be a string or number"},
      {"{\"n\": 2}", "sku", "sku is required"},
      {"{\"sku\": \"a\", \"customer\": \"u\"}", "customer", "unknown field \"customer\""},
      {
        "{\"sku\": \"a\", \"filter\": {\"same\": \"category\"}}",
        "filter.same",
        "unknown filter \"same\""
      },
    };
    for (String[] c : bodies) {
      FakeHttp.Response r = f.post("/bought-together", c[0]);
      assertEquals(400, r.status, c[0]);
      JsonObject error = FunctionFixture.json(r).getAsJsonObject("error");
      assertEquals(c[1], error.get("field").getAsString(), c[0]);
      assertEquals(c[2], error.get("message").getAsString(), c[0]);
    }
    StringBuilder many = new StringBuilder("/bought-together?sku=s0");
    for (int s = 1; s <= QueryParser.MAX_TOGETHER_SKUS; s++) {
      many.append("&sku=s").append(s);
    }
    assertEquals(400, f.get(many.toString()).status);
    assertEquals(405, f.call("PUT", "/bought-together?sku=a", null).status);
    JsonObject http = f.logs().get(0).getAsJsonObject("httpRequest");
    assertEquals("/bought-together", http.get("requestUrl").getAsString());
    assertEquals(400, http.get("status").getAsInt());
  }
}
