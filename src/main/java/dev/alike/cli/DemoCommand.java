package dev.alike.cli;

import dev.alike.events.IngestOptions;
import dev.alike.events.SyntheticEvents;
import dev.alike.job.BuildReport;
import dev.alike.job.BuildRunner;
import dev.alike.job.BuildSettings;
import dev.alike.model.FitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alike demo}: the main job end to end on the embedded store. Generates sample events and a
 * catalog (unless given), builds a model into {@code local:<dir>/store}, and serves the function
 * with its demo page, printing curl examples.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate sample events, build a model, and serve it locally with the demo page.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      defaultValue = "alike-data/demo",
      description = "Working directory (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--events", description = "Your own events instead of generated ones.")
  List<String> events;

  @Option(names = "--catalog", description = "Catalog for your own events.")
  String catalog;

  @Option(
      names = "--customers",
      defaultValue = "5000",
      description = "Generated customers (default ${DEFAULT-VALUE}).")
  int customers;

  @Option(
      names = "--skus",
      defaultValue = "400",
      description = "Generated SKUs (default ${DEFAULT-VALUE}).")
  int skus;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--no-serve", description = "Build only; do not start the server.")
  boolean noServe;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(dir);
    List<String> inputs = events;
    String catalogPath = catalog;
    if (inputs == null) {
      Path sample = dir.resolve("events.jsonl");
      Path sampleCatalog = dir.resolve("catalog.jsonl");
      SyntheticEvents generator =
          new SyntheticEvents(customers, skus, Math.max(1, skus / 25), 10, 42);
      long written = generator.writeEvents(sample);
      generator.writeCatalog(sampleCatalog);
      step(
          String.format(
              "1/3 generated %,d sample events: %s, catalog %s", written, sample, sampleCatalog));
      inputs = List.of(sample.toString());
      catalogPath = sampleCatalog.toString();
    }
    String store = "local:" + dir.resolve("store");
    BuildSettings settings =
        new BuildSettings(
            inputs,
            catalogPath,
            store,
            FitOptions.defaults(),
            IngestOptions.defaults(),
            null,
            BuildSettings.DEFAULT_KEEP_VERSIONS,
            true);
    BuildReport report = new BuildRunner().run(settings);
    step(
        String.format(
            "2/3 built model %s into %s: %s customers, %s SKUs, %s neighbour entries",
            report.count("model_version"),
            store,
            report.count("customers"),
            report.count("skus"),
            report.count("neighbor_entries")));
    if (noServe) {
      return 0;
    }
    step("3/3 serving; open http://localhost:" + port + "/demo/ in a browser");
    return new CommandLine(new ServeCommand())
        .execute("--store", store, "--port", Integer.toString(port), "--demo");
  }

  private static void step(String line) {
    System.getLogger(DemoCommand.class.getName()).log(System.Logger.Level.INFO, line);
  }
}
