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
import dev.alike.gcs.Locations;
import dev.alike.model.FitOptions;
import dev.alike.model.ItemSimilarity;
import dev.alike.model.ModelFit;
import dev.alike.model.Similarities;
import dev.alike.realtime.LocalEventLog;
import dev.alike.realtime.RealtimeReplay;
import dev.alike.serving.Experiments;
import dev.alike.serving.Placements;
import dev.alike.serving.RecommendService;
import dev.alike.store.Catalog;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one build from {@link BuildSettings}: opens the store, resolves inputs and catalog, runs the
 * {@link BuildPipeline} for the settings' model, then builds a model per distinct similarity the
 * placements file's experiment variants name (from the same events, one after another, each
 * activated on its own), and writes the report. Used by both the CLI's {@code build} and the Cloud
 * Run job, so the two cannot drift apart.
 */
public final class BuildRunner {
  private static final System.Logger LOG = System.getLogger(BuildRunner.class.getName());

  private final Supplier<Storage> storage;
  private final NightlyReport experimentReport;

  /** A runner that reads and writes gs:// locations through the process-wide client. */
  public BuildRunner() {
    this(CloudStorage::client);
  }

  /**
   * A runner whose gs:// events, catalog and report go through {@code storage}, asked for only when
   * a gs:// location is used (tests pass an in-memory fake).
   */
  public BuildRunner(Supplier<Storage> storage) {
    this(storage, null);
  }

  /**
   * A runner that, after each successful build, writes {@code experimentReport} (null for none)
   * over the events the build read, before the build report, which records how it went.
   */
  public BuildRunner(Supplier<Storage> storage, NightlyReport experimentReport) {
    this.storage = storage;
    this.experimentReport = experimentReport;
  }

  /**
   * Thrown after the report is written when a variant model failed to build: the settings' own
   * model was activated, the failed variants keep their previous versions.
   */
  public static final class VariantsFailed extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    VariantsFailed(String message) {
      super(message);
    }
  }

  /**
   * Builds and activates a new model version (and one of each variant model); returns the report.
   *
   * @throws VariantsFailed when a variant model failed (after the report was written)
   */
  public BuildReport run(BuildSettings settings) {
    try (ModelStore store = Stores.open(settings.store(), settings.storeRetry().callTimeout())) {
      return run(settings, store);
    }
  }

  /** Builds into an already open store. */
  public BuildReport run(BuildSettings settings, ModelStore store) {
    Optional<LocalEventLog> realtime = localLog(settings);
    List<String> events = withRealtimeEvents(settings, realtime);
    List<EventInput> inputs = resolve(events);
    if (settings.checkMemory()) {
      MemoryEstimate memory = MemoryEstimate.of(inputs);
      long max = Runtime.getRuntime().maxMemory();
      log(
          String.format(
              "memory: about %,d MB of heap needed for about %,d events, %,d MB available",
              memory.heapNeeded() >> 20, memory.events(), max >> 20));
      memory.check(max);
    }
    log(
        String.format(
            "reading %d input(s) with %d thread(s)", inputs.size(), settings.ingest().threads()));
    Map<String, ItemSimilarity> variants = variants(settings);
    Catalog catalog = Catalogs.load(settings.catalog(), storage);
    BuildPipeline.Built built =
        pipeline(settings, settings.fit())
            .build(
                r -> {
                  IngestResult result = new EventReader(settings.ingest()).read(inputs);
                  record(result.report(), r);
                  log("events: " + result.report().summary());
                  return result.log();
                },
                catalog,
                store,
                settings.model());
    BuildReport report = built.report();
    if (realtime.isPresent()) {
      replay(
          report, RealtimeReplay.replay(store, realtime.get().live(), settings.ingest().weights()));
    } else if (settings.realtimeEvents() != null) {
      replay(report, replayBucket(settings, store, inputs));
    }
    if (!variants.isEmpty()) {
      keepReport(settings, store, report); // the model's report, should a variant never end
    }
    List<String> failed = buildVariants(settings, variants, built, store);
    if (experimentReport != null) {
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      report.time(
          "experiment_report",
          () -> {
            experimentReport.write(events, settings.catalog(), today, report, storage);
            return null;
          });
    }
    keepReport(settings, store, report);
    if (!failed.isEmpty()) {
      throw new VariantsFailed(
          "variant model(s) failed: "
              + String.join("; ", failed)
              + " (model "
              + settings.model()
              + " is at its new version "
              + report.count("model_version")
              + "; the failed models keep their previous versions)");
    }
    return report;
  }

  private void keepReport(BuildSettings settings, ModelStore store, BuildReport report) {
    settings
        .storeRetry()
        .run(
            "keep the build report",
            () -> {
              Reports.write(report, store, settings.reportUri(), storage);
              return null;
            });
  }

  private static BuildPipeline pipeline(BuildSettings settings, FitOptions fit) {
    return new BuildPipeline(
        new ModelFit(fit), settings.keepVersions(), settings.storeRetry(), settings.coldStart());
  }

  /**
   * The models to build after the settings' own, by model name ({@link Experiments#modelName}):
   * each distinct similarity the placements file's running experiments serve ({@link
   * Experiments#similarities}), the build's own similarity included: serving finds a variant's
   * model by its name alone, and a variant left without one would be answered degraded. (A variant
   * that sets no {@code similarity} is served by the default model and costs nothing.) Read before
   * the build, so a bad file fails the job before any work.
   *
   * @throws Placements.Invalid naming the file and the first error
   */
  private Map<String, ItemSimilarity> variants(BuildSettings settings) {
    Map<String, ItemSimilarity> out = new LinkedHashMap<>();
    if (settings.placements() == null) {
      return out;
    }
    String text;
    try (InputStream in = Locations.open(settings.placements(), storage)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read placements " + settings.placements() + ": " + e.getMessage(), e);
    }
    // The file as serving reads it (checked whole, similarities included): its running
    // experiments' similarities are the models serving will ask for.
    Placements file = Placements.parse(text, settings.placements(), RecommendService.LIST_TYPES);
    for (String spec : file.experiments().similarities()) {
      ItemSimilarity similarity = Similarities.parse(spec);
      String model = Experiments.modelName(spec);
      if (!model.equals(settings.model())) {
        out.putIfAbsent(model, similarity);
      }
    }
    log(
        "placements "
            + settings.placements()
            + ": "
            + (out.isEmpty() ? "no variant models to build" : "variant models " + out.keySet()));
    return out;
  }

  /**
   * Builds each variant model from what the settings' model's build computed, one after another;
   * records each model's version and times under {@code models} in the report. A variant that fails
   * is recorded and the next one is built.
   *
   * @return "model: reason" of each variant that failed
   */
  private List<String> buildVariants(
      BuildSettings settings,
      Map<String, ItemSimilarity> variants,
      BuildPipeline.Built built,
      ModelStore store) {
    BuildReport report = built.report();
    Map<String, Object> models = new LinkedHashMap<>();
    String previous = String.valueOf(report.count("model_version"));
    models.put(settings.model(), report.model());
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, ItemSimilarity> v : variants.entrySet()) {
      String model = v.getKey();
      String version = BuildPipeline.versionAfter(previous);
      previous = version;
      log("building model " + model + " (similarity " + v.getValue().name() + ")");
      try {
        BuildReport variant =
            pipeline(settings, settings.fit().withSimilarity(v.getValue()))
                .buildModel(model, version, built.shared(), store);
        models.put(model, variant.model());
        log("model " + model + ": version " + version + " active, " + variant.stages());
      } catch (RuntimeException e) {
        String why = Failures.oneLine(e);
        LOG.log(System.Logger.Level.ERROR, "model " + model + " failed: " + why, e);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("similarity", v.getValue().name());
        entry.put("error", why);
        models.put(model, entry);
        failed.add(model + ": " + why);
      }
    }
    report.detail("models", models);
    return failed;
  }

  /**
   * Records what the replay of uncounted real-time events did, and logs it when it did anything.
   */
  private void replay(BuildReport report, RealtimeReplay.Replayed r) {
    report.count("realtime_replayed_events", r.events());
    report.count("realtime_replayed_updates", r.updates());
    report.count("realtime_replay_already_applied", r.alreadyApplied());
    report.count("realtime_replay_rejected", r.rejected());
    report.count("realtime_replay_without_batch", r.withoutBatch());
    if (r.events() + r.rejected() + r.withoutBatch() > 0) {
      log(
          String.format(
              "real-time events accepted during the build, replayed into the new profiles: %,d"
                  + " events, %,d profiles updated, %,d already held them, %,d rejected lines,"
                  + " %,d without a batch id (counted by the next build)",
              r.events(), r.updates(), r.alreadyApplied(), r.rejected(), r.withoutBatch()));
    }
  }

  /**
   * Waits for the events subscription to write out what was accepted during the build, then replays
   * every real-time file this build did not read.
   */
  private RealtimeReplay.Replayed replayBucket(
      BuildSettings settings, ModelStore store, List<EventInput> read) {
    long wait = settings.realtimeWaitSeconds();
    if (wait > 0) {
      log(
          "waiting "
              + wait
              + " s for the events subscription to write the events accepted during the build");
      try {
        Thread.sleep(wait * 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted before replaying real-time events; the next build counts them", e);
      }
    }
    Set<String> counted = new HashSet<>();
    read.forEach(input -> counted.add(input.name()));
    RealtimeReplay.Replayed done = RealtimeReplay.NONE;
    for (EventInput file : GcsInputs.resolve(storage.get(), settings.realtimeEvents())) {
      if (counted.contains(file.name())) {
        continue;
      }
      try (InputStream in = file.open()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        done = done.plus(RealtimeReplay.replay(store, text, settings.ingest().weights()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file.name() + " to replay it", e);
      }
    }
    return done;
  }

  /** The real-time event log of a local store; empty over Firestore. */
  private static Optional<LocalEventLog> localLog(BuildSettings settings) {
    Stores.Spec spec = Stores.Spec.parse(settings.store());
    return spec.kind().equals("local")
        ? Optional.of(new LocalEventLog(Path.of(spec.location())))
        : Optional.empty();
  }

  private static void record(IngestReport ingest, BuildReport report) {
    report.count("input_files", ingest.files());
    report.count("input_bytes", ingest.bytes());
    report.count("lines_read", ingest.lines());
    report.count("events_accepted", ingest.accepted());
    report.count("events_rejected", ingest.rejectedTotal());
    report.count("events_unattributed", ingest.unattributed()); // malformed attribution, dropped
    report.detail("rejected_by_reason", ingest.rejected());
    report.detail("rejected_samples", ingest.samples());
  }

  /**
   * The settings' events plus, over the local store, the real-time event files that {@code POST
   * /events} appended ({@link LocalEventLog}), closed now so that what this build counts is exactly
   * those files (unless they were named already): the local counterpart of the Cloud Storage
   * subscription writing into the events bucket.
   */
  private List<String> withRealtimeEvents(
      BuildSettings settings, Optional<LocalEventLog> realtime) {
    if (realtime.isEmpty()) {
      return settings.events();
    }
    List<Path> closed = realtime.get().rotate();
    if (closed.isEmpty()) {
      return settings.events();
    }
    Path folder = closed.get(0).getParent().toAbsolutePath().normalize();
    for (String given : settings.events()) {
      if (!GcsUri.isGcs(given) && folder.startsWith(absolute(given))) {
        return settings.events();
      }
    }
    log("including " + closed.size() + " real-time event file(s) from " + folder);
    List<String> all = new ArrayList<>(settings.events());
    closed.forEach(p -> all.add(p.toString()));
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
    return resolve(specs, storage);
  }

  /** {@link #resolve(List)} through {@code storage}: the one way job inputs are named. */
  static List<EventInput> resolve(List<String> specs, Supplier<Storage> storage) {
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

  /** A progress line: plain on the command line, Cloud Logging's JSON in the Cloud Run job. */
  static void log(String line) {
    LOG.log(System.Logger.Level.INFO, line);
  }
}
