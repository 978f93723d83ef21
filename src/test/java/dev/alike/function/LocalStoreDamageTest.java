package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.store.LocalModelStore;
import dev.alike.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The function over the embedded store when its database file is damaged while serving (overwritten
 * with garbage in place): every answer within 2.5 s, degraded or 503, never a 500; and normal
 * answers again, without a restart, once a rebuild has written a good file. Also: a store opened
 * while another connection holds the database exclusively answers within its call timeout instead
 * of SQLite's busy wait.
 */
class LocalStoreDamageTest {
  private static final long BOUND_MS = 2_500;

  /** The breaker's longest interval (8 s) plus slack. */
  private static final long RECOVERY_MS = 12_000;

  @TempDir Path dir;

  @Test
  void damagedFile_answersDegradedWithinBound_andRecoversAfterARebuild() throws Exception {
    TestModels.Fitted fitted = TestModels.random(5, 300, 120, 3, 10, 10);
    try (LocalModelStore store = new LocalModelStore(dir, Duration.ofSeconds(1))) {
      TestModels.write(store, "v1", fitted, 4);
      FunctionFixture f = new FunctionFixture(store, Map.of("ALIKE_STORE", "local:" + dir));
      assertFalse(
          FunctionFixture.json(answer(f, "/recommendations?customer=u1&n=5")).has("degraded"));

      Path db = dir.resolve("alike.db");
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)"); // as a long-serving file is: all in place
      }
      byte[] garbage = new byte[(int) Files.size(db)];
      new Random(1).nextBytes(garbage);
      Files.write(db, garbage); // same file, contents gone
      int degraded = 0;
      for (int u = 2; u < 40; u++) {
        FakeHttp.Response r = answer(f, "/recommendations?customer=u" + u + "&n=5");
        if (r.status == 503 || FunctionFixture.json(r).has("degraded")) {
          degraded++;
        }
      }
      assertTrue(degraded > 0, "no answer noticed the damaged file");

      // Restored by a rebuild: a new file in place of the damaged one.
      for (String name : new String[] {"alike.db", "alike.db-wal", "alike.db-shm"}) {
        Files.deleteIfExists(dir.resolve(name));
      }
      try (LocalModelStore rebuild = new LocalModelStore(dir)) {
        TestModels.write(rebuild, "v2", fitted, 4);
      }
      long start = System.nanoTime();
      while (true) {
        FakeHttp.Response r = answer(f, "/recommendations?customer=u50&n=5");
        long waited = (System.nanoTime() - start) / 1_000_000;
        if (r.status == 200 && !FunctionFixture.json(r).has("degraded")) {
          System.err.println("LocalStoreDamageTest: recovered " + waited + " ms after the rebuild");
          break;
        }
        assertTrue(waited < RECOVERY_MS, "still degraded after " + waited + " ms: " + r.body());
        Thread.sleep(100);
      }
    }
  }

  @Test
  void storeOpenedWhileExclusivelyLocked_answersWithinItsCallTimeout() throws Exception {
    try (LocalModelStore store = new LocalModelStore(dir)) {
      TestModels.write(store, "v1", TestModels.random(5, 100, 40, 3, 10, 10), 4);
    }
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("alike.db"));
        Statement s = lock.createStatement()) {
      s.execute("PRAGMA locking_mode = EXCLUSIVE");
      s.execute("BEGIN EXCLUSIVE");
      s.execute("DELETE FROM profiles WHERE customer = 'nobody'");
      long start = System.nanoTime();
      try (LocalModelStore store = new LocalModelStore(dir, Duration.ofSeconds(1))) {
        store.current();
      } catch (StoreException e) {
        // refused within the bound: what serving then answers degraded or 503
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < BOUND_MS, "opening took " + millis + " ms");
      s.execute("ROLLBACK");
    }
  }

  /** An answer within the bound: 200 (maybe degraded) or 503, never a 500. */
  private static FakeHttp.Response answer(FunctionFixture f, String target) {
    long start = System.nanoTime();
    FakeHttp.Response r = f.get(target);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(r.status == 200 || r.status == 503, target + ": " + r.status + " " + r.body());
    assertTrue(ms < BOUND_MS, target + " took " + ms + " ms");
    return r;
  }
}
