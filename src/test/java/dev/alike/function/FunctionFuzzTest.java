package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.alike.serving.Placements;
import dev.alike.store.InMemoryModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thousands of seeded hostile requests at the in-process handler: no 5xx, only JSON errors. */
class FunctionFuzzTest {
  static final int REQUESTS = 9_000;

  @Test
  void hostileRequests_neverGet5xx_andEvery4xxIsAJsonError() {
    Map<String, Integer> listed =
        fuzz(Map.of("ALIKE_ALLOWED_ORIGINS", "https://shop.example"), 20261202L);
    for (String path : List.of("/buy-again", "/recently-viewed")) {
      int n = listed.getOrDefault(path, 0);
      assertTrue(n > 0, "no answer with items to " + path);
    }
  }

  @Test
  void hostileRequestsInTokenMode_neverGet5xx_andEvery4xxIsAJsonError() {
    fuzz(TokenModeTest.ENV, 401L);
  }

  @Test
  void hostileRequestsWithPlacements_neverGet5xx_andEvery4xxIsAJsonError(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("placements.json");
    Files.writeString(file, PlacementEndpointTest.FILE.formatted("s7"));
    fuzz(Map.of(FunctionConfig.PLACEMENTS, file.toString()), 3131L);
  }

  @Test
  void mangledPlacementsFiles_areRefusedWithAMessage_orRead() {
    Random random = new Random(31);
    RequestFuzzer fuzzer = new RequestFuzzer(32);
    List<String> types = List.of("for-you", "similar", "trending", "popular");
    String good = PlacementEndpointTest.FILE.formatted("s7");
    int refused = 0;
    for (int i = 0; i < 3_000; i++) {
      StringBuilder text = new StringBuilder(good);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(4)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, "{}[],:\"0-e.\u00e9".charAt(random.nextInt(12)));
          case 2 -> {
            int quote = good.indexOf("\"filter\": \"");
            String expression = RequestFuzzer.quote(fuzzer.expression());
            text = new StringBuilder(good);
            int end = good.indexOf(",\n", quote);
            text.replace(quote + 10, end, expression);
          }
          default -> text.insert(at, "9".repeat(random.nextInt(400)));
        }
      }
      try {
        Placements.parse(text.toString(), "p.json", types);
      } catch (Placements.Invalid x) {
        assertTrue(x.getMessage().startsWith("p.json: "), x.getMessage());
        refused++;
      }
    }
    assertTrue(refused > 300 && refused < 3_000, refused + " refused");
  }

  /** Fuzzes a function over {@code env}; returns, per path, its answers of 200 with items. */
  private static Map<String, Integer> fuzz(Map<String, String> env, long seed) {
    InMemoryModelStore store = TestModels.store(5);
    FunctionFixture fixture = new FunctionFixture(store, env);
    RequestFuzzer fuzzer = new RequestFuzzer(seed);
    int ok = 0;
    int rankOk = 0;
    Map<String, Integer> listed = new java.util.HashMap<>();
    int togetherOk = 0;
    for (int i = 0; i < REQUESTS; i++) {
      RequestFuzzer.Fuzzed r = fuzzer.next();
      FakeHttp.Response response = fixture.call(r.method(), r.target(), r.body());
      RequestFuzzer.check(r, response.status, response.body());
      ok += response.status == 200 ? 1 : 0;
      rankOk += response.status == 200 && r.path().equals("/rank") ? 1 : 0;
      if (response.status == 200 && FunctionFixture.json(response).has("items")) {
        int items = FunctionFixture.json(response).getAsJsonArray("items").size();
        listed.merge(r.path(), items > 0 ? 1 : 0, Integer::sum);
      }
      togetherOk += response.status == 200 && r.path().equals("/bought-together") ? 1 : 0;
    }
    // The generator must reach the success paths too, not only the validation errors.
    assertTrue(ok > REQUESTS / 20, "only " + ok + " answers of 200");
    assertTrue(rankOk > 10, "only " + rankOk + " answers of 200 to /rank");
    assertTrue(togetherOk > 5, "only " + togetherOk + " answers of 200 to /bought-together");
    assertTrue(
        fixture.logs().stream().noneMatch(l -> l.get("severity").getAsString().equals("ERROR")),
        "an ERROR was logged");
    return listed;
  }

  @Test
  void malformedOrNonUtf8PercentEncoding_is400NamingTheQuery() {
    FunctionFixture fixture = new FunctionFixture(TestModels.store(5));
    for (String query : List.of("sku=s1&%zz=%", "sku=%ED%A0%80", "sku=s1%", "customer=%C3")) {
      for (String path : List.of("/similar?", "/recommendations?")) {
        FakeHttp.Response r = fixture.get(path + query);
        assertEquals(400, r.status, path + query);
        JsonObject error = FunctionFixture.json(r).getAsJsonObject("error");
        assertEquals("query", error.get("field").getAsString());
        assertTrue(error.get("message").getAsString().endsWith(query), error.toString());
      }
    }
  }

  @Test
  void anOverlongBadValue_isQuotedShortened() {
    FunctionFixture fixture = new FunctionFixture(TestModels.store(5));
    FakeHttp.Response r = fixture.get("/similar?sku=s1&n=" + "9".repeat(50_000));
    assertEquals(400, r.status);
    String message = FunctionFixture.json(r).getAsJsonObject("error").get("message").getAsString();
    assertTrue(message.length() < BadRequest.MAX_MESSAGE + 40, message);
    int length = "n must be an integer in 1..100, was \"\"".length() + 50_000;
    assertTrue(message.endsWith("... (" + length + " characters)"), message);
  }
}
