package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.alike.store.LocalModelStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The function over the embedded store while another process's connection holds the database's
 * write lock (a stuck writer): reads go on (WAL mode), and {@code POST /events} answers 202 within
 * 2.5 s, since the appended event log is the commit, instead of waiting for the lock (two minutes
 * of busy timeout); the profile update is left to finish or to the next build.
 */
class LocalStoreOutageTest {
  @TempDir Path dir;

  @Test
  void heldWriteLock_eventsAnsweredWithinBound_readsUnaffected() throws Exception {
    try (LocalModelStore store = new LocalModelStore(dir)) {
      TestModels.write(store, "v1", TestModels.random(5, 200, 80, 3, 10, 10), 4);
      FunctionFixture f = new FunctionFixture(store, Map.of("ALIKE_STORE", "local:" + dir));
      try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("alike.db"));
          Statement s = lock.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        s.execute("DELETE FROM profiles WHERE customer = 'nobody'");
        for (int i = 0; i < 3; i++) {
          long start = System.nanoTime();
          FakeHttp.Response r =
              f.post(
                  "/events",
                  "{\"events\":[{\"customer\":\"u1\",\"sku\":\"s3\",\"event\":\"view\"}]}");
          long ms = (System.nanoTime() - start) / 1_000_000;
          assertEquals(202, r.status, r.body());
          assertTrue(ms < 2_500, "events answered in " + ms + " ms");
        }
        JsonObject answer = FunctionFixture.json(ok(f, "/recommendations?customer=u2&n=5"));
        assertFalse(answer.has("degraded"), answer.toString());
        s.execute("ROLLBACK");
      }
    }
  }

  private static FakeHttp.Response ok(FunctionFixture f, String target) {
    long start = System.nanoTime();
    FakeHttp.Response r = f.get(target);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(200, r.status, target + ": " + r.body());
    assertTrue(ms < 2_500, target + " took " + ms + " ms");
    return r;
  }
}
