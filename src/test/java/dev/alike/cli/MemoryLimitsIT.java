package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.events.SyntheticEvents;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in a JVM with a small heap: a build too big for it fails before reading, in one
 * line; a build that runs out of memory anyway ends in one line and exit 1, and the version that
 * was current stays current.
 */
class MemoryLimitsIT {
  private static final Path JAR = Path.of("target", "alike.jar");

  @TempDir static Path dir;
  private static Path small;
  private static Path large;

  @BeforeAll
  static void events() throws Exception {
    assertTrue(Files.exists(JAR), "run after mvn package: " + JAR.toAbsolutePath());
    small = dir.resolve("small.jsonl");
    new SyntheticEvents(500, 100, 10, 10, 1).writeEvents(small);
    // About 1M events (66 MB): a build needs over 100 MB of heap, three times the 40 MB given.
    large = dir.resolve("large.jsonl");
    new SyntheticEvents(100_000, 10_000, 100, 10, 2).writeEvents(large);
  }

  @Test
  void buildTooLargeForTheHeap_failsBeforeReadingInOneLine() throws Exception {
    String store = "local:" + dir.resolve("never");
    Result r = java("-Xmx40m", "build", "--events", large.toString(), "--store", store);
    assertEquals(1, r.code, r.err);
    String line = r.lastErrLine();
    assertTrue(line.startsWith("alike: about "), r.err);
    assertTrue(line.contains("of heap needed for") && line.contains("raise -Xmx"), line);
    assertFalse(r.err.contains("\tat "), r.err);
    assertFalse(r.err.contains("events: "), "failed before reading: " + r.err);
  }

  @Test
  void outOfMemoryAnyway_endsInOneLineAndKeepsTheCurrentVersion() throws Exception {
    String store = "local:" + dir.resolve("store");
    Result first = java("-Xmx512m", "build", "--events", small.toString(), "--store", store);
    assertEquals(0, first.code, first.err);
    String before = current(store).orElseThrow().version();

    Result r =
        java(
            "-Xmx40m",
            "build",
            "--no-memory-check",
            "--events",
            large.toString(),
            "--store",
            store);
    assertEquals(1, r.code, r.err);
    assertTrue(r.lastErrLine().startsWith("alike: out of memory"), r.err);
    assertTrue(r.lastErrLine().contains("raise -Xmx"), r.err);
    assertFalse(r.err.contains("\tat "), "no stack trace: " + r.err);
    assertFalse(r.err.contains("Exception in thread"), r.err);
    assertEquals(before, current(store).orElseThrow().version());
  }

  private static Optional<ModelInfo> current(String store) {
    try (ModelStore s = Stores.open(store)) {
      return s.current();
    }
  }

  private record Result(int code, String err) {
    String lastErrLine() {
      String[] lines = err.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private static Result java(String heap, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(heap);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "build did not finish: " + command);
    return new Result(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
  }
}
