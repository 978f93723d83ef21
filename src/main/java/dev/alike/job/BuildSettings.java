package dev.alike.job;

import dev.alike.events.IngestOptions;
import dev.alike.model.ColdStart;
import dev.alike.model.FitOptions;
import dev.alike.store.ModelStore;
import java.util.List;

/**
 * Everything one build needs, from the flags of {@code alike build} (which the Cloud Run job sets
 * from its environment).
 *
 * @param events paths, directories, globs or gs://bucket/prefix URIs
 * @param catalog optional catalog (JSON Lines, local or gs://); null for none
 * @param store {@code local:<dir>}, {@code firestore} or {@code firestore:<database>}
 * @param reportUri optional extra place for the JSON report (local path or gs://); null for none
 * @param keepVersions finished model versions kept after a switch
 * @param checkMemory whether to fail before reading when the heap is estimated too small for the
 *     events ({@link MemoryEstimate}); off only when the estimate is known to be too cautious
 * @param realtimeEvents gs:// prefix where the events subscription writes real-time event files, or
 *     null: after replacing the profiles the build replays the files there that it did not read
 *     (events accepted while it ran). The local store's log needs no setting.
 * @param realtimeWaitSeconds how long to wait before listing {@code realtimeEvents}: the
 *     subscription's longest file duration plus a margin, so that every event accepted during the
 *     build is in a file by then
 * @param storeRetry each store call's bound and the tries of each store step ({@link StoreRetry})
 * @param coldStart which SKUs get content neighbours from the catalog ({@link ColdStart})
 * @param model the store's model the build writes ({@link ModelStore#DEFAULT_MODEL} unless an
 *     experiment's variant is built by hand)
 * @param placements optional placements file (local or gs://): after its own model the build builds
 *     one model per distinct similarity its experiments' variants name; null for none
 */
public record BuildSettings(
    List<String> events,
    String catalog,
    String store,
    FitOptions fit,
    IngestOptions ingest,
    String reportUri,
    int keepVersions,
    boolean checkMemory,
    String realtimeEvents,
    long realtimeWaitSeconds,
    StoreRetry storeRetry,
    ColdStart coldStart,
    String model,
    String placements) {

  /** Current plus one to roll back to. */
  public static final int DEFAULT_KEEP_VERSIONS = 2;

  public BuildSettings {
    if (events == null || events.isEmpty()) {
      throw new IllegalArgumentException("no events input given");
    }
    events = List.copyOf(events);
    if (keepVersions < 1) {
      throw new IllegalArgumentException("keep versions must be >= 1, was " + keepVersions);
    }
    if (realtimeEvents != null && !realtimeEvents.startsWith("gs://")) {
      throw new IllegalArgumentException(
          "real-time events location \"" + realtimeEvents + "\" is not a gs:// prefix");
    }
    if (realtimeWaitSeconds < 0) {
      throw new IllegalArgumentException(
          "real-time wait must be >= 0 seconds, was " + realtimeWaitSeconds);
    }
    java.util.Objects.requireNonNull(storeRetry, "storeRetry");
    java.util.Objects.requireNonNull(coldStart, "coldStart");
    ModelStore.modelName(model);
  }

  /** Settings of the default model, without a placements file. */
  public BuildSettings(
      List<String> events,
      String catalog,
      String store,
      FitOptions fit,
      IngestOptions ingest,
      String reportUri,
      int keepVersions,
      boolean checkMemory,
      String realtimeEvents,
      long realtimeWaitSeconds,
      StoreRetry storeRetry,
      ColdStart coldStart) {
    this(
        events,
        catalog,
        store,
        fit,
        ingest,
        reportUri,
        keepVersions,
        checkMemory,
        realtimeEvents,
        realtimeWaitSeconds,
        storeRetry,
        coldStart,
        ModelStore.DEFAULT_MODEL,
        null);
  }

  /** Settings with {@link ColdStart#defaults()}. */
  public BuildSettings(
      List<String> events,
      String catalog,
      String store,
      FitOptions fit,
      IngestOptions ingest,
      String reportUri,
      int keepVersions,
      boolean checkMemory,
      String realtimeEvents,
      long realtimeWaitSeconds,
      StoreRetry storeRetry) {
    this(
        events,
        catalog,
        store,
        fit,
        ingest,
        reportUri,
        keepVersions,
        checkMemory,
        realtimeEvents,
        realtimeWaitSeconds,
        storeRetry,
        ColdStart.defaults());
  }

  /** Settings with {@link StoreRetry#DEFAULT}. */
  public BuildSettings(
      List<String> events,
      String catalog,
      String store,
      FitOptions fit,
      IngestOptions ingest,
      String reportUri,
      int keepVersions,
      boolean checkMemory,
      String realtimeEvents,
      long realtimeWaitSeconds) {
    this(
        events,
        catalog,
        store,
        fit,
        ingest,
        reportUri,
        keepVersions,
        checkMemory,
        realtimeEvents,
        realtimeWaitSeconds,
        StoreRetry.DEFAULT);
  }

  /** Settings without a real-time events bucket. */
  public BuildSettings(
      List<String> events,
      String catalog,
      String store,
      FitOptions fit,
      IngestOptions ingest,
      String reportUri,
      int keepVersions,
      boolean checkMemory) {
    this(events, catalog, store, fit, ingest, reportUri, keepVersions, checkMemory, null, 0);
  }
}
