package dev.alike.simulate;

import dev.alike.events.IngestOptions;
import dev.alike.experiment.AttributionRule;
import dev.alike.experiment.LiftReport;
import dev.alike.function.FunctionConfig;
import dev.alike.function.LocalServer;
import dev.alike.function.StoreFactory;
import dev.alike.gcs.CloudStorage;
import dev.alike.job.BuildReport;
import dev.alike.job.BuildRunner;
import dev.alike.job.BuildSettings;
import dev.alike.job.ExperimentReport;
import dev.alike.job.StoreRetry;
import dev.alike.model.ColdStart;
import dev.alike.model.FitOptions;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole loop on this machine: builds the training part of a shop's history into a fresh local
 * store, serves it over HTTP with an experiment on one placement, lets {@link ShopSimulator}'s
 * customers use it, and reports what each variant earned from the answers the server recorded and
 * the events it accepted, as {@code alike report} does.
 */
public final class Simulation {
  /**
   * What to simulate.
   *
   * @param dir working directory: the store, the placements file, the reports (must be empty)
   * @param catalog catalog for the build and the report's prices, or null
   * @param placements the placements file served: the plan's, or one of the caller's
   * @param out report.json's path
   * @param html the dashboard's path, or null
   */
  public record Settings(
      Path dir,
      ShopHistory history,
      String catalog,
      String placements,
      ShopSimulator.Settings simulator,
      String out,
      String html) {}

  /** What was sent and what the report found. */
  public record Result(ShopSimulator.Run sent, LiftReport.Report report) {}

  private Simulation() {}

  /** The working directory's store ({@code <dir>/store}), where answers and events are recorded. */
  public static Path storeDir(Path dir) {
    return dir.resolve("store");
  }

  /**
   * Writes {@code plan} as {@code <dir>/placements.json} and returns its path.
   *
   * @throws IOException when it cannot be written
   */
  public static String write(ExperimentPlan plan, Path dir) throws IOException {
    Path file = dir.resolve("placements.json");
    Files.writeString(file, plan.json());
    return file.toString();
  }

  /**
   * Builds, serves, simulates and reports.
   *
   * @throws IllegalArgumentException when {@code dir} already holds a store (its old answers would
   *     be reported with the new ones)
   * @throws Exception when a step fails
   */
  public static Result run(Settings settings) throws Exception {
    Path store = storeDir(settings.dir());
    if (Files.exists(store)) {
      throw new IllegalArgumentException(
          store + " exists: a simulation needs a fresh store; use another --dir");
    }
    String spec = "local:" + store;
    BuildReport built =
        new BuildRunner()
            .run(
                new BuildSettings(
                    List.of(settings.history().trainEvents().toString()),
                    settings.catalog(),
                    spec,
                    FitOptions.defaults(),
                    IngestOptions.defaults(),
                    null,
                    BuildSettings.DEFAULT_KEEP_VERSIONS,
                    true,
                    null,
                    0,
                    StoreRetry.DEFAULT,
                    ColdStart.defaults(),
                    ModelStore.DEFAULT_MODEL,
                    settings.placements())); // the variants' models too, as the job builds them
    log("built model " + built.count("model_version") + " into " + spec);
    ShopSimulator.Run sent = serveAndSimulate(settings, spec);
    // Reported over the same span the simulated days stand for; the run itself is far shorter.
    Duration since = Duration.ofDays(settings.simulator().days());
    LiftReport.Report report =
        new ExperimentReport(CloudStorage::client)
            .run(
                new ExperimentReport.Settings(
                    List.of(store.resolve("answers").toString()),
                    List.of(store.resolve("realtime").toString()),
                    settings.catalog(),
                    since,
                    AttributionRule.DEFAULT,
                    ExperimentPlan.HOLDOUT,
                    settings.out(),
                    settings.html()));
    return new Result(sent, report);
  }

  /** Serves the store on a free port for as long as the simulated days take. */
  private static ShopSimulator.Run serveAndSimulate(Settings settings, String spec)
      throws Exception {
    // The function's settings come from here only, not from this process's environment: a
    // simulation never publishes to a topic or reads a store it was not given.
    FunctionConfig config =
        FunctionConfig.from(Map.of()).withStore(spec).withPlacements(settings.placements());
    SimulatedClock clock =
        new SimulatedClock(settings.simulator().days(), System::currentTimeMillis);
    try (ModelStore opened = StoreFactory.standard(config.deadlines()).open(spec);
        LocalServer server = LocalServer.start(config, opened, 0, clock)) {
      String base = "http://localhost:" + server.port();
      log("serving on " + base + " with placements " + settings.placements());
      return new ShopSimulator(settings.simulator())
          .run(new ShopClient(base), settings.history(), clock);
    }
  }

  private static void log(String line) {
    System.getLogger(Simulation.class.getName()).log(System.Logger.Level.INFO, line);
  }
}
