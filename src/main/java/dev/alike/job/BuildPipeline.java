package dev.alike.job;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.alike.events.EventType;
import dev.alike.model.BoughtTogether;
import dev.alike.model.ColdStart;
import dev.alike.model.CustomerHistory;
import dev.alike.model.EventLog;
import dev.alike.model.InteractionMatrix;
import dev.alike.model.ItemModel;
import dev.alike.model.ModelFit;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import dev.alike.model.ProductText;
import dev.alike.model.RepurchaseRates;
import dev.alike.model.Similarities;
import dev.alike.model.TrendingSkus;
import dev.alike.store.Catalog;
import dev.alike.store.CatalogDocuments;
import dev.alike.store.FirestoreCost;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.ProfileColumns;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * The batch build, top to bottom: read events, score interactions, find each SKU's neighbours,
 * weigh them for scoring (a regression for EASE), give SKUs with few or no customers content
 * neighbours from the catalog ({@link ColdStart}), invert the lists, pick popular and trending
 * SKUs, count what is bought together, write a new model version, and switch serving to it. Each
 * step is timed into the {@link BuildReport}. Serving switches only after every write succeeded;
 * each store step is tried again when the store fails ({@link StoreRetry}). An experiment's variant
 * model ({@link #buildModel}) reuses everything of a build but the similarity and what follows from
 * it.
 */
public final class BuildPipeline {
  /** Reads the events of one build and records ingestion counts in the report. */
  @FunctionalInterface
  public interface EventStage {
    EventLog read(BuildReport report);
  }

  private static final DateTimeFormatter VERSION =
      DateTimeFormatter.ofPattern("'v'yyyyMMdd'-'HHmmss'-'SSS").withZone(ZoneOffset.UTC);

  /**
   * The id of a version whose build started at {@code started}, e.g. {@code v20261128-101055-853}:
   * ids sort as the builds started.
   */
  public static String versionId(Instant started) {
    return VERSION.format(started);
  }

  /**
   * Length of the stored trending list: a home-page row with a category or attribute filter still
   * finds a few, while the version record stays far below Firestore's 1 MiB beside the popular
   * list.
   */
  static final int TRENDING_LIMIT = 200;

  private final ModelFit fit;
  private final int keepVersions;
  private final StoreRetry retry;
  private final ColdStart coldStart;

  /** A pipeline whose store steps are tried as {@link StoreRetry#DEFAULT} says. */
  public BuildPipeline(ModelFit fit, int keepVersions) {
    this(fit, keepVersions, StoreRetry.DEFAULT);
  }

  /**
   * @param keepVersions finished versions kept after a switch (2: the current one and one to roll
   *     back to)
   * @param retry how often the store steps (version writes, profile sync, switch) are tried
   */
  public BuildPipeline(ModelFit fit, int keepVersions, StoreRetry retry) {
    this(fit, keepVersions, retry, ColdStart.defaults());
  }

  /**
   * @param coldStart which SKUs get content neighbours from the catalog, and how they mix in
   */
  public BuildPipeline(ModelFit fit, int keepVersions, StoreRetry retry, ColdStart coldStart) {
    if (keepVersions < 1) {
      throw new IllegalArgumentException("versions to keep must be >= 1, was " + keepVersions);
    }
    this.fit = fit;
    this.keepVersions = keepVersions;
    this.retry = retry;
    this.coldStart = coldStart;
  }

  /**
   * What every model of one build shares, computed once from the events and the catalog: a variant
   * model ({@link #buildModel}) differs only in its similarity.
   *
   * @param started when the build started: every model's {@link ModelInfo#createdAt}, since all
   *     read the catalog of that moment
   */
  public record Shared(
      Instant started,
      InteractionMatrix matrix,
      Catalog catalog,
      PopularSkus popular,
      PopularSkus trending,
      RepurchaseRates rebuy,
      BoughtTogether.Lists together) {}

  /** A build's report and what a variant build of the same run reuses. */
  public record Built(BuildReport report, Shared shared) {}

  /**
   * Runs every step for the default model; returns the report with the new version's id under
   * {@code model_version}.
   */
  public BuildReport run(EventStage events, Catalog catalog, ModelStore store) {
    return build(events, catalog, store, ModelStore.DEFAULT_MODEL).report();
  }

  /**
   * Runs every step, writing and activating a version of model {@code model} and replacing the
   * customer profiles (shared by every model).
   */
  public Built build(EventStage events, Catalog catalog, ModelStore store, String model) {
    ModelStore.modelName(model);
    BuildReport report = new BuildReport();
    Instant started = Instant.now();
    EventLog log = report.time("read_events", () -> events.read(report));
    InteractionMatrix matrix =
        report.time("interactions", () -> withCatalogSkus(fit.interactions(log), catalog, report));
    String version = versionId(started);
    note(
        "interactions: %,d customers x %,d SKUs, %,d entries",
        matrix.customerCount(), matrix.skuCount(), matrix.nnz());
    // Profiles need only the interactions: they are written on a second thread while the reverse
    // lists are computed and the model is written, filling the core those serial stages leave
    // idle. Serving switches only after both writes succeeded; a failure on either side stops the
    // other.
    NeighborLists neighbors = report.time("similarity", () -> fit.neighbors(matrix));
    note(
        "similarity: %,d neighbour entries, %,d multiply-adds",
        neighbors.entries(), fit.accumulations());
    ExecutorService side =
        Executors.newSingleThreadExecutor(
            new ThreadFactoryBuilder().setNameFormat("alike-profiles-%d").setDaemon(true).build());
    IntPredicate purchase = purchases(log);
    Future<ProfilesWritten> profiles =
        side.submit(() -> writeProfiles(store, log, matrix, purchase));
    side.shutdown();
    Shared shared;
    try {
      PopularSkus popular = report.time("popular", () -> fit.popular(matrix));
      PopularSkus trending =
          report.time(
              "trending",
              () ->
                  TrendingSkus.of(
                      log, matrix.skus(), fit.options().trendingWindowSeconds(), TRENDING_LIMIT));
      RepurchaseRates rebuy =
          report.time("repurchase_rates", () -> RepurchaseRates.of(log, purchase));
      BoughtTogether.Lists together =
          report.time("bought_together", () -> boughtTogether(log, matrix));
      shared = new Shared(started, matrix, catalog, popular, trending, rebuy, together);
      // a version that can never be switched to is not worth writing
      writeModel(report, store, model, version, neighbors, shared, () -> failFast(profiles, side));
      report.count("together_orders", together.orders());
      report.count("together_large_orders", together.largeOrders());
      report.count("together_entries", together.lists().entries());
    } catch (RuntimeException | Error e) {
      stopProfiles(profiles, side, e);
      throw e;
    }
    ProfilesWritten written = awaitProfiles(profiles, side);
    report.stage("write_profiles", written.millis()); // customer_history's time included
    report.stage("customer_history", written.historyMillis());
    report.count("profiles_written", written.stats().written());
    report.count("profiles_unchanged", written.stats().unchanged());
    report.count("profiles_deleted", written.stats().deleted());
    report.count("profile_entries_cut", written.stats().entriesCut());
    activate(report, store, version);
    report.count("model", model);
    report.count("model_version", version);
    report.count("customers", matrix.customerCount());
    report.count("skus", matrix.skuCount());
    report.count("interactions", matrix.nnz());
    report.count("customers_capped", matrix.cappedCustomers());
    report.count("reverse_cap_hits", fit.reverseCapHits());
    report.count("similarity_multiply_adds", fit.accumulations());
    report.count("similarity", fit.options().similarity().name());
    report.count("k", fit.options().k());
    ModelStore.StoreStats stats = store.stats();
    report.count("store_reads", stats.reads());
    report.count("store_writes", stats.writes());
    report.count("store_deletes", stats.deletes());
    // For the local store this is what the same run would cost on Firestore.
    report.count(
        "firestore_cost_usd_estimate",
        Math.round(FirestoreCost.STANDARD.estimateUsd(stats) * 10_000) / 10_000.0);
    report.count("firestore_cost_prices", FirestoreCost.STANDARD.prices());
    return new Built(report, shared);
  }

  /**
   * Builds, writes and activates version {@code version} of model {@code model} from what a build
   * of the same run computed ({@link Built#shared}) with this pipeline's similarity: the events are
   * not read again and the profiles not rewritten. Returns the model's own report (its version,
   * similarity, counts and stage times).
   *
   * @throws StoreException when a store step fails its tries (the model's pointer then stays)
   */
  public BuildReport buildModel(String model, String version, Shared shared, ModelStore store) {
    ModelStore.modelName(model);
    BuildReport report = new BuildReport();
    NeighborLists neighbors = report.time("similarity", () -> fit.neighbors(shared.matrix()));
    writeModel(report, store, model, version, neighbors, shared, () -> {});
    activate(report, store, version);
    report.count("model", model);
    report.count("model_version", version);
    report.count("similarity", fit.options().similarity().name());
    report.count("similarity_multiply_adds", fit.accumulations());
    report.count("reverse_cap_hits", fit.reverseCapHits());
    return report;
  }

  /**
   * A version id after {@code previous} for a model built now: the models of one run are built one
   * after another, so ids stay unique in the store and sort as the builds ran.
   */
  public static String versionAfter(String previous) {
    Instant at = Instant.now();
    while (versionId(at).compareTo(previous) <= 0) {
      at = at.plusMillis(1);
    }
    return versionId(at);
  }

  /**
   * The steps of one model after its product search: scoring weights, cold start, reverse lists,
   * the documents, and the version's write (after {@code beforeWrite}).
   */
  private void writeModel(
      BuildReport report,
      ModelStore store,
      String model,
      String version,
      NeighborLists neighbors,
      Shared shared,
      Runnable beforeWrite) {
    InteractionMatrix matrix = shared.matrix();
    NeighborLists weights =
        report.time("scoring_weights", () -> fit.scoringWeights(matrix, neighbors));
    ColdStart.Lists cold =
        report.time("cold_start", () -> coldStart(matrix, neighbors, weights, shared.catalog()));
    NeighborLists reverse =
        report.time("reverse", () -> fit.reverse(cold.weights(), matrix.skus()));
    NeighborLists similar = cold.similar();
    ItemModel itemModel = new ItemModel(matrix.skus(), similar, reverse, shared.popular());
    CatalogDocuments docs =
        new CatalogDocuments(
            itemModel, shared.catalog(), shared.trending(), shared.together(), shared.rebuy());
    beforeWrite.run();
    report.time("write", () -> write(store, model, docs, shared.started(), version));
    report.count("entries_dropped_unavailable", docs.dropped());
    report.count("neighbor_entries", similar.entries());
    report.count("scoring_entries", cold.weights().entries());
    report.count("cold_skus", cold.cold());
    report.count("cold_skus_with_neighbors", cold.withNeighbors());
    report.count("cold_entries_placed", cold.placed());
  }

  private void activate(BuildReport report, ModelStore store, String version) {
    report.time(
        "activate",
        () ->
            retry.run(
                "switch serving to " + version,
                () -> {
                  store.activate(version, keepVersions);
                  return version;
                }));
  }

  /**
   * Each SKU's bought-together list ({@link BoughtTogether#DEFAULT}, as long as the similar lists);
   * events without order ids give none, which the log line says.
   */
  private BoughtTogether.Lists boughtTogether(EventLog log, InteractionMatrix matrix) {
    BoughtTogether.Lists together =
        BoughtTogether.of(
            log,
            matrix.skus(),
            Similarities.parse(BoughtTogether.DEFAULT),
            fit.options().k(),
            fit.options().threads());
    if (together.orders() == 0) {
      note("bought together: no event has an order id, so no lists (serving tops up instead)");
    } else {
      note(
          "bought together: %,d orders, %,d list entries; %,d orders of more than %d SKUs left out",
          together.orders(),
          together.lists().entries(),
          together.largeOrders(),
          BoughtTogether.MAX_ORDER_SKUS);
    }
    return together;
  }

  /**
   * The interactions over the catalog's SKUs too, when cold start is on: a catalog SKU without
   * events joins the index (after the event SKUs, in id order) so that it gets lists and a
   * document.
   */
  private InteractionMatrix withCatalogSkus(
      InteractionMatrix events, Catalog catalog, BuildReport report) {
    List<String> added = new ArrayList<>();
    if (coldStart.minInteractions() > 0) {
      for (String sku : catalog.skus()) {
        if (events.skus().indexOf(sku) < 0) {
          added.add(sku);
        }
      }
      added.sort(null);
    }
    report.count("catalog_skus_without_events", added.size());
    return events.withSkus(added);
  }

  /** Content neighbours for the cold SKUs, from the catalog's text, merged into both lists. */
  private ColdStart.Lists coldStart(
      InteractionMatrix m, NeighborLists neighbors, NeighborLists weights, Catalog catalog) {
    ColdStart.Lists lists =
        fit.coldStart(coldStart, m, neighbors, weights, i -> text(catalog.entry(m.skus().id(i))));
    note(
        "cold start: %,d SKUs with fewer than %d customers, %,d got content neighbours, %,d placed"
            + " in other SKUs' similar lists",
        lists.cold(), coldStart.minInteractions(), lists.withNeighbors(), lists.placed());
    return lists;
  }

  private static ProductText text(Catalog.Entry e) {
    return new ProductText(e.title(), e.description(), e.category(), e.attributes());
  }

  /** What the profile writer did, recorded into the report by the build's own thread. */
  private record ProfilesWritten(
      ModelStore.ProfileWriteStats stats, long millis, long historyMillis) {}

  /** Whether an event is a purchase: what buy it again and recently viewed tell apart. */
  private static IntPredicate purchases(EventLog log) {
    byte purchase = EventType.PURCHASE.code();
    return e -> log.type(e) == purchase;
  }

  /**
   * Writes the profiles with each customer's history ({@link CustomerHistory}: when they last saw
   * and bought each SKU, computed here, on the profile thread).
   */
  private ProfilesWritten writeProfiles(
      ModelStore store, EventLog log, InteractionMatrix m, IntPredicate purchase) {
    long start = System.nanoTime();
    CustomerHistory history = CustomerHistory.of(log, m, purchase);
    long historyMillis = (System.nanoTime() - start) / 1_000_000;
    ProfileColumns columns =
        new ProfileColumns(
            m.customers(),
            m.skus(),
            m.rowPtr(),
            m.rowSkus(),
            m.rowValues(),
            history.seen(),
            history.bought());
    ModelStore.ProfileWriteStats stats =
        retry.run("write the customer profiles", () -> store.replaceProfiles(columns));
    return new ProfilesWritten(stats, (System.nanoTime() - start) / 1_000_000, historyMillis);
  }

  /** Throws the profile writer's failure now if it already failed. */
  private static void failFast(Future<ProfilesWritten> profiles, ExecutorService side) {
    if (profiles.isDone()) {
      awaitProfiles(profiles, side);
    }
  }

  /**
   * Waits for the profile writer and returns what it did; its failure fails the build. An interrupt
   * stops the writer and fails the build too (serving is then not switched).
   */
  private static ProfilesWritten awaitProfiles(
      Future<ProfilesWritten> profiles, ExecutorService side) {
    try {
      return profiles.get();
    } catch (InterruptedException e) {
      IllegalStateException stopped =
          new IllegalStateException("interrupted while writing profiles; serving not switched", e);
      stopProfiles(profiles, side, stopped);
      Thread.currentThread().interrupt();
      throw stopped;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e.getCause() instanceof RuntimeException re
          ? re
          : new IllegalStateException("writing profiles failed", e.getCause());
    }
  }

  /**
   * After {@code failure} on the model path: cancels the profile writer (interrupting it; a local
   * write deletes its temporary file and keeps the old one, a Firestore write stops between
   * batches) and waits until its thread has ended, so no writer outlives the build. A failure of
   * its own is attached to {@code failure} as suppressed.
   */
  private static void stopProfiles(
      Future<ProfilesWritten> profiles, ExecutorService side, Throwable failure) {
    if (!profiles.cancel(true) && !profiles.isCancelled()) {
      try {
        profiles.get();
      } catch (ExecutionException e) {
        if (e.getCause() != failure) { // fail-fast rethrew the writer's own failure
          failure.addSuppressed(e.getCause());
        }
      } catch (InterruptedException | java.util.concurrent.CancellationException e) {
        // not expected once done; fall through to the wait below
      }
    }
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          if (side.awaitTermination(1, TimeUnit.MINUTES)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Void write(
      ModelStore store, String model, CatalogDocuments docs, Instant started, String version) {
    long cut =
        retry.run(
            "write version " + version,
            () -> store.writeVersion(model, new ModelInfo(version, started, docs.size()), docs));
    note(
        "wrote version %s of model %s: %,d SKU documents; %,d entries of unavailable SKUs dropped, %,d cut to"
            + " fit the document size limit",
        version, model, docs.size(), docs.dropped(), cut);
    return null;
  }

  private void note(String format, Object... args) {
    BuildRunner.log(String.format(format, args));
  }
}
