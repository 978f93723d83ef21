package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.job.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MainTest {
  private static final List<String> COMMANDS =
      List.of(
          "demo",
          "build",
          "serve",
          "recommend",
          "similar",
          "export",
          "versions",
          "activate",
          "generate",
          "bench",
          "evaluate");

  static List<String> commands() {
    return COMMANDS;
  }

  private static Captured run(String... args) throws Exception {
    return Captured.run(() -> Main.run(args));
  }

  @Test
  void unknownCommand_exitsTwoWithUsageOnStderr() throws Exception {
    Captured run = run("frobnicate");
    assertEquals(2, run.code(), run.both());
    assertTrue(run.err().contains("frobnicate"), run.both());
    assertTrue(run.err().contains("Usage: alike"), run.both());
    assertEquals("", run.out());
  }

  @Test
  void unknownFlag_exitsTwoWithTheCommandsUsageOnStderr() throws Exception {
    Captured run = run("versions", "--bogus");
    assertEquals(2, run.code(), run.both());
    assertTrue(run.err().contains("--bogus"), run.both());
    assertTrue(run.err().contains("Usage: alike versions"), run.both());
  }

  @Test
  void missingRequiredOption_exitsTwoNamingIt() throws Exception {
    Captured run = run("build");
    assertEquals(2, run.code(), run.both());
    assertTrue(run.err().contains("--events"), run.both());
  }

  @Test
  void topLevelHelp_listsEveryCommand() throws Exception {
    Captured run = run("--help");
    assertEquals(0, run.code(), run.both());
    for (String command : COMMANDS) {
      assertTrue(run.out().contains("  " + command + " "), command + " missing:\n" + run.out());
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void help_exitsZeroForEveryCommand(String command) throws Exception {
    Captured run = run(command, "--help");
    assertEquals(0, run.code(), run.both());
    assertTrue(run.out().contains("Usage: alike " + command), run.both());
    assertEquals("", run.err());
  }
}
