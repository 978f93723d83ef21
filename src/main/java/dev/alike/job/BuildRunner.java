package dev.alike.job;

import dev.alike.events.EventInput;
import dev.alike.events.EventReader;
import dev.alike.events.IngestReport;
import dev.alike.events.IngestResult;
import dev.alike.events.LocalInputs;
import dev.alike.model.ModelFit;
import dev.alike.store.Catalog;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one build from {@link BuildSettings}: opens the store, resolves inputs and catalog, runs the
 * {@link BuildPipeline}, and writes the report. Used by both the CLI's {@code build} and the Cloud
 * Run job, so the two cannot drift apart.
 */
public final class BuildRunner {
  private final Consumer<String> log;

  public BuildRunner(Consumer<String> log) {
    this.log = log;
  }

  /** Builds and activates a new model version; returns the report. */
  public BuildReport run(BuildSettings settings) {
    try (ModelStore store = Stores.open(settings.store(), log)) {
      return run(settings, store);
    }
  }

  /** Builds into an already open store. */
  public BuildReport run(BuildSettings settings, ModelStore store) {
    List<EventInput> inputs = resolve(settings.events());
    log.accept(
        String.format(
            "reading %d input(s) with %d thread(s)", inputs.size(), settings.ingest().threads()));
    Catalog catalog = Catalogs.load(settings.catalog(), log);
    BuildPipeline pipeline =
        new BuildPipeline(new ModelFit(settings.fit()), settings.keepVersions(), log);
    BuildReport report =
        pipeline.run(
            r -> {
              IngestResult result = new EventReader(settings.ingest()).read(inputs);
              record(result.report(), r);
              log.accept("events: " + result.report().summary());
              return result.log();
            },
            catalog,
            store);
    Reports.write(report, store, settings.reportUri(), log);
    return report;
  }

  private static void record(IngestReport ingest, BuildReport report) {
    report.count("input_files", ingest.files());
    report.count("input_bytes", ingest.bytes());
    report.count("lines_read", ingest.lines());
    report.count("events_accepted", ingest.accepted());
    report.count("events_rejected", ingest.rejectedTotal());
    report.detail("rejected_by_reason", ingest.rejected());
    report.detail("rejected_samples", ingest.samples());
  }

  /** Local paths, directories and globs, and gs:// prefixes. */
  static List<EventInput> resolve(List<String> specs) {
    List<EventInput> inputs = new ArrayList<>();
    List<String> local = new ArrayList<>();
    for (String spec : specs) {
      if (spec.startsWith("gs://")) {
        inputs.addAll(CloudInputs.resolve(spec));
      } else {
        local.add(spec);
      }
    }
    if (!local.isEmpty()) {
      inputs.addAll(LocalInputs.resolve(local));
    }
    return inputs;
  }
}
