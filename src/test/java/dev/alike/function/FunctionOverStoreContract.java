package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.alike.serving.CurrentModel;
import dev.alike.store.InMemoryModelStore;
import dev.alike.store.ModelStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The function over a real store answers exactly as over the in-memory reference store holding the
 * same model, follows a model switch, and survives a store without a model. Run against the local
 * store and the Firestore emulator.
 */
abstract class FunctionOverStoreContract {
  private static final List<String> TARGETS =
      List.of(
          "/recommendations?customer=u4&n=8",
          "/recommendations?customer=u17&n=20&category=c1",
          "/recommendations?customer=unknown&n=5",
          "/recommendations?customer=u9&with=s1:AddedToCart,s2:pv&attr.gender=female",
          "/recommendations?with=s3:view&sku=s3&same=category",
          "/similar?sku=s3&n=5",
          "/similar?sku=s7&n=10&same=category",
          "/similar?sku=no-such-sku&n=4",
          "/healthz");

  protected ModelStore store;

  protected abstract ModelStore newStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void answersEqualTheReferenceStore() {
    TestModels.Fitted fitted = TestModels.random(21, 300, 120, 3, 12, 10);
    TestModels.write(store, "v1", fitted, 4);
    InMemoryModelStore reference = new InMemoryModelStore();
    TestModels.write(reference, "v1", fitted, 4);
    FunctionFixture real = new FunctionFixture(store);
    FunctionFixture expected = new FunctionFixture(reference);
    for (String target : TARGETS) {
      FakeHttp.Response got = real.get(target);
      FakeHttp.Response want = expected.get(target);
      assertEquals(want.status, got.status, target);
      if (!target.equals("/healthz")) {
        assertEquals(
            FunctionFixture.stable(want.body()), FunctionFixture.stable(got.body()), target);
      }
    }
  }

  @Test
  void followsAModelSwitch() {
    TestModels.write(store, "v1", TestModels.random(1, 200, 80, 3, 10, 10), 4);
    FunctionFixture fixture = new FunctionFixture(store);
    String before = FunctionFixture.stable(fixture.get("/recommendations?customer=u3").body());
    TestModels.write(store, "v2", TestModels.random(2, 200, 80, 3, 10, 10), 4);
    fixture.clock.addAndGet(CurrentModel.REFRESH_NANOS + 1);
    String after = FunctionFixture.stable(fixture.get("/recommendations?customer=u3").body());
    assertEquals("v2", FunctionFixture.json(fixture.get("/healthz")).get("model").getAsString());
    assertNotEquals(before, after);
    FunctionFixture fresh = new FunctionFixture(store);
    assertEquals(FunctionFixture.stable(fresh.get("/recommendations?customer=u3").body()), after);
  }

  private static final String SECRET = "catalog-test-secret-".repeat(2);

  private static List<String> skus(FakeHttp.Response response) {
    List<String> out = new java.util.ArrayList<>();
    FunctionFixture.json(response)
        .getAsJsonArray("items")
        .forEach(i -> out.add(i.getAsJsonObject().get("sku").getAsString()));
    return out;
  }

  private static FakeHttp.Response postCatalog(FunctionFixture fixture, String body) {
    String token =
        CustomerTokens.from(Map.of(CustomerTokens.SECRET, SECRET), false)
            .mintCatalog(Instant.now().plusSeconds(60));
    return fixture.call("POST", "/catalog", body, "Authorization", "Bearer " + token);
  }

  @Test
  void catalogUpdate_showsWithinTheCheckInterval_inEveryListType() {
    TestModels.write(store, "v1", TestModels.random(3, 200, 80, 3, 10, 10), 4);
    FunctionFixture fixture =
        new FunctionFixture(
            store, Map.of(EventsConfig.CATALOG_WRITES, "true", CustomerTokens.SECRET, SECRET));
    List<String> lists =
        List.of(
            "/recommendations?customer=u4&n=8",
            "/similar?sku=s3&n=8",
            "/trending?n=8",
            "/recommendations?customer=nobody&n=8");
    Map<String, List<String>> before = new java.util.HashMap<>();
    java.util.Set<String> hidden = new java.util.TreeSet<>();
    for (String target : lists) {
      before.put(target, skus(fixture.get(target)));
      hidden.add(before.get(target).get(0));
    }
    StringBuilder off = new StringBuilder();
    hidden.forEach(
        sku -> off.append("{\"sku\": \"").append(sku).append("\", \"available\": false}\n"));
    FakeHttp.Response recorded = postCatalog(fixture, off.toString());
    assertEquals(200, recorded.status, recorded.body());
    assertEquals(hidden.size(), FunctionFixture.json(recorded).get("unavailable").getAsInt());
    for (String target : lists) {
      assertEquals(before.get(target), skus(fixture.get(target)), "within the interval: " + target);
    }
    fixture.clock.addAndGet(CurrentModel.REFRESH_NANOS + 1);
    for (String target : lists) {
      List<String> now = skus(fixture.get(target));
      assertEquals(8, now.size(), target);
      for (String sku : hidden) {
        assertTrue(!now.contains(sku), target + " still shows unavailable " + sku);
      }
    }
    JsonObject catalog = FunctionFixture.json(fixture.get("/healthz")).getAsJsonObject("catalog");
    assertEquals(hidden.size(), catalog.get("unavailable_skus").getAsInt());
    // The same store seen by a new instance (another function instance, a restart).
    FunctionFixture fresh = new FunctionFixture(store);
    for (String sku : hidden) {
      assertTrue(!skus(fresh.get("/trending?n=8")).contains(sku));
    }

    StringBuilder on = new StringBuilder();
    hidden.forEach(
        sku -> on.append("{\"sku\": \"").append(sku).append("\", \"available\": true}\n"));
    assertEquals(200, postCatalog(fixture, on.toString()).status);
    fixture.clock.addAndGet(CurrentModel.REFRESH_NANOS + 1);
    for (String target : lists) {
      assertEquals(before.get(target), skus(fixture.get(target)), "available again: " + target);
    }
  }

  @Test
  void emptyStore_healthIs503AndRequestsAre503WithRetryHint() {
    FunctionFixture fixture = new FunctionFixture(store);
    assertEquals(503, fixture.get("/healthz").status);
    FakeHttp.Response r = fixture.get("/recommendations?customer=u1");
    assertEquals(503, r.status);
    assertEquals("error", FunctionFixture.json(r).keySet().iterator().next());
  }
}
