package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alike.store.CustomerProfile;
import dev.alike.store.InMemoryModelStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo storefront's routes: served only with {@code ALIKE_DEMO=true}, nothing else changes. */
class DemoPageTest {
  private static final List<String> DEMO_PATHS =
      List.of(
          "/demo",
          "/demo/",
          "/demo/demo.js",
          "/demo/demo.css",
          "/demo/catalog.jsonl",
          "/demo/customers");

  private InMemoryModelStore store;
  private FunctionFixture off;
  private FunctionFixture on;

  @BeforeEach
  void setUp() {
    store = TestModels.store(3);
    off = new FunctionFixture(store);
    on = new FunctionFixture(store, Map.of(FunctionConfig.DEMO, "true"));
  }

  @Test
  void demoOff_everyDemoPathIs404() {
    for (String path : DEMO_PATHS) {
      FakeHttp.Response r = off.get(path);
      assertEquals(404, r.status, path);
      assertEquals(RecommendFunction.JSON, r.contentType, path);
      assertTrue(r.body().contains("no such path"), path + ": " + r.body());
    }
  }

  @Test
  void demoOn_servesPageAndAssetsWithTheirTypes() {
    FakeHttp.Response page = on.get("/demo/");
    assertEquals(200, page.status);
    assertEquals("text/html; charset=utf-8", page.contentType);
    assertTrue(page.body().contains("<script src=\"demo.js\""), page.body());
    assertTrue(page.body().contains("aria-live"), "errors are announced");

    FakeHttp.Response js = on.get("/demo/demo.js");
    assertEquals(200, js.status);
    assertEquals("text/javascript; charset=utf-8", js.contentType);
    assertTrue(js.body().contains("'recommendations'"), "the page calls the public API");

    FakeHttp.Response css = on.get("/demo/demo.css");
    assertEquals(200, css.status);
    assertEquals("text/css; charset=utf-8", css.contentType);
    assertTrue(css.body().contains(":focus-visible"), "focus stays visible");
  }

  @Test
  void demoOn_catalog_isTheShippedSampleDecompressed_withTitles() {
    FakeHttp.Response r = on.get("/demo/catalog.jsonl");
    assertEquals(200, r.status);
    assertEquals("application/jsonl; charset=utf-8", r.contentType);
    List<String> lines = r.body().lines().toList();
    assertEquals(300, lines.size());
    assertTrue(
        lines.contains(
            "{\"sku\":\"22698\",\"title\":\"Pink Regency Teacup And Saucer\","
                + "\"category\":\"tableware\"}"),
        lines.get(0));
  }

  @Test
  void demoOn_bareDemo_redirectsToTheSlash() {
    FakeHttp.Response r = on.get("/demo");
    assertEquals(308, r.status);
    assertEquals("demo/", r.header("Location"));
    assertEquals("", r.body());
  }

  @Test
  void demoOn_unknownPaths_stay404() {
    for (String path : List.of("/demo/nope", "/demo/index.html", "/demox", "/demo/customers/x")) {
      FakeHttp.Response r = on.get(path);
      assertEquals(404, r.status, path);
      assertEquals(RecommendFunction.JSON, r.contentType, path);
    }
  }

  @Test
  void demoOn_otherMethods_are405() {
    FakeHttp.Response r = on.post("/demo/customers", "{}");
    assertEquals(405, r.status);
    assertEquals("GET", r.header("Allow"));
  }

  @Test
  void demoOn_customers_areTheMostActive_sortedById() {
    FakeHttp.Response r = on.get("/demo/customers");
    assertEquals(200, r.status);
    assertEquals(RecommendFunction.JSON, r.contentType);
    List<String> shown = new ArrayList<>();
    for (JsonElement e : FunctionFixture.json(r).getAsJsonArray("customers")) {
      JsonObject c = e.getAsJsonObject();
      String id = c.get("customer").getAsString();
      assertEquals(store.profile(id).orElseThrow().scores().size(), c.get("skus").getAsInt(), id);
      shown.add(id);
    }
    List<CustomerProfile> all = new ArrayList<>();
    for (Iterator<CustomerProfile> it = store.profiles(); it.hasNext(); ) {
      all.add(it.next());
    }
    List<String> expected =
        all.stream()
            .sorted(
                Comparator.<CustomerProfile>comparingInt(p -> -p.scores().size())
                    .thenComparing(CustomerProfile::customer))
            .limit(DemoPage.CUSTOMERS)
            .map(CustomerProfile::customer)
            .sorted()
            .toList();
    assertEquals(expected, shown);
  }

  @Test
  void demoOn_apiAnswersUnchanged() {
    for (String target :
        List.of(
            "/recommendations?customer=u4&n=8",
            "/similar?sku=s3&n=5&same=category",
            "/recommendations?n=0",
            "/nothing")) {
      FakeHttp.Response a = off.get(target);
      FakeHttp.Response b = on.get(target);
      assertEquals(a.status, b.status, target);
      String body = a.status == 200 ? FunctionFixture.stable(a.body()) : a.body();
      String other = b.status == 200 ? FunctionFixture.stable(b.body()) : b.body();
      assertEquals(body, other, target);
    }
  }

  @Test
  void demoOn_crossOriginCallers_getCorsHeadersOnDemoPathsToo() {
    FunctionFixture cors =
        new FunctionFixture(
            store,
            Map.of(
                FunctionConfig.DEMO, "true", FunctionConfig.ALLOWED_ORIGINS, "http://shop.test"));
    FakeHttp.Response r = cors.get("/demo/customers", "Origin", "http://shop.test");
    assertEquals(200, r.status);
    assertEquals("http://shop.test", r.header("Access-Control-Allow-Origin"));
  }
}
