package dev.alike.job;

import com.google.cloud.storage.Storage;
import dev.alike.events.EventInput;
import dev.alike.events.EventReader;
import dev.alike.events.IngestException;
import dev.alike.events.IngestReport;
import dev.alike.events.IngestResult;
import dev.alike.events.LocalInputs;
import dev.alike.gcs.CloudStorage;
import dev.alike.gcs.GcsInputs;
import dev.alike.gcs.GcsUri;
import dev.alike.model.ModelFit;
import dev.alike.realtime.LocalEventLog;
import dev.alike.store.Catalog;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one build from {@link BuildSettings}: opens the store, resolves inputs and catalog, runs the
 * {@link BuildPipeline}, and writes the report. Used by both the CLI's {@code build} and the Cloud
 * Run job, so the two cannot drift apart.
 */
public final class BuildRunner {
  private final Consumer<String> log;
  private final Supplier<Storage> storage;

  /** A runner that reads and writes gs:// locations through the process-wide client. */
  public BuildRunner(Consumer<String> log) {
    this(log, CloudStorage::client);
  }

  /**
   * A runner whose gs:// events, catalog and report go through {@code storage}, asked for only when
   * a gs:// location is used (tests pass an in-memory fake).
   */
  public BuildRunner(Consumer<String> log, Supplier<Storage> storage) {
    this.log = log;
    this.storage = storage;
  }

  /** Builds and activates a new model version; returns the report. */
  public BuildReport run(BuildSettings settings) {
    try (ModelStore store = Stores.open(settings.store(), log)) {
      return run(settings, store);
    }
  }

  /** Builds into an already open store. */
  public BuildReport run(BuildSettings settings, ModelStore store) {
    List<EventInput> inputs = resolve(withRealtimeEvents(settings));
    if (settings.checkMemory()) {
      MemoryEstimate memory = MemoryEstimate.of(inputs);
      long max = Runtime.getRuntime().maxMemory();
      log.accept(
          String.format(
              "memory: about %,d MB of heap needed for about %,d events, %,d MB available",
              memory.heapNeeded() >> 20, memory.events(), max >> 20));
      memory.check(max);
    }
    log.accept(
        String.format(
            "reading %d input(s) with %d thread(s)", inputs.size(), settings.ingest().threads()));
    Catalog catalog = Catalogs.load(settings.catalog(), storage, log);
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
    Reports.write(report, store, settings.reportUri(), storage, log);
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

  /**
   * The settings' events plus, over the local store, the folder of events that {@code POST /events}
   * appended ({@link LocalEventLog}) when it holds any file and was not named already: the local
   * counterpart of the Cloud Storage subscription writing into the events bucket.
   */
  private List<String> withRealtimeEvents(BuildSettings settings) {
    Stores.Spec spec = Stores.Spec.parse(settings.store());
    if (!spec.kind().equals("local")) {
      return settings.events();
    }
    Optional<Path> folder = LocalEventLog.inputsOf(Path.of(spec.location()));
    if (folder.isEmpty()) {
      return settings.events();
    }
    Path realtime = folder.get().toAbsolutePath().normalize();
    for (String given : settings.events()) {
      if (!GcsUri.isGcs(given) && realtime.startsWith(absolute(given))) {
        return settings.events();
      }
    }
    log.accept("including real-time events from " + folder.get());
    List<String> all = new ArrayList<>(settings.events());
    all.add(folder.get().toString());
    return all;
  }

  private static Path absolute(String path) {
    try {
      return Path.of(path).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return Path.of("/nonexistent-glob");
    }
  }

  /**
   * Local paths, directories and globs, and gs:// prefixes, in the order given.
   *
   * @throws IngestException naming a location that matches no file
   */
  private List<EventInput> resolve(List<String> specs) {
    List<EventInput> inputs = new ArrayList<>();
    for (String spec : specs) {
      if (GcsUri.isGcs(spec)) {
        List<EventInput> objects = GcsInputs.resolve(storage.get(), spec);
        if (objects.isEmpty()) {
          throw new IngestException("no event files found at " + spec);
        }
        inputs.addAll(objects);
      } else {
        inputs.addAll(LocalInputs.resolve(List.of(spec)));
      }
    }
    return inputs;
  }
}
