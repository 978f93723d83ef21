package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alike.store.InMemoryModelStore;
import dev.alike.store.ModelInfo;
import dev.alike.store.Neighbor;
import dev.alike.store.VersionDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /trending} through the function, in-process. */
class TrendingEndpointTest {
  private static Neighbor entry(String sku, double score, String category) {
    return new Neighbor(sku, score, category, Map.of("gender", sku.endsWith("f") ? "f" : "m"));
  }

  private static final List<Neighbor> POPULAR =
      List.of(entry("p1", 9, "a"), entry("t2f", 8, "b"), entry("p3f", 7, "a"), entry("p4", 6, "b"));
  private static final List<Neighbor> TRENDING =
      List.of(entry("t1/\u00fc", 2.4, "a"), entry("t2f", 1.5, "b"), entry("t3", 0.7, "a"));

  private static FunctionFixture fixture(List<Neighbor> trending) {
    InMemoryModelStore store = new InMemoryModelStore();
    store.writeVersion(
        new ModelInfo("v1", Instant.now(), 0),
        trending == null
            ? VersionDocuments.of(List.of(), POPULAR)
            : VersionDocuments.of(List.of(), POPULAR, trending));
    store.activate("v1", 2);
    return new FunctionFixture(store);
  }

  private static List<String> answer(FakeHttp.Response r) {
    assertEquals(200, r.status, r.body());
    List<String> out = new ArrayList<>();
    for (JsonElement e : FunctionFixture.json(r).getAsJsonArray("items")) {
      JsonObject item = e.getAsJsonObject();
      out.add(item.get("sku").getAsString() + ":" + item.get("source").getAsString());
    }
    return out;
  }

  @Test
  void trendingFirst_thenPopularWithoutRepeats_cacheable() {
    FakeHttp.Response r = fixture(TRENDING).get("/trending?n=5");
    assertEquals(
        List.of("t1/\u00fc:trending", "t2f:trending", "t3:trending", "p1:popular", "p3f:popular"),
        answer(r));
    assertEquals(List.of("public, max-age=300"), r.headers.get("Cache-Control"));
  }

  @Test
  void filtersAndExclusions_applyToBothLists() {
    FunctionFixture f = fixture(TRENDING);
    assertEquals(
        List.of("t1/\u00fc:trending", "t3:trending", "p1:popular", "p3f:popular"),
        answer(f.get("/trending?n=10&category=a")));
    assertEquals(
        List.of("t2f:trending", "p3f:popular"), answer(f.get("/trending?n=10&attr.gender=f")));
    assertEquals(
        List.of("t3:trending", "p1:popular"), answer(f.get("/trending?n=2&exclude=t1/%C3%BC,t2f")));
  }

  @Test
  void aVersionWithoutTrendingList_servesPopular() {
    assertEquals(
        List.of("p1:popular", "t2f:popular", "p3f:popular"),
        answer(fixture(null).get("/trending?n=3")));
  }

  @Test
  void badParameters_are400NamingThem_andPostIs405() {
    FunctionFixture f = fixture(TRENDING);
    String[][] cases = {
      {"/trending?customer=u1", "customer", "unknown parameter \"customer\""},
      {"/trending?n=0", "n", "n must be an integer in 1..100, was \"0\""},
      {"/trending?n=2&n=3", "n", "n given 2 times"},
    };
    for (String[] c : cases) {
      FakeHttp.Response r = f.get(c[0]);
      assertEquals(400, r.status, c[0]);
      JsonObject error = FunctionFixture.json(r).getAsJsonObject("error");
      assertEquals(c[1], error.get("field").getAsString());
      assertEquals(c[2], error.get("message").getAsString());
    }
    assertEquals(405, f.post("/trending", "{}").status);
  }
}
