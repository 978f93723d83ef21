package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.events.IngestOptions;
import dev.alike.model.ColdStart;
import dev.alike.model.FitOptions;
import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job killed (SIGKILL) during a variant model's build leaves the default model at the version the
 * same run activated and the variant at its previous version; the next run completes both.
 */
class VariantKillIT {
  @TempDir Path dir;

  /**
   * The child: one job run over {@code args[0]} (store), {@code args[1]} (events), {@code args[2]}
   * (placements); with {@code args[3] = "hang"} it stops before the variant's switch, the version
   * written, and waits to be killed.
   */
  public static void main(String[] args) throws Exception {
    boolean hang = args[3].equals("hang");
    AtomicInteger activations = new AtomicInteger();
    BuildSettings settings =
        new BuildSettings(
            List.of(args[1]),
            null,
            "local:" + args[0],
            FitOptions.defaults().withK(10).withThreads(2),
            IngestOptions.defaults().withThreads(2),
            null,
            BuildSettings.DEFAULT_KEEP_VERSIONS,
            true,
            null,
            0,
            StoreRetry.DEFAULT,
            ColdStart.defaults(),
            ModelStore.DEFAULT_MODEL,
            args[2]);
    try (LocalModelStore local = new LocalModelStore(Path.of(args[0]))) {
      ModelStore store =
          StoreProxy.of(
              local,
              method -> {
                if (hang && method.equals("activate") && activations.incrementAndGet() == 2) {
                  System.out.println("variant written");
                  System.out.flush();
                  Thread.sleep(600_000);
                }
              });
      new BuildRunner().run(settings, store);
    }
    System.out.println("done");
  }

  private Process child(Path events, Path placements, String mode) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            VariantKillIT.class.getName(),
            dir.resolve("store").toString(),
            events.toString(),
            placements.toString(),
            mode)
        .redirectErrorStream(true)
        .start();
  }

  private static boolean printed(Process p, String line) throws Exception {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = out.readLine(); l != null; l = out.readLine()) {
        if (l.equals(line)) {
          return true;
        }
      }
    }
    return false;
  }

  private String current(String model) {
    try (LocalModelStore s = new LocalModelStore(dir.resolve("store"))) {
      return s.current(model).map(ModelInfo::version).orElse("none");
    }
  }

  @Test
  void killedDuringAVariant_leavesDefaultAtTheNewVersion_andTheVariantAtItsPrevious()
      throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Path placements =
        Files.writeString(
            dir.resolve("placements.json"),
            "{\"placements\": {\"home\": {\"list\": \"for-you\"}}, \"experiments\": {\"x\":"
                + " {\"placements\": [\"home\"], \"variants\": {"
                + "\"a\": {\"share\": 0.5}, \"b\": {\"share\": 0.5, \"similarity\": \"tfidf\"}}}}}");
    Process first = child(events, placements, "complete");
    assertTrue(printed(first, "done") && first.waitFor(60, TimeUnit.SECONDS), "first run");
    String defaultBefore = current(ModelStore.DEFAULT_MODEL);
    String tfidfBefore = current("tfidf");
    assertNotEquals("none", tfidfBefore);

    Process killed = child(events, placements, "hang");
    try {
      assertTrue(printed(killed, "variant written"), "reached the variant's switch");
    } finally {
      killed.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
    }
    String defaultAfter = current(ModelStore.DEFAULT_MODEL);
    assertTrue(defaultAfter.compareTo(defaultBefore) > 0, defaultAfter + " after " + defaultBefore);
    assertEquals(tfidfBefore, current("tfidf"));
    try (var c =
            java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("store").resolve("alike.db"));
        var q = c.prepareStatement("SELECT report FROM versions WHERE version = ?")) {
      q.setString(1, defaultAfter);
      try (var r = q.executeQuery()) {
        assertTrue(
            r.next() && r.getString(1) != null,
            "the default model's report is kept before the variants are built");
      }
    }

    Process rerun = child(events, placements, "complete");
    assertTrue(printed(rerun, "done") && rerun.waitFor(60, TimeUnit.SECONDS), "rerun");
    assertTrue(current("tfidf").compareTo(tfidfBefore) > 0);
    try (LocalModelStore s = new LocalModelStore(dir.resolve("store"))) {
      assertEquals(2, s.versions("tfidf").size(), "the killed run's version pruned as any other");
      assertEquals(2, s.versions().size());
    }
  }
}
