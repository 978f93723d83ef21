package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.job.Captured;
import dev.alike.job.EventFiles;
import dev.alike.store.LocalModelStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job over the embedded store when its database cannot be written: held locked by another
 * connection (a stuck writer), or not a database at all (a damaged file; unlike a {@code chmod
 * 000}, which root ignores, this denies every user). Each ends with exit 1 and one line within its
 * bound (two tries of 1 s waits), and a locked store keeps serving the version it had.
 */
class LocalBuildFaultsTest {
  /** Two tries of 1 s busy waits per step plus a 2 s pause, with slack for a loaded machine. */
  private static final long BOUND_MS = 20_000;

  @TempDir Path dir;

  private Captured build(Path events, Path store) throws Exception {
    return Captured.run(
        () ->
            BuildJob.run(
                Map.of(
                    "ALIKE_EVENTS",
                    events.toString(),
                    "ALIKE_STORE",
                    "local:" + store,
                    "ALIKE_STORE_TIMEOUT",
                    "1s",
                    "ALIKE_STORE_ATTEMPTS",
                    "2")));
  }

  private static void assertOneLineFailure(Captured run, long millis) {
    assertEquals(1, run.code(), run.both());
    List<String> failures =
        run.err().lines().filter(l -> l.startsWith("alike build failed: ")).toList();
    assertEquals(1, failures.size(), run.both());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.both());
    assertTrue(millis < BOUND_MS, "ended after " + millis + " ms: " + run.both());
  }

  @Test
  void lockedDatabase_buildEndsInOneLineWithinBound_currentVersionKept() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Path store = dir.resolve("store");
    assertEquals(0, build(events, store).code());
    String before;
    try (LocalModelStore s = new LocalModelStore(store)) {
      before = s.current().orElseThrow().version();
    }
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + store.resolve("alike.db"));
        Statement s = lock.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      s.execute("DELETE FROM profiles WHERE customer = 'nobody'");
      long start = System.nanoTime();
      Captured run = build(events, store);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertOneLineFailure(run, millis);
      assertTrue(run.err().contains("after 2 attempt(s)"), run.both());
      assertTrue(run.err().contains("locked"), run.both());
      s.execute("ROLLBACK");
    }
    try (LocalModelStore s = new LocalModelStore(store)) {
      assertEquals(before, s.current().orElseThrow().version());
    }
  }

  @Test
  void databaseFileNotADatabase_buildEndsInOneLineWithinBound() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Path store = Files.createDirectories(dir.resolve("store"));
    Files.write(
        store.resolve("alike.db"), "not a database\n".repeat(500).getBytes(StandardCharsets.UTF_8));
    long start = System.nanoTime();
    Captured run = build(events, store);
    assertOneLineFailure(run, (System.nanoTime() - start) / 1_000_000);
    assertTrue(run.err().contains("alike.db"), "names the file: " + run.both());
  }
}
