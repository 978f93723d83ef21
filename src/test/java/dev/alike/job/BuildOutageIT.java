package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.FirestoreOptions;
import dev.alike.cli.BuildJob;
import dev.alike.model.FitOptions;
import dev.alike.store.FirestoreEmulatorExtension;
import dev.alike.store.FirestoreEmulatorExtension.Emulator;
import dev.alike.store.FirestoreModelStore;
import dev.alike.store.FirestoreSettings;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.Stores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cloud Run job's process ({@link BuildJob}, from the packaged jar) against a Firestore
 * emulator of this test's own that is paused ({@code SIGSTOP}) while the build runs: the build ends
 * within its bound (two tries of 3 s calls) with exit 1 and one line, the current version and what
 * it serves unchanged; once the emulator is resumed a rebuild succeeds and switches. Killed ({@code
 * SIGKILL}) during a build instead, the build fails the same way, and once the emulator is
 * restarted (empty) on the same port a rebuild succeeds.
 */
class BuildOutageIT {
  private static final Path JAR = Path.of("target", "alike.jar");

  /**
   * Two tries of 3 s plus a 2 s pause per step, the profile and version steps one after the other
   * at worst (16 s), JVM start and slack for a loaded 2-core machine.
   */
  private static final long BOUND_MS = 45_000;

  @TempDir Path dir;
  private Emulator emulator;

  @AfterEach
  void stopEmulator() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void pausedStore_buildFailsInOneLineWithinBound_servingUnchanged_rebuildAfterResumeSwitches()
      throws Exception {
    assertTrue(Files.exists(JAR), "run after mvn package: " + JAR.toAbsolutePath());
    emulator = FirestoreEmulatorExtension.startOwn(0);
    Assumptions.assumeTrue(emulator.host() != null, "FIRESTORE EMULATOR NOT FOUND");
    String project = "alike-build-outage";
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    try (ModelStore store = open(project)) {
      BuildSettings settings =
          new BuildSettings(
              List.of(events.toString()),
              null,
              "firestore",
              FitOptions.defaults(),
              dev.alike.events.IngestOptions.defaults(),
              null,
              2,
              true);
      new BuildRunner().run(settings, store);
      String v1 = store.current().orElseThrow().version();
      List<Neighbor> popular = store.popular(v1);

      assertBuildFailsInOneLineWithinBound(project, "STOP");

      emulator.signal("CONT");
      assertEquals(v1, store.current().orElseThrow().version(), "serving unchanged");
      assertEquals(popular, store.popular(v1), "the current version's documents intact");

      // The resumed emulator on a loaded machine may take seconds a call: the default bounds.
      Run rebuilt = build(project, Map.of(), null, () -> {});
      assertEquals(0, rebuilt.code, rebuilt.err);
      assertNotEquals(v1, store.current().orElseThrow().version());
    }
  }

  @Test
  void killedStore_buildFailsInOneLineWithinBound_rebuildAfterRestartSucceeds() throws Exception {
    assertTrue(Files.exists(JAR), "run after mvn package: " + JAR.toAbsolutePath());
    emulator = FirestoreEmulatorExtension.startOwn(0);
    Assumptions.assumeTrue(emulator.host() != null, "FIRESTORE EMULATOR NOT FOUND");
    String project = "alike-build-killed";
    EventFiles.writeSmall(dir.resolve("events.jsonl"));

    // SIGKILL of the emulator's Java process: a crashed backend, the port refusing connections.
    assertBuildFailsInOneLineWithinBound(project, "KILL");

    // Restarted on the same port, empty, as a crashed emulator comes back.
    int port = URI.create("http://" + emulator.host()).getPort();
    emulator.close();
    emulator = FirestoreEmulatorExtension.startOwn(port);
    Run rebuilt = build(project, Map.of(), null, () -> {});
    assertEquals(0, rebuilt.code, rebuilt.err);
    try (ModelStore store = open(project)) {
      assertTrue(store.current().isPresent(), "a version is current after the rebuild");
    }
  }

  /**
   * Runs a build with two tries of 3 s calls and sends {@code signal} to the emulator once it reads
   * its events: exit 1 within {@link #BOUND_MS} of the signal, one failure line naming the tries,
   * no stack trace.
   */
  private void assertBuildFailsInOneLineWithinBound(String project, String signal)
      throws Exception {
    Run run =
        build(
            project,
            Map.of("ALIKE_STORE_TIMEOUT", "3s", "ALIKE_STORE_ATTEMPTS", "2"),
            "reading ",
            () -> emulator.signal(signal));
    System.err.println(
        "BuildOutageIT: build after SIG" + signal + " ended in " + run.millis + " ms:\n" + run.err);
    assertEquals(1, run.code, run.err);
    assertTrue(run.millis < BOUND_MS, "ended " + run.millis + " ms after the fault");
    List<String> failures = run.lines("alike build failed: ");
    assertEquals(1, failures.size(), run.err);
    assertTrue(failures.get(0).contains("after 2 attempt(s)"), failures.get(0));
    assertFalse(run.err.contains("\tat "), "no stack trace: " + run.err);
  }

  private ModelStore open(String project) {
    return new FirestoreModelStore(
        FirestoreOptions.newBuilder()
            .setProjectId(project)
            .setEmulatorHost(emulator.host())
            .setRetrySettings(Stores.rpcBound(java.time.Duration.ofSeconds(20)))
            .build()
            .getService(),
        FirestoreSettings.defaults());
  }

  private record Run(int code, String err, long millis) {
    List<String> lines(String prefix) {
      return err.lines().filter(l -> l.startsWith(prefix)).toList();
    }
  }

  /**
   * Runs the job's process; when its stderr shows {@code trigger}, runs {@code fault} and times the
   * rest of the run from then.
   */
  private Run build(String project, Map<String, String> bounds, String trigger, Runnable fault)
      throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            JAR.toString(),
            BuildJob.class.getName());
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("ALIKE_"));
    env.put("FIRESTORE_EMULATOR_HOST", emulator.host());
    env.put("GOOGLE_CLOUD_PROJECT", project);
    env.put("ALIKE_STORE", "firestore");
    env.put("ALIKE_EVENTS", dir.resolve("events.jsonl").toString());
    env.putAll(bounds);
    Process p = pb.start();
    StringBuilder err = new StringBuilder();
    CountDownLatch triggered = new CountDownLatch(trigger == null ? 0 : 1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  synchronized (err) {
                    err.append(line).append('\n');
                  }
                  if (trigger != null && line.contains(trigger)) {
                    triggered.countDown();
                  }
                }
              } catch (java.io.IOException e) {
                // the process ended
              }
            });
    reader.start();
    long start = System.nanoTime();
    if (trigger != null) {
      assertTrue(triggered.await(120, TimeUnit.SECONDS), "no \"" + trigger + "\" line: " + err);
      fault.run();
      start = System.nanoTime();
    }
    boolean ended = p.waitFor(3, TimeUnit.MINUTES);
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (!ended) {
      p.destroyForcibly();
    }
    reader.join(10_000);
    assertTrue(ended, "build still running after 3 minutes: " + err);
    List<String> copy = new ArrayList<>();
    synchronized (err) {
      copy.add(err.toString());
    }
    return new Run(p.exitValue(), copy.get(0), millis);
  }
}
