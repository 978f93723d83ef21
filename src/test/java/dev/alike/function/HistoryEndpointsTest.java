package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alike.store.CustomerProfile;
import dev.alike.store.InMemoryModelStore;
import dev.alike.store.ModelInfo;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import dev.alike.store.VersionDocuments;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /buy-again} and {@code /recently-viewed} through the function, in-process. */
class HistoryEndpointsTest {
  private static final long DAY = 86_400;
  private static final String CUSTOMER = "c/日本";
  private static final String Q = URLEncoder.encode(CUSTOMER, StandardCharsets.UTF_8);

  @TempDir Path dir;

  private static SkuDocument doc(String sku, String category, double rebuy) {
    return new SkuDocument(sku, category, Map.of(), List.of(), List.of(), rebuy, 30 * DAY);
  }

  /** Milk and tea rebought, a sofa nobody rebuys; the customer bought milk, sofa and tea/ü. */
  private static InMemoryModelStore store() {
    long now = Instant.now().getEpochSecond();
    InMemoryModelStore store = new InMemoryModelStore();
    store.writeVersion(
        new ModelInfo("v1", Instant.now(), 5),
        VersionDocuments.of(
            List.of(
                doc("milk", "food", 0.5),
                doc("tea/ü", "food", 0.2),
                doc("sofa", "home", 0),
                doc("lamp", "home", 0),
                doc("cup", "food", 0.9)),
            List.of(new Neighbor("cup", 3, "food", Map.of()))));
    store.activate("v1", 2);
    store.replaceProfiles(
        List.of(
                new CustomerProfile(
                    CUSTOMER,
                    Map.of("milk", 6.0, "tea/ü", 6.0, "sofa", 6.0, "lamp", 0.5, "cup", 0.5),
                    Map.of(
                        "milk", now - 60 * DAY,
                        "tea/ü", now - 90 * DAY,
                        "lamp", now - 100,
                        "cup", now - 50),
                    Map.of("milk", now - 60 * DAY, "tea/ü", now - 90 * DAY, "sofa", now - DAY),
                    List.of()))
            .iterator());
    return store;
  }

  private static List<String> skus(FakeHttp.Response r) {
    assertEquals(200, r.status, r.body());
    List<String> out = new ArrayList<>();
    for (JsonElement e : FunctionFixture.json(r).getAsJsonArray("items")) {
      JsonObject item = e.getAsJsonObject();
      out.add(item.get("sku").getAsString() + ":" + item.get("source").getAsString());
    }
    return out;
  }

  @Test
  void buyAgain_listsRebuyableSkusByRate_neverOneNobodyRebuys_getEqualsPost() {
    FunctionFixture f = new FunctionFixture(store());
    FakeHttp.Response get = f.get("/buy-again?customer=" + Q + "&n=10");
    assertEquals(List.of("milk:buy_again", "tea/ü:buy_again"), skus(get));
    assertEquals(List.of("private, no-store"), get.headers.get("Cache-Control"));
    FakeHttp.Response post = f.post("/buy-again", "{\"customer\":\"" + CUSTOMER + "\",\"n\":10}");
    assertEquals(FunctionFixture.stable(get.body()), FunctionFixture.stable(post.body()));
    assertEquals(List.of("milk:buy_again"), skus(f.get("/buy-again?customer=" + Q + "&n=1")));
    assertEquals(
        List.of("tea/ü:buy_again"), skus(f.get("/buy-again?customer=" + Q + "&exclude=milk,sofa")));
    assertEquals(List.of(), skus(f.get("/buy-again?customer=" + Q + "&category=home")));
  }

  @Test
  void recentlyViewed_isNewestFirst_purchasesLeftOut_scoreIsTheEpochSecond() {
    FunctionFixture f = new FunctionFixture(store());
    FakeHttp.Response r = f.get("/recently-viewed?customer=" + Q);
    assertEquals(List.of("cup:recently_viewed", "lamp:recently_viewed"), skus(r));
    String score =
        FunctionFixture.json(r)
            .getAsJsonArray("items")
            .get(0)
            .getAsJsonObject()
            .get("score")
            .toString();
    assertEquals(Instant.now().getEpochSecond() - 50, Long.parseLong(score), 60);
    assertEquals(
        List.of("lamp:recently_viewed"),
        skus(
            f.post(
                "/recently-viewed",
                "{\"customer\":\"" + CUSTOMER + "\",\"filter\":{\"category\":\"home\"}}")));
  }

  @Test
  void unknownOrEmptyCustomer_getsAnEmptyList_notPopular() {
    FunctionFixture f = new FunctionFixture(store());
    assertEquals(List.of(), skus(f.get("/buy-again?customer=nobody")));
    assertEquals(List.of(), skus(f.get("/recently-viewed?customer=nobody")));
  }

  @Test
  void realTimeEvents_showInBothListsAtOnce() {
    InMemoryModelStore store = store();
    FunctionFixture f = new FunctionFixture(store, Map.of(FunctionConfig.STORE, "local:" + dir));
    long now = Instant.now().getEpochSecond();
    String view =
        "{\"events\":[{\"customer\":\""
            + CUSTOMER
            + "\",\"sku\":\"milk\",\"event\":\"view\"},"
            + "{\"customer\":\""
            + CUSTOMER
            + "\",\"sku\":\"new/ü\",\"event\":\"view\",\"ts\":"
            + (now + 5)
            + "}]}";
    assertEquals(202, f.post("/events", view).status);
    // milk stays out (bought before); the new SKU, unknown to the version, leads.
    assertEquals(
        List.of("new/ü:recently_viewed", "cup:recently_viewed", "lamp:recently_viewed"),
        skus(f.get("/recently-viewed?customer=" + Q)));
    String buy =
        "{\"events\":[{\"customer\":\"" + CUSTOMER + "\",\"sku\":\"cup\",\"event\":\"purchase\"}]}";
    assertEquals(202, f.post("/events", buy).status);
    assertEquals(
        List.of("new/ü:recently_viewed", "lamp:recently_viewed"),
        skus(f.get("/recently-viewed?customer=" + Q)));
    // Just bought: cup waits behind milk and tea, which are due.
    assertEquals(
        List.of("milk:buy_again", "tea/ü:buy_again", "cup:buy_again"),
        skus(f.get("/buy-again?customer=" + Q)));
  }

  @Test
  void badRequests_are400NamingTheField_andPreflightAnswers() {
    FunctionFixture f = new FunctionFixture(store());
    String[][] cases = {
      {"GET", "/buy-again", null, "customer", "customer is required"},
      {"GET", "/recently-viewed?customer=", null, "customer", "customer is required"},
      {"GET", "/buy-again?customer=c&sku=s1", null, "sku", "unknown parameter \"sku\""},
      {
        "GET",
        "/recently-viewed?customer=c&n=0",
        null,
        "n",
        "n must be an integer in 1..100, was \"0\""
      },
      {"GET", "/buy-again?customer=c&customer=d", null, "customer", "customer given 2 times"},
      {"POST", "/buy-again", "{\"n\":3}", "customer", "customer is required"},
      {
        "POST",
        "/recently-viewed",
        "{\"customer\":\"c\",\"with\":1}",
        "with",
        "unknown field \"with\""
      },
      {
        "POST",
        "/buy-again",
        "{\"customer\":\"c\",\"filter\":{\"same\":\"category\"}}",
        "filter.same",
        "unknown filter \"same\""
      },
      {"POST", "/recently-viewed", "[1]", "body", "body must be a JSON object"},
    };
    for (String[] c : cases) {
      FakeHttp.Response r = f.call(c[0], c[1], c[2]);
      assertEquals(400, r.status, c[1] + " " + r.body());
      JsonObject error = FunctionFixture.json(r).getAsJsonObject("error");
      assertEquals(c[3], error.get("field").getAsString(), c[1]);
      assertEquals(c[4], error.get("message").getAsString(), c[1]);
    }
    assertEquals(405, f.call("PUT", "/buy-again?customer=c", null).status);
    FakeHttp.Response preflight = f.call("OPTIONS", "/recently-viewed", null);
    assertEquals(204, preflight.status);
    assertEquals(
        List.of("GET, POST, OPTIONS"), preflight.headers.get("Access-Control-Allow-Methods"));
  }

  @Test
  void tokenMode_needsTheCustomersToken_asForRecommendations() {
    FunctionFixture guarded = new FunctionFixture(store(), TokenModeTest.ENV);
    for (String path : List.of("/buy-again", "/recently-viewed")) {
      FakeHttp.Response none = guarded.get(path + "?customer=" + Q);
      assertEquals(401, none.status, none.body());
      assertEquals(List.of("Bearer"), none.headers.get("WWW-Authenticate"));
      String other = TokenModeTest.MINT.mint("c1", Instant.now().plusSeconds(600));
      assertEquals(401, guarded.get(path + "?customer=" + Q + "&token=" + other).status);
      String token = TokenModeTest.MINT.mint(CUSTOMER, Instant.now().plusSeconds(600));
      FakeHttp.Response ok = guarded.get(path + "?customer=" + Q + "&token=" + token);
      assertEquals(200, ok.status, ok.body());
      FakeHttp.Response post =
          guarded.post(path, "{\"customer\":\"" + CUSTOMER + "\",\"token\":\"" + token + "\"}");
      assertEquals(FunctionFixture.stable(ok.body()), FunctionFixture.stable(post.body()));
    }
  }
}
