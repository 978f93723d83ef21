package dev.alike;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real datasets in {@code ../shared/data} (see its SOURCES.md), which tests read in place and
 * never copy. Where a file is absent the test is skipped with a loud {@code SHARED DATA NOT FOUND}
 * line naming it, which {@code .ci/run} collects, as it does for the emulators.
 */
public final class SharedData {
  private static final Path ROOT = Path.of("..", "shared", "data");

  private SharedData() {}

  /**
   * The readable file at {@code relative} below {@code ../shared/data}; skips the calling test
   * (with the loud line) where it is absent.
   */
  public static Path require(String relative) {
    Path file = ROOT.resolve(relative);
    if (!Files.isReadable(file)) {
      String caller =
          StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().toString();
      System.err.println("SHARED DATA NOT FOUND: " + file + ": " + caller + " skipped");
    }
    assumeTrue(Files.isReadable(file), "shared data not present: " + file);
    return file;
  }
}
