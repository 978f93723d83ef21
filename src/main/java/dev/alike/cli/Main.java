package dev.alike.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code alike} command line: {@code java -jar target/alike.jar <command> --help}. Unknown
 * commands or flags print usage and exit with code 2; failures print a one-line reason and exit
 * with code 1.
 */
@Command(
    name = "alike",
    mixinStandardHelpOptions = true,
    version = "alike 0.1.0",
    description = "Item-to-item recommendations for online shops.",
    subcommands = {
      DemoCommand.class,
      BuildCommand.class,
      ServeCommand.class,
      QueryCommands.Recommend.class,
      QueryCommands.Similar.class,
      NeighborsCommand.class,
      ExportCommand.class,
      VersionCommands.ListVersions.class,
      VersionCommands.Activate.class,
      GenerateCommand.class,
      BenchCommand.class,
      EvaluateCommand.class
    })
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    // picocli's default prints only "Did you mean ...?" for a near miss; always add the usage.
    cli.setParameterExceptionHandler(
        (ex, rest) -> {
          CommandLine cmd = ex.getCommandLine();
          cmd.getErr().println(ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
          cmd.usage(cmd.getErr());
          return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("alike: " + oneLine(ex));
          return 1;
        });
    return cli.execute(args);
  }

  private static String oneLine(Throwable ex) {
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    return message.replace('\n', ' ');
  }
}
