package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.alike.serving.CurrentModel;
import dev.alike.store.InMemoryModelStore;
import dev.alike.store.ModelStore;
import java.util.List;
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

  @Test
  void emptyStore_healthIs503AndRequestsAre503WithRetryHint() {
    FunctionFixture fixture = new FunctionFixture(store);
    assertEquals(503, fixture.get("/healthz").status);
    FakeHttp.Response r = fixture.get("/recommendations?customer=u1");
    assertEquals(503, r.status);
    assertEquals("error", FunctionFixture.json(r).keySet().iterator().next());
  }
}
