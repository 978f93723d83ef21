package dev.alike.beam;

import dev.alike.cli.BuildCommand;
import dev.alike.cli.BuildJob;
import dev.alike.gcs.CloudStorage;
import dev.alike.job.BuildReport;
import dev.alike.job.BuildSettings;
import dev.alike.job.Failures;
import dev.alike.job.NightlyReport;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;

/**
 * {@code java -jar target/alike-dataflow.jar build --events ... [--store ...] [Beam options]}: the
 * build on Apache Beam. The flags are the single-machine build's ({@link BuildCommand}, defaults
 * from the {@code ALIKE_*} variables as the Cloud Run job reads them, {@link BuildJob#flags}, so
 * the job that launches Dataflow passes only Beam's flags); every other {@code --flag=value} goes
 * to Beam, e.g. {@code --runner=DataflowRunner --project=P --region=R --tempLocation=gs://...}.
 */
public final class BeamMain {
  private BeamMain() {}

  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals("build")) {
      System.err.println("usage: java -jar alike-dataflow.jar build --events ... [--help]");
      System.exit(2);
    }
    List<String> flags = new ArrayList<>(BuildJob.flags(System.getenv()));
    flags.addAll(Arrays.asList(args).subList(1, args.length));
    BuildCommand build = new BuildCommand();
    CommandLine cli =
        new CommandLine(build)
            .setUnmatchedArgumentsAllowed(true)
            .setOverwrittenOptionsAllowed(true);
    cli.setCommandName("build");
    try {
      cli.parseArgs(flags.toArray(new String[0]));
      if (cli.isUsageHelpRequested()) {
        cli.usage(System.out);
        System.exit(0);
      }
      PipelineOptionsFactory.register(BeamBuildOptions.class);
      PipelineOptions options =
          PipelineOptionsFactory.fromArgs(beamArgs(cli.getUnmatchedArguments())).create();
      BuildSettings settings = build.settings();
      new BeamRunner().run(settings, options, StoreOpener.DEFAULT);
      NightlyReport nightly = build.nightlyReport();
      if (nightly != null) {
        // The launcher writes it as the Cloud Run job does; Beam keeps no build report, the log
        // says how it went.
        nightly.write(
            settings.events(),
            settings.catalog(),
            LocalDate.now(ZoneOffset.UTC),
            new BuildReport(),
            CloudStorage::client);
      }
    } catch (CommandLine.ParameterException e) {
      System.err.println(e.getMessage());
      cli.usage(System.err);
      System.exit(2);
    } catch (RuntimeException e) {
      System.err.println("alike build failed: " + Failures.oneLine(e));
      System.exit(1);
    }
    System.exit(0);
  }

  /** Beam's own flags, accepting {@code --name value} as well as {@code --name=value}. */
  static String[] beamArgs(List<String> args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = camelCase(args.get(i));
      if (a.startsWith("--")
          && !a.contains("=")
          && i + 1 < args.size()
          && !args.get(i + 1).startsWith("--")) {
        out.add(a + "=" + args.get(++i));
      } else {
        out.add(a);
      }
    }
    return out.toArray(new String[0]);
  }

  /** {@code --temp-location=x} as Beam spells it, {@code --tempLocation=x}. */
  static String camelCase(String arg) {
    if (!arg.startsWith("--")) {
      return arg;
    }
    int eq = arg.indexOf('=');
    String name = eq < 0 ? arg : arg.substring(0, eq);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch == '-' && i > 1 && i + 1 < name.length()) {
        b.append(Character.toUpperCase(name.charAt(++i)));
      } else {
        b.append(ch);
      }
    }
    return eq < 0 ? b.toString() : b + arg.substring(eq);
  }
}
