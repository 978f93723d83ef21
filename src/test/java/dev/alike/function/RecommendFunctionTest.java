package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alike.serving.CurrentModel;
import dev.alike.store.CustomerProfile;
import dev.alike.store.InMemoryModelStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The function in-process, through request/response stand-ins. */
class RecommendFunctionTest {
  private InMemoryModelStore store;
  private FunctionFixture f;

  @BeforeEach
  void setUp() {
    store = TestModels.store(1);
    f = new FunctionFixture(store);
  }

  private static List<String> skus(FakeHttp.Response r) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : FunctionFixture.json(r).getAsJsonArray("items")) {
      out.add(e.getAsJsonObject().get("sku").getAsString());
    }
    return out;
  }

  private static Set<String> sources(FakeHttp.Response r) {
    Set<String> out = new HashSet<>();
    for (JsonElement e : FunctionFixture.json(r).getAsJsonArray("items")) {
      out.add(e.getAsJsonObject().get("source").getAsString());
    }
    return out;
  }

  private Set<String> seen(String customer) {
    return store.profile(customer).map(CustomerProfile::scores).orElseThrow().keySet();
  }

  @Test
  void knownCustomer_personalizedFirst_seenExcluded() {
    FakeHttp.Response r = f.get("/recommendations?customer=u3&n=10");
    assertEquals(200, r.status);
    assertEquals("application/json; charset=utf-8", r.contentType);
    JsonObject body = FunctionFixture.json(r);
    assertEquals("v1", body.get("model").getAsString());
    assertTrue(body.get("took_ms").getAsDouble() >= 0);
    JsonArray items = body.getAsJsonArray("items");
    assertEquals(10, items.size());
    assertEquals("personalized", items.get(0).getAsJsonObject().get("source").getAsString());
    for (String sku : skus(r)) {
      assertFalse(seen("u3").contains(sku), sku + " was already seen");
    }
  }

  @Test
  void excludedSkusAndThePageSku_neverAppearInPersonalizedResults() {
    List<String> before = skus(f.get("/recommendations?customer=u3&n=10"));
    assertTrue(sources(f.get("/recommendations?customer=u3&n=10")).contains("personalized"));
    // The top three are excluded and the fourth is the product page's own SKU: each of them would
    // be recommended otherwise.
    List<String> excluded = before.subList(0, 3);
    String page = before.get(3);
    FakeHttp.Response r =
        f.get(
            "/recommendations?customer=u3&n=10&exclude="
                + String.join(",", excluded)
                + "&sku="
                + page);
    assertEquals(200, r.status);
    List<String> after = skus(r);
    assertEquals(10, after.size(), after.toString());
    for (String sku : after) {
      assertFalse(excluded.contains(sku), sku + " was excluded: " + after);
      assertFalse(sku.equals(page), "the page SKU " + page + " was recommended: " + after);
    }
    assertTrue(after.contains(before.get(4)), "the rest still ranks: " + before + " " + after);
  }

  @Test
  void unknownCustomer_fallsBackToPopular() {
    FakeHttp.Response r = f.get("/recommendations?customer=nobody&n=5");
    assertEquals(200, r.status);
    assertEquals(Set.of("popular"), sources(r));
    List<String> popular = store.popular("v1").stream().map(n -> n.sku()).limit(5).toList();
    assertEquals(popular, skus(r));
  }

  @Test
  void unknownSku_fallsBackToPopular() {
    FakeHttp.Response r = f.get("/similar?sku=nothing&n=4");
    assertEquals(200, r.status);
    assertEquals(Set.of("popular"), sources(r));
    assertEquals(4, skus(r).size());
  }

  @Test
  void similar_listsNeighbours_cacheableByCdn() {
    FakeHttp.Response r = f.get("/similar?sku=s5&n=3");
    assertEquals(200, r.status);
    List<String> expected =
        store.skus("v1", List.of("s5")).get("s5").similar().stream()
            .map(n -> n.sku())
            .limit(3)
            .toList();
    assertEquals(expected, skus(r));
    assertEquals("public, max-age=300", r.header("Cache-Control"));
    assertEquals(
        "private, no-store", f.get("/recommendations?customer=u1").header("Cache-Control"));
  }

  @Test
  void sessionInteractions_changeTheAnswer_andAreExcluded() {
    List<String> before = skus(f.get("/recommendations?customer=u3&n=10"));
    String added = before.get(0);
    List<String> after =
        skus(f.get("/recommendations?customer=u3&n=10&with=" + added + ":AddedToCart,s1:pv"));
    assertFalse(after.contains(added));
    assertFalse(after.contains("s1"));
    assertNotEquals(before, after);
  }

  @Test
  void anonymousSession_getsPersonalized() {
    FakeHttp.Response r = f.get("/recommendations?with=s1:purchase,s2:view");
    assertEquals(200, r.status);
    assertTrue(sources(r).contains("personalized"));
  }

  @Test
  void sessionInteractions_areWeightedWithTheConfiguredWeights() {
    // Swapping the browse and purchase weights makes s1:view,s2:purchase the same session as
    // s1:purchase,s2:view under the defaults: the same answer, scores included.
    FunctionFixture swapped =
        new FunctionFixture(store, Map.of("ALIKE_WEIGHTS", "browse=6,purchase=0.5"));
    String expected =
        FunctionFixture.stable(f.get("/recommendations?n=20&with=s1:purchase,s2:view").body());
    assertEquals(
        expected,
        FunctionFixture.stable(
            swapped.get("/recommendations?n=20&with=s1:view,s2:purchase").body()));
    FakeHttp.Response post =
        swapped.post(
            "/recommendations",
            "{\"n\":20,\"interactions\":[{\"sku\":\"s1\",\"event\":\"view\"},"
                + "{\"sku\":\"s2\",\"event\":\"purchase\"}]}");
    assertEquals(expected, FunctionFixture.stable(post.body()));
  }

  @Test
  void post_givesTheSameAnswerAsGet() {
    FakeHttp.Response get =
        f.get(
            "/recommendations?customer=u7&n=6&with=s9:cart&exclude=s2,s3&category=c1&attr.gender=female");
    FakeHttp.Response post =
        f.post(
            "/recommendations",
            "{\"customer\":\"u7\",\"n\":6,\"interactions\":[{\"sku\":\"s9\",\"event\":\"AddedToCart\"}],"
                + "\"exclude\":[\"s2\",\"s3\"],"
                + "\"filter\":{\"category\":\"c1\",\"attributes\":{\"gender\":\"female\"}}}");
    assertEquals(200, post.status, post.body());
    assertEquals(FunctionFixture.stable(get.body()), FunctionFixture.stable(post.body()));
  }

  @Test
  void filters_applyToPersonalizedAndPopularItems() {
    FakeHttp.Response r =
        f.get("/recommendations?customer=u3&n=30&category=c2&attr.gender=female&exclude=s2,s6");
    assertEquals(200, r.status);
    List<String> skus = skus(r);
    assertFalse(skus.isEmpty());
    for (String sku : skus) {
      assertEquals("c2", TestModels.category(sku, 4), sku);
      assertEquals("female", TestModels.attributes(sku).get("gender"), sku);
      assertFalse(sku.equals("s2") || sku.equals("s6"));
    }
  }

  @Test
  void sameCategory_usesThePageSkusCategory_andNeverReturnsThePageSku() {
    for (String path :
        List.of(
            "/similar?sku=s5&same=category&n=20",
            "/recommendations?customer=u3&sku=s5&same=category&n=20")) {
      List<String> skus = skus(f.get(path));
      assertEquals(20, skus.size(), path);
      assertFalse(skus.contains("s5"), path);
      for (String sku : skus) {
        assertEquals(TestModels.category("s5", 4), TestModels.category(sku, 4), path + " " + sku);
      }
    }
  }

  @Test
  void shortLists_toppedUpWithPopular() {
    FakeHttp.Response r = f.get("/similar?sku=s5&n=100");
    List<String> skus = skus(r);
    assertEquals(100, skus.size());
    assertEquals(Set.of("similar", "popular"), sources(r));
    assertEquals(skus.size(), new HashSet<>(skus).size(), "no duplicates");
  }

  @Test
  void badInput_is400_withFieldAndMessage() {
    String many = "s1:cart,".repeat(201);
    String bigBody = "{\"customer\":\"" + "x".repeat(70_000) + "\"}";
    Object[][] cases = {
      {f.get("/recommendations?customer=u1&n=0"), "n"},
      {f.get("/recommendations?customer=u1&n=101"), "n"},
      {f.get("/similar?sku=s1&n=ten"), "n"},
      {f.get("/similar"), "sku"},
      {f.get("/recommendations?with=" + many), "with"},
      {f.get("/recommendations?with=s1:teleported"), "with"},
      {f.get("/recommendations?with=nocolon"), "with"},
      {f.get("/recommendations?customer=u1&colour=red"), "colour"},
      {f.get("/recommendations?customer=u1&same=brand&sku=s1"), "same"},
      {f.get("/similar?same=category"), "sku"},
      {f.post("/recommendations", "{\"customer\": "), "body"},
      {f.post("/recommendations", "[1,2]"), "body"},
      {f.post("/recommendations", bigBody), "body"},
      {
        f.post("/recommendations", "{\"customer\":\"u1\",\"filter\":{\"brand\":\"x\"}}"),
        "filter.brand"
      },
      {f.post("/recommendations", "{\"customer\":\"u1\",\"limit\":3}"), "limit"},
      {
        f.post("/recommendations", "{\"interactions\":[{\"sku\":\"s1\",\"event\":\"stare\"}]}"),
        "interactions"
      },
      {
        f.post(
            "/recommendations",
            "{\"interactions\":["
                + "{\"sku\":\"s1\",\"event\":\"pv\"},".repeat(200)
                + "{\"sku\":\"s1\",\"event\":\"pv\"}]}"),
        "interactions"
      },
    };
    for (Object[] c : cases) {
      FakeHttp.Response r = (FakeHttp.Response) c[0];
      assertEquals(400, r.status, r.body());
      JsonObject error = FunctionFixture.json(r).getAsJsonObject("error");
      assertEquals(c[1], error.get("field").getAsString(), r.body());
      assertFalse(error.get("message").getAsString().isBlank());
    }
  }

  @Test
  void wrongMethod_405_unknownPath_404() {
    FakeHttp.Response put = f.call("PUT", "/recommendations", "{}");
    assertEquals(405, put.status);
    assertEquals("GET, POST, OPTIONS", put.header("Allow"));
    assertEquals(405, f.post("/similar", "{}").status);
    assertEquals(405, f.call("DELETE", "/healthz", null).status);
    FakeHttp.Response missing = f.get("/recommend");
    assertEquals(404, missing.status);
    assertTrue(FunctionFixture.json(missing).has("error"));
  }

  @Test
  void storeFailure_afterAVersionWasRead_degraded200FromPopular() {
    f.get("/recommendations?customer=u1"); // warm: version known
    store.failing(true);
    FakeHttp.Response r = f.get("/recommendations?customer=u2&n=5");
    assertEquals(200, r.status, r.body());
    JsonObject answer = FunctionFixture.json(r);
    assertTrue(answer.get("degraded").getAsBoolean());
    assertEquals(5, answer.getAsJsonArray("items").size());
    answer
        .getAsJsonArray("items")
        .forEach(i -> assertEquals("popular", i.getAsJsonObject().get("source").getAsString()));
    assertFalse(r.body().contains("in-memory store"), r.body());
    store.failing(false);
  }

  @Test
  void storeFailure_beforeAnyVersionWasRead_503WithRetryHint_loggedButNotShown() {
    store.failing(true);
    FakeHttp.Response r = f.get("/recommendations?customer=u1");
    assertEquals(503, r.status);
    assertEquals("1", r.header("Retry-After"));
    assertFalse(r.body().contains("in-memory store"), r.body());
    assertFalse(r.body().contains("Exception"), r.body());
    assertTrue(
        f.logs().stream()
            .anyMatch(
                l ->
                    l.get("severity").getAsString().equals("WARNING")
                        && l.get("message").getAsString().contains("in-memory store set to fail")));
  }

  @Test
  void health_reportsModel_or503WithoutOne() {
    FakeHttp.Response ok = f.get("/healthz");
    assertEquals(200, ok.status);
    JsonObject body = FunctionFixture.json(ok);
    assertEquals("v1", body.get("model").getAsString());
    assertTrue(body.get("age_seconds").getAsLong() >= 0);
    FakeHttp.Response none = new FunctionFixture(new InMemoryModelStore()).get("/healthz");
    assertEquals(503, none.status);
    FakeHttp.Response rec =
        new FunctionFixture(new InMemoryModelStore()).get("/recommendations?customer=u1");
    assertEquals(503, rec.status);
  }

  @Test
  void cors_allowedOriginsOnly_andPreflightAnswered() {
    FunctionFixture cors =
        new FunctionFixture(
            store, Map.of("ALIKE_ALLOWED_ORIGINS", "https://shop.example, https://m.shop.example"));
    FakeHttp.Response allowed = cors.get("/similar?sku=s1", "Origin", "https://shop.example");
    assertEquals("https://shop.example", allowed.header("Access-Control-Allow-Origin"));
    assertEquals("Origin", allowed.header("Vary"));
    FakeHttp.Response other = cors.get("/similar?sku=s1", "Origin", "https://evil.example");
    assertNull(other.header("Access-Control-Allow-Origin"));
    FakeHttp.Response preflight =
        cors.call(
            "OPTIONS",
            "/recommendations",
            null,
            "Origin",
            "https://m.shop.example",
            "Access-Control-Request-Method",
            "POST");
    assertEquals(204, preflight.status);
    assertEquals("https://m.shop.example", preflight.header("Access-Control-Allow-Origin"));
    assertEquals("GET, POST, OPTIONS", preflight.header("Access-Control-Allow-Methods"));
    assertEquals("Content-Type", preflight.header("Access-Control-Allow-Headers"));
    FakeHttp.Response any =
        new FunctionFixture(store, Map.of("ALIKE_ALLOWED_ORIGINS", "*"))
            .get("/similar?sku=s1", "Origin", "https://x.example");
    assertEquals("*", any.header("Access-Control-Allow-Origin"));
    assertNull(
        f.get("/similar?sku=s1", "Origin", "https://shop.example")
            .header("Access-Control-Allow-Origin"));
  }

  @Test
  void atMostTwoRoundTripsPerRequest_andCachedSkusAreNotReadAgain() {
    f.get("/recommendations?customer=u1"); // version and popular list loaded once
    long before = store.roundTrips();
    f.get("/recommendations?customer=u2&sku=s3&same=category");
    assertTrue(store.roundTrips() - before <= 2, "round trips: " + (store.roundTrips() - before));
    before = store.roundTrips();
    f.get("/recommendations?customer=u2&sku=s3&same=category");
    assertEquals(1, store.roundTrips() - before, "only the profile is read again");
    long skuReads = store.skuReads();
    f.get("/similar?sku=s3");
    assertEquals(skuReads, store.skuReads(), "s3 was cached");
  }

  @Test
  void modelSwitch_servedWithinARefresh_andCacheDoesNotLeakOldLists() {
    String before = FunctionFixture.stable(f.get("/similar?sku=s5&n=5").body());
    TestModels.write(store, "v2", TestModels.random(99, 300, 120, 3, 12, 10), 4);
    assertEquals(
        before, FunctionFixture.stable(f.get("/similar?sku=s5&n=5").body()), "not yet re-read");
    f.clock.addAndGet(CurrentModel.REFRESH_NANOS);
    String after = FunctionFixture.stable(f.get("/similar?sku=s5&n=5").body());
    InMemoryModelStore onlyV2 = new InMemoryModelStore();
    TestModels.write(onlyV2, "v2", TestModels.random(99, 300, 120, 3, 12, 10), 4);
    assertEquals(
        FunctionFixture.stable(new FunctionFixture(onlyV2).get("/similar?sku=s5&n=5").body()),
        after);
    assertNotEquals(before, after);
  }

  @Test
  void parallelRequests_giveTheSameAnswersAsSequentialOnes() throws Exception {
    List<String> targets = new ArrayList<>();
    for (int u = 0; u < 60; u++) {
      targets.add("/recommendations?customer=u" + u + "&n=12&with=s" + u + ":view");
      targets.add("/similar?sku=s" + u + "&n=7&attr.gender=male");
    }
    FunctionFixture fresh = new FunctionFixture(TestModels.store(1));
    List<String> sequential = new ArrayList<>();
    for (String t : targets) {
      sequential.add(FunctionFixture.stable(fresh.get(t).body()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (String t : targets) {
          futures.add(pool.submit(() -> FunctionFixture.stable(f.get(t).body())));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertEquals(
            sequential.get(i % targets.size()),
            futures.get(i).get(),
            targets.get(i % targets.size()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void oneStructuredLogLinePerRequest() {
    f.get("/similar?sku=s1", "User-Agent", "curl/8.0");
    f.get("/similar?n=0");
    List<JsonObject> logs = f.logs();
    assertEquals(2, logs.size());
    JsonObject first = logs.get(0);
    assertEquals("INFO", first.get("severity").getAsString());
    assertEquals("GET /similar 200", first.get("message").getAsString());
    JsonObject http = first.getAsJsonObject("httpRequest");
    assertEquals("GET", http.get("requestMethod").getAsString());
    assertEquals("/similar?sku=s1", http.get("requestUrl").getAsString());
    assertEquals(200, http.get("status").getAsInt());
    assertEquals("curl/8.0", http.get("userAgent").getAsString());
    assertTrue(http.get("latency").getAsString().matches("\\d+\\.\\d{6}s"));
    assertEquals("WARNING", logs.get(1).get("severity").getAsString());
  }
}
