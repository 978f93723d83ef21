package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) while it writes a version or switches to it leaves the previous
 * version current and readable, and a rerun completes. The child is a real JVM writing through
 * {@link LocalModelStore}; it is killed at random points of its writing.
 */
class LocalStoreKillIT {
  private static final int DOCS = 20_000;

  @TempDir Path dir;

  /**
   * The child: writes and activates version {@code args[1]} of DOCS documents in {@code args[0]}.
   */
  public static void main(String[] args) {
    try (LocalModelStore store = new LocalModelStore(Path.of(args[0]))) {
      List<SkuDocument> docs = ModelStoreContract.docs("s", DOCS);
      System.out.println("writing");
      System.out.flush();
      store.writeVersion(
          ModelStoreContract.info(args[1], DOCS),
          VersionDocuments.of(docs, List.of(new Neighbor("s0", 1.0, null, null))));
      store.activate(args[1], 2);
      System.out.println("activated");
    }
  }

  private Process child(String version) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            LocalStoreKillIT.class.getName(),
            dir.toString(),
            version)
        .redirectErrorStream(true)
        .start();
  }

  @Test
  void killedWriter_leavesThePreviousVersionCurrent_andARerunCompletes() throws Exception {
    Process first = child("v1");
    assertTrue(first.waitFor(120, TimeUnit.SECONDS) && first.exitValue() == 0, "v1 written");
    SplittableRandom random = new SplittableRandom(7);
    int killedBeforeActivation = 0;
    String expected = "v1";
    String killed = null;
    for (int round = 0; round < 5; round++) {
      String version = "v2-" + round;
      Process p = child(version);
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("writing", out.readLine());
      Thread.sleep(random.nextInt(20, 600));
      p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
      p.waitFor(30, TimeUnit.SECONDS);
      try (LocalModelStore store = new LocalModelStore(dir)) {
        String current = store.current().orElseThrow().version();
        boolean activated = current.equals(version);
        if (!activated) {
          killedBeforeActivation++;
          killed = version;
          assertEquals(expected, current);
          // A kill between finish() and activate() leaves a finished version that is not
          // current (as a build run without activation does); it must then be whole.
          if (store.versions().stream().anyMatch(v -> v.version().equals(version))) {
            assertEquals(DOCS, countDocuments(store, version), "a listed version is complete");
          }
        } else {
          expected = version; // the kill came after the switch
        }
        assertEquals(DOCS, countDocuments(store, current), "the current version is complete");
      }
    }
    assertTrue(killedBeforeActivation > 0, "at least one kill came before the switch");
    Process rerun = child(killed);
    assertTrue(rerun.waitFor(120, TimeUnit.SECONDS) && rerun.exitValue() == 0, "rerun");
    try (LocalModelStore store = new LocalModelStore(dir)) {
      assertEquals(killed, store.current().orElseThrow().version());
      assertEquals(DOCS, countDocuments(store, killed));
    }
  }

  private static int countDocuments(LocalModelStore store, String version) {
    int[] n = {0};
    store.forEachSku(version, d -> n[0]++);
    return n[0];
  }
}
