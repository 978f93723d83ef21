package dev.alike.cli;

import dev.alike.events.IngestOptions;
import dev.alike.job.BuildReport;
import dev.alike.job.BuildRunner;
import dev.alike.job.BuildSettings;
import dev.alike.model.FitOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alike demo}: the main job end to end on the embedded store. Writes the shipped sample
 * (real purchases from UCI Online Retail, classpath folder {@code demo/sample/}, see its NOTICE.md)
 * into {@code <dir>} unless events are given, builds a model into {@code local:<dir>/store}, and
 * serves the function with its demo page, printing curl examples.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Write the Online Retail sample, build a model, and serve it locally with the demo page.")
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
      Path sample = unpack("events.jsonl.gz", dir.resolve("events.jsonl"));
      Path sampleCatalog = unpack("catalog.jsonl.gz", dir.resolve("catalog.jsonl"));
      unpack("NOTICE.md", dir.resolve("NOTICE.md"));
      long written;
      try (var lines = Files.lines(sample, StandardCharsets.UTF_8)) {
        written = lines.count();
      }
      step(
          String.format(
              "1/3 wrote %,d purchase events from UCI Online Retail (CC BY 4.0, %s): %s, catalog %s",
              written, dir.resolve("NOTICE.md"), sample, sampleCatalog));
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

  /**
   * Copies the sample file {@code name} from the classpath to {@code target}, decompressing a
   * {@code .gz}, and returns the target.
   *
   * @throws UncheckedIOException when the file is missing from the jar (a broken build)
   */
  static Path unpack(String name, Path target) throws IOException {
    String resource = "/demo/sample/" + name;
    InputStream found = DemoCommand.class.getResourceAsStream(resource);
    if (found == null) {
      throw new UncheckedIOException(new IOException("demo sample missing: " + resource));
    }
    try (InputStream in = name.endsWith(".gz") ? new GZIPInputStream(found) : found) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static void step(String line) {
    System.getLogger(DemoCommand.class.getName()).log(System.Logger.Level.INFO, line);
  }
}
