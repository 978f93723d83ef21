package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /rank} through the function, in-process. */
class RankEndpointTest {
  private final FunctionFixture f = new FunctionFixture(TestModels.store(1));

  private static JsonArray items(FakeHttp.Response r) {
    assertEquals(200, r.status, r.body());
    return FunctionFixture.json(r).getAsJsonArray("items");
  }

  private static List<String> skus(JsonArray items) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : items) {
      out.add(e.getAsJsonObject().get("sku").getAsString());
    }
    return out;
  }

  private static String body(String customer, List<String> items) {
    JsonObject o = new JsonObject();
    if (customer != null) {
      o.addProperty("customer", customer);
    }
    JsonArray a = new JsonArray();
    items.forEach(a::add);
    o.add("items", a);
    return o.toString();
  }

  @Test
  void rank_putsTheRecommendedFirst_withBecause_andKeepsEveryGivenSku() {
    List<String> recommended =
        skus(
            FunctionFixture.json(f.get("/recommendations?customer=u3&n=3"))
                .getAsJsonArray("items"));
    List<String> given = new ArrayList<>(List.of("nope/1", "s0", "\u00fc\u221e"));
    given.add(recommended.get(2));
    given.add(recommended.get(1));
    given.add(recommended.get(0));
    FakeHttp.Response r = f.post("/rank", body("u3", given));
    assertEquals(List.of("private, no-store"), r.headers.get("Cache-Control"));
    JsonArray items = items(r);
    assertEquals(recommended, skus(items).subList(0, 3));
    assertEquals(given.size(), items.size());
    JsonObject first = items.get(0).getAsJsonObject();
    assertEquals("personalized", first.get("source").getAsString());
    JsonArray because = first.getAsJsonArray("because");
    assertTrue(because.size() >= 1 && because.size() <= 3, first.toString());
    assertTrue(because.get(0).getAsJsonObject().get("share").getAsDouble() > 0);
    JsonObject unknown = items.get(items.size() - 1).getAsJsonObject();
    assertEquals("\u00fc\u221e", unknown.get("sku").getAsString());
    assertEquals("given", unknown.get("source").getAsString());
    assertFalse(unknown.has("because"));
  }

  @Test
  void recommendations_carryBecause_onPersonalizedItemsOnly() {
    JsonArray items =
        FunctionFixture.json(f.get("/recommendations?customer=u3&n=40")).getAsJsonArray("items");
    for (JsonElement e : items) {
      JsonObject item = e.getAsJsonObject();
      boolean personalized = item.get("source").getAsString().equals("personalized");
      assertEquals(personalized, item.has("because"), item.toString());
    }
  }

  @Test
  void badBodies_are400NamingTheField() {
    String many = body("u1", java.util.Collections.nCopies(501, "s1"));
    String[][] cases = {
      {"{\"customer\":\"u1\"}", "items", "items is required"},
      {"{\"items\":[]}", "items", "items must name at least one SKU"},
      {"{\"items\":\"s1\"}", "items", "items must be an array"},
      {"{\"items\":[\"\"]}", "items", "items must be non-empty SKU ids, got \"\""},
      {"{\"items\":[{\"sku\":\"s1\"}]}", "items", "items must be a string or number"},
      {"{\"items\":[\"s1\"],\"n\":3}", "n", "unknown field \"n\""},
      {many, "items", "at most 500 items, got 501"},
      {"[", "body", "body is not valid JSON"},
    };
    for (String[] c : cases) {
      FakeHttp.Response r = f.post("/rank", c[0]);
      assertEquals(400, r.status, c[0]);
      JsonObject error = FunctionFixture.json(r).getAsJsonObject("error");
      assertEquals(c[1], error.get("field").getAsString(), c[0]);
      assertEquals(c[2], error.get("message").getAsString(), c[0]);
    }
    assertEquals(405, f.get("/rank?items=s1").status);
    assertEquals(List.of("POST, OPTIONS"), f.get("/rank").headers.get("Allow"));
  }

  @Test
  void tokenMode_rankNeedsTheCustomersToken() {
    FunctionFixture guarded = new FunctionFixture(TestModels.store(1), TokenModeTest.ENV);
    assertEquals(401, guarded.post("/rank", body("u3", List.of("s1"))).status);
    String token = TokenModeTest.MINT.mint("u3", Instant.now().plusSeconds(600));
    FakeHttp.Response r =
        guarded.post(
            "/rank", "{\"customer\":\"u3\",\"token\":\"" + token + "\",\"items\":[\"s1\"]}");
    assertEquals(200, r.status, r.body());
    assertEquals(
        FunctionFixture.stable(f.post("/rank", body("u3", List.of("s1"))).body()),
        FunctionFixture.stable(r.body()));
  }

  @Test
  void sessionInteractions_scoreAnAnonymousRanking() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      all.add("s" + i);
    }
    JsonArray ranked =
        items(
            f.post(
                "/rank",
                "{\"interactions\":[{\"sku\":\"s1\",\"event\":\"purchase\"}],\"items\":"
                    + new com.google.gson.Gson().toJson(all)
                    + "}"));
    assertEquals(120, ranked.size());
    assertEquals("personalized", ranked.get(0).getAsJsonObject().get("source").getAsString());
    assertEquals(
        "s1",
        ranked
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("because")
            .get(0)
            .getAsJsonObject()
            .get("sku")
            .getAsString());
  }
}
