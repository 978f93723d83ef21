package dev.alike.job;

import com.google.cloud.storage.Storage;
import dev.alike.events.EventFormat;
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
import dev.alike.store.Catalog;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    List<EventInput> inputs = resolve(settings.events());
    CompletableFuture<String> c1 = c1(settings.jit(), inputs);
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
    report.count("jit", compilers(c1));
    Reports.write(report, store, settings.reportUri(), storage, log);
    return report;
  }

  /**
   * Starts C1-only compilation if {@code mode} wants it for inputs of this size (logged), without
   * waiting for it; null if the JVM's default stays.
   */
  private CompletableFuture<String> c1(JitMode mode, List<EventInput> inputs) {
    long bytes = estimatedBytes(inputs);
    if (!mode.c1For(bytes)) {
      return null;
    }
    log.accept(
        String.format(
            "JIT: C1 only for alike's code (%s; about %,d MB of events%s)",
            mode == JitMode.C1 ? "--jit c1" : "auto",
            bytes >> 20,
            mode == JitMode.AUTO ? ", under " + (JitMode.AUTO_C1_BELOW_BYTES >> 20) + " MB" : ""));
    return QuickCompilation.apply();
  }

  /** "c1" or "tiered", for the report; logs why C1 only could not be set, if so. */
  private String compilers(CompletableFuture<String> c1) {
    if (c1 == null) {
      return "tiered";
    }
    String failed;
    try {
      failed = c1.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      failed = String.valueOf(e.getCause() != null ? e.getCause() : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed = "interrupted";
    }
    if (failed != null) {
      log.accept("JIT: C1 only could not be set, the build ran with the JVM's default: " + failed);
      return "tiered";
    }
    return "c1";
  }

  /**
   * The inputs' bytes, gzipped ones times {@link JitMode#GZIP_RATIO}; unknown sizes count as huge.
   */
  static long estimatedBytes(List<EventInput> inputs) {
    long bytes = 0;
    for (EventInput input : inputs) {
      if (input.size() < 0) {
        return Long.MAX_VALUE;
      }
      long size =
          EventFormat.gzipped(input.name()) ? input.size() * JitMode.GZIP_RATIO : input.size();
      bytes = size > Long.MAX_VALUE - bytes ? Long.MAX_VALUE : bytes + size;
    }
    return bytes;
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
