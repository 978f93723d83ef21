package dev.alike.cli;

import dev.alike.job.Failures;
import java.util.List;
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
    description = "Item-to-item recommendations for online shops.")
public final class Main {
  /** Every command, in the order {@code --help} lists them. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          DemoCommand.class,
          BuildCommand.class,
          ServeCommand.class,
          QueryCommands.Recommend.class,
          QueryCommands.Similar.class,
          NeighborsCommand.class,
          ExportCommand.class,
          ReportCommand.class,
          SimulateCommand.class,
          VersionCommands.ListVersions.class,
          VersionCommands.Activate.class,
          CatalogUpdateCommand.class,
          TokenCommand.class,
          GenerateCommand.class,
          BenchCommand.class,
          EvaluateCommand.class,
          EvaluateColdStartCommand.class);

  private Main() {}

  public static void main(String[] args) {
    Failures.exitOnOutOfMemory("alike: ");
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    // picocli reflects over every option of every command it is given (~0.1 s for all of them):
    // a command run by name gets only its own model; --help and mistakes get every command.
    Class<?> named = args.length > 0 ? command(args[0]) : null;
    for (Class<?> command : named != null ? List.of(named) : COMMANDS) {
      cli.addSubcommand(command);
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true); // --split user, --list-norm max
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
          cmd.getErr().println("alike: " + Failures.oneLine(ex));
          return 1;
        });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands Exceptions to the handler above but lets Errors through.
      cli.getErr().println("alike: " + Failures.oneLine(e));
      return 1;
    }
  }

  /** The command named {@code name}, or null. */
  private static Class<?> command(String name) {
    for (Class<?> command : COMMANDS) {
      if (command.getAnnotation(Command.class).name().equals(name)) {
        return command;
      }
    }
    return null;
  }
}
