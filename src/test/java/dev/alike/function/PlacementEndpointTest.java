package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alike.serving.CurrentModel;
import dev.alike.store.InMemoryModelStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests naming a placement, through the function, with the placements file re-read. */
class PlacementEndpointTest {
  /** Three placements; {@code %s} is the SKU pinned at position 2 of "hot". */
  static final String FILE =
      """
      {"placements": {
        "home": {"list": "for-you", "n": 6,
                 "filter": "category in (\\"c0\\", \\"c1\\")",
                 "boost": [{"when": "attr.gender = \\"female\\"", "factor": 3}],
                 "diversity": {"by": "category", "max": 3}},
        "pdp": {"list": "similar", "n": 4, "filter": "category != \\"c2\\""},
        "hot": {"list": "popular", "n": 3, "pin": [{"sku": "%s", "position": 2}]}
      }}
      """;

  @TempDir Path dir;
  private Path file;
  private InMemoryModelStore store;
  private FunctionFixture f;

  @BeforeEach
  void setUp() throws IOException {
    store = TestModels.store(1);
    file = dir.resolve("placements.json");
    Files.writeString(file, FILE.formatted("s7"));
    f = new FunctionFixture(store, Map.of(FunctionConfig.PLACEMENTS, file.toString()));
  }

  private static List<JsonObject> items(FakeHttp.Response r) {
    assertEquals(200, r.status, r.body());
    return FunctionFixture.json(r).getAsJsonArray("items").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .toList();
  }

  @Test
  void forYouPlacement_filtersBoostsAndCapsPerCategory() {
    List<JsonObject> items = items(f.get("/recommendations?customer=u3&placement=home"));
    assertEquals(6, items.size());
    Map<String, Integer> perCategory = new HashMap<>();
    for (JsonObject i : items) {
      String category = i.get("category").getAsString();
      assertTrue(category.equals("c0") || category.equals("c1"), i.toString());
      perCategory.merge(category, 1, Integer::sum);
      String sku = i.get("sku").getAsString();
      boolean female = TestModels.attributes(sku).get("gender").equals("female");
      assertEquals(female, i.has("boost"), i.toString());
    }
    assertTrue(perCategory.values().stream().allMatch(c -> c <= 3), perCategory.toString());
    // the same placement by POST gives the same list
    List<JsonObject> posted =
        items(f.post("/recommendations", "{\"customer\": \"u3\", \"placement\": \"home\"}"));
    assertEquals(items, posted);
  }

  @Test
  void withoutPlacement_theAnswerIsAsWithoutAPlacementsFile() {
    FunctionFixture plain = new FunctionFixture(store);
    String target = "/recommendations?customer=u3&n=8&category=c1";
    assertEquals(
        FunctionFixture.stable(plain.get(target).body()),
        FunctionFixture.stable(f.get(target).body()));
  }

  @Test
  void similarAndPopularPlacements_pinAndFilter() {
    List<JsonObject> similar = items(f.get("/similar?sku=s1&placement=pdp"));
    assertEquals(4, similar.size());
    similar.forEach(i -> assertFalse(i.get("category").getAsString().equals("c2"), i.toString()));
    assertEquals(similar, items(f.get("/recommendations?sku=s1&placement=pdp")));
    List<JsonObject> hot = items(f.get("/recommendations?placement=hot"));
    assertEquals(3, hot.size());
    assertEquals("s7", hot.get(1).get("sku").getAsString());
    assertTrue(hot.get(1).get("pinned").getAsBoolean());
  }

  @Test
  void boughtTogetherAndHistoryLists_arePlacementListTypes_answeringAsTheirEndpoints()
      throws IOException {
    Files.writeString(
        file,
        """
        {"placements": {
          "cart": {"list": "bought-together", "n": 5},
          "again": {"list": "buy-again", "n": 5},
          "recent": {"list": "recently-viewed", "n": 5},
          "recent-c0": {"list": "recently-viewed", "n": 5, "filter": "category = \\"c0\\""}
        }}
        """);
    f.clock.addAndGet(CurrentModel.REFRESH_NANOS);
    for (String[] pair :
        new String[][] {
          {"/recommendations?sku=s1&placement=cart", "/bought-together?sku=s1&n=5"},
          {"/recommendations?customer=u3&placement=again", "/buy-again?customer=u3&n=5"},
          {"/recommendations?customer=u3&placement=recent", "/recently-viewed?customer=u3&n=5"},
          {
            "/recommendations?customer=u3&placement=recent-c0",
            "/recently-viewed?customer=u3&n=5&category=c0"
          }
        }) {
      assertEquals(skus(items(f.get(pair[1]))), skus(items(f.get(pair[0]))), pair[0]);
    }
    String c0 = java.net.URLEncoder.encode("category = \"c0\"", StandardCharsets.UTF_8);
    assertFalse(items(f.get("/recently-viewed?customer=u3&n=5&category=c0")).isEmpty());
    assertFalse(items(f.get("/bought-together?sku=s1&n=5&category=c0")).isEmpty());
    assertEquals(
        skus(items(f.get("/recently-viewed?customer=u3&n=5&category=c0"))),
        skus(items(f.get("/recently-viewed?customer=u3&n=5&filter=" + c0))));
    assertEquals(
        skus(items(f.get("/bought-together?sku=s1&n=5&category=c0"))),
        skus(items(f.get("/bought-together?sku=s1&n=5&filter=" + c0))));
    assertFalse(items(f.get("/bought-together?sku=s1&n=5")).isEmpty());
    assertFalse(items(f.get("/recently-viewed?customer=u3&n=5")).isEmpty());
    FakeHttp.Response r = f.get("/recommendations?placement=cart");
    assertEquals(400, r.status);
    assertTrue(r.body().contains("shows bought-together products: sku is required"), r.body());
  }

  private static List<String> skus(List<JsonObject> items) {
    return items.stream().map(i -> i.get("sku").getAsString()).toList();
  }

  @Test
  void unknownPlacementAndBadFilter_are400NamingTheValue() {
    FakeHttp.Response r = f.get("/recommendations?customer=u3&placement=cart");
    assertEquals(400, r.status);
    JsonObject error = FunctionFixture.json(r).getAsJsonObject("error");
    assertEquals("placement", error.get("field").getAsString());
    assertTrue(error.get("message").getAsString().contains("unknown placement \"cart\""));
    r =
        f.get(
            "/trending?filter="
                + java.net.URLEncoder.encode(
                    "price >> 2", java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(400, r.status);
    assertTrue(r.body().contains("at position 8"), r.body());
    r = f.get("/similar?sku=s1&placement=home");
    assertEquals(400, r.status);
    assertTrue(r.body().contains("shows for-you lists"), r.body());
    r = f.get("/recommendations?placement=pdp");
    assertEquals(400, r.status);
    assertTrue(r.body().contains("sku is required"), r.body());
    r = f.get("/trending?filter=" + "x".repeat(QueryParser.MAX_FILTER_LENGTH + 1));
    assertEquals(400, r.status);
    assertTrue(r.body().contains("more than " + QueryParser.MAX_FILTER_LENGTH), r.body());
  }

  @Test
  void aChangedFile_isServedAfterTheCheckInterval_aBrokenOneKeepsTheLastGood() throws Exception {
    assertEquals(
        "s7", items(f.get("/recommendations?placement=hot")).get(1).get("sku").getAsString());
    Files.writeString(file, FILE.formatted("s11"));
    f.clock.addAndGet(CurrentModel.REFRESH_NANOS);
    assertEquals(
        "s11", items(f.get("/recommendations?placement=hot")).get(1).get("sku").getAsString());
    Files.writeString(file, "{\"placements\": {\"hot\": {\"list\": \"popular\", \"n\": 0}}}");
    f.clock.addAndGet(CurrentModel.REFRESH_NANOS);
    assertEquals(
        "s11", items(f.get("/recommendations?placement=hot")).get(1).get("sku").getAsString());
    JsonObject health = FunctionFixture.json(f.get("/healthz")).getAsJsonObject("placements");
    assertEquals(3, health.get("count").getAsInt());
    assertTrue(
        health.get("error").getAsString().contains("placement \"hot\": n must be"),
        health.toString());
  }

  @Test
  void theDemo_servesItsBundledPlacements_whenNoFileIsGiven() {
    FunctionFixture demo = new FunctionFixture(store, Map.of(FunctionConfig.DEMO, "true"));
    List<JsonObject> recommended =
        items(demo.get("/recommendations?customer=u3&n=8&placement=demo-recommended"));
    assertEquals(8, recommended.size());
    assertEquals(
        4, items(demo.get("/similar?sku=s1&n=4&same=category&placement=demo-similar")).size());
    FakeHttp.Response off =
        new FunctionFixture(store).get("/recommendations?placement=demo-similar");
    assertEquals(400, off.status, "without the demo there are no placements");
  }

  @Test
  void aFileThatAppearsLater_isLoadedAtTheNextCheck() throws IOException {
    Path later = dir.resolve("later.json");
    FunctionFixture g =
        new FunctionFixture(store, Map.of(FunctionConfig.PLACEMENTS, later.toString()));
    assertEquals(400, g.get("/recommendations?placement=hot").status);
    assertTrue(
        FunctionFixture.json(g.get("/healthz"))
            .getAsJsonObject("placements")
            .get("error")
            .getAsString()
            .startsWith("no such file"));
    Files.writeString(later, FILE.formatted("s7"));
    g.clock.addAndGet(CurrentModel.REFRESH_NANOS);
    assertEquals(3, items(g.get("/recommendations?placement=hot")).size());
  }
}
