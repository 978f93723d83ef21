package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alike.events.IngestOptions;
import dev.alike.model.FitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C1-only directive against this JVM's real DiagnosticCommand MBean. Each test removes what it
 * added, so the rest of the suite runs with the JVM's own policy.
 */
class QuickCompilationTest {
  /** How the directive shows in {@code Compiler.directives_print}. */
  private static final String MATCH = "dev/alike/*.*";

  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void hotSpotOnly() {
    String vm = System.getProperty("java.vm.name", "");
    if (!vm.contains("HotSpot") && !vm.contains("OpenJDK")) {
      System.err.println(
          "QuickCompilationTest SKIPPED: compiler directives need HotSpot, not " + vm);
    }
    assumeTrue(vm.contains("HotSpot") || vm.contains("OpenJDK"));
    QuickCompilation.remove(); // an earlier build in this JVM may have added it
  }

  @AfterEach
  void restoreTheJvmPolicy() {
    QuickCompilation.remove();
    assertFalse(QuickCompilation.print().contains(MATCH), "directive left in place");
  }

  @Test
  void apply_addsOneC2ExclusionForAlikesCode_oncePerProcess() {
    assertFalse(QuickCompilation.print().contains(MATCH));
    CompletableFuture<String> first = QuickCompilation.apply();
    assertNull(first.join(), "the JVM refused the directive");
    assertSame(first, QuickCompilation.apply());
    String directives = QuickCompilation.print();
    int at = directives.indexOf(MATCH);
    assertTrue(at >= 0, directives);
    assertEquals(at, directives.lastIndexOf(MATCH), "added once: " + directives);
    String c2 = directives.substring(directives.indexOf("c2 directives", at));
    assertTrue(
        c2.substring(0, c2.indexOf('\n', c2.indexOf("Exclude:"))).contains("Exclude:true"), c2);
  }

  @Test
  void c1Build_setsTheDirectiveAndReportsIt() throws Exception {
    BuildReport report = new BuildRunner(log::add).run(settings(JitMode.C1));
    assertEquals("c1", report.count("jit"));
    assertTrue(QuickCompilation.print().contains(MATCH));
    assertTrue(
        log.stream().anyMatch(l -> l.startsWith("JIT: C1 only for alike's code (--jit c1")),
        log.toString());
  }

  @Test
  void autoBuildOfSmallInput_choosesC1() throws Exception {
    BuildReport report = new BuildRunner(log::add).run(settings(JitMode.AUTO));
    assertEquals("c1", report.count("jit"));
    assertTrue(QuickCompilation.print().contains(MATCH));
    assertTrue(
        log.stream().anyMatch(l -> l.contains("(auto; about 0 MB of events, under 256 MB)")),
        log.toString());
  }

  @Test
  void tieredBuild_changesNothing() throws Exception {
    BuildReport report = new BuildRunner(log::add).run(settings(JitMode.TIERED));
    assertEquals("tiered", report.count("jit"));
    assertFalse(QuickCompilation.print().contains(MATCH));
    assertTrue(log.stream().noneMatch(l -> l.startsWith("JIT:")), log.toString());
  }

  private BuildSettings settings(JitMode jit) throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    assertTrue(Files.size(events) > 0);
    return new BuildSettings(
        List.of(events.toString()),
        null,
        "local:" + dir.resolve("store"),
        FitOptions.defaults().withK(10).withThreads(2),
        IngestOptions.defaults().withThreads(2),
        null,
        BuildSettings.DEFAULT_KEEP_VERSIONS,
        jit);
  }
}
