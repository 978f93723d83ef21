package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.alike.store.InMemoryModelStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Thousands of seeded hostile requests at the in-process handler: no 5xx, only JSON errors. */
class FunctionFuzzTest {
  static final int REQUESTS = 7_000;

  @Test
  void hostileRequests_neverGet5xx_andEvery4xxIsAJsonError() {
    fuzz(Map.of("ALIKE_ALLOWED_ORIGINS", "https://shop.example"), 20261202L);
  }

  @Test
  void hostileRequestsInTokenMode_neverGet5xx_andEvery4xxIsAJsonError() {
    fuzz(TokenModeTest.ENV, 401L);
  }

  private static void fuzz(Map<String, String> env, long seed) {
    InMemoryModelStore store = TestModels.store(5);
    FunctionFixture fixture = new FunctionFixture(store, env);
    RequestFuzzer fuzzer = new RequestFuzzer(seed);
    int ok = 0;
    int rankOk = 0;
    int togetherOk = 0;
    for (int i = 0; i < REQUESTS; i++) {
      RequestFuzzer.Fuzzed r = fuzzer.next();
      FakeHttp.Response response = fixture.call(r.method(), r.target(), r.body());
      RequestFuzzer.check(r, response.status, response.body());
      ok += response.status == 200 ? 1 : 0;
      rankOk += response.status == 200 && r.path().equals("/rank") ? 1 : 0;
      togetherOk += response.status == 200 && r.path().equals("/bought-together") ? 1 : 0;
    }
    // The generator must reach the success paths too, not only the validation errors.
    assertTrue(ok > REQUESTS / 20, "only " + ok + " answers of 200");
    assertTrue(rankOk > 10, "only " + rankOk + " answers of 200 to /rank");
    assertTrue(togetherOk > 5, "only " + togetherOk + " answers of 200 to /bought-together");
    assertTrue(
        fixture.logs().stream().noneMatch(l -> l.get("severity").getAsString().equals("ERROR")),
        "an ERROR was logged");
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
