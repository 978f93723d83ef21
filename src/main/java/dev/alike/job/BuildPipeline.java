package dev.alike.job;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.alike.model.BoughtTogether;
import dev.alike.model.ColdStart;
import dev.alike.model.EventLog;
import dev.alike.model.InteractionMatrix;
import dev.alike.model.ItemModel;
import dev.alike.model.ModelFit;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import dev.alike.model.ProductText;
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

/**
 * The batch build, top to bottom: read events, score interactions, find each SKU's neighbours,
 * weigh them for scoring (a regression for EASE), give SKUs with few or no customers content
 * neighbours from the catalog ({@link ColdStart}), invert the lists, pick popular and trending
 * SKUs, count what is bought together, write a new model version, and switch serving to it. Each
 * step is timed into the {@link BuildReport}. Serving switches only after every write succeeded;
 * each store step is tried again when the store fails ({@link StoreRetry}).
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

  /** Runs every step; returns the report with the new version's id under {@code model_version}. */
  public BuildReport run(EventStage events, Catalog catalog, ModelStore store) {
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
    Future<ProfilesWritten> profiles = side.submit(() -> writeProfiles(store, matrix));
    side.shutdown();
    try {
      NeighborLists weights =
          report.time("scoring_weights", () -> fit.scoringWeights(matrix, neighbors));
      ColdStart.Lists cold =
          report.time("cold_start", () -> coldStart(matrix, neighbors, weights, catalog));
      NeighborLists reverse =
          report.time("reverse", () -> fit.reverse(cold.weights(), matrix.skus()));
      PopularSkus popular = report.time("popular", () -> fit.popular(matrix));
      PopularSkus trending =
          report.time(
              "trending",
              () -> TrendingSkus.of(log, matrix.skus(), TrendingSkus.WEEK_SECONDS, TRENDING_LIMIT));
      BoughtTogether.Lists together =
          report.time("bought_together", () -> boughtTogether(log, matrix));
      NeighborLists similar = cold.similar();
      ItemModel model = new ItemModel(matrix.skus(), similar, reverse, popular);
      CatalogDocuments docs = new CatalogDocuments(model, catalog, trending, together);
      failFast(profiles, side); // a version that can never be switched to is not worth writing
      report.time("write", () -> write(store, docs, started, version));
      report.count("entries_dropped_unavailable", docs.dropped());
      report.count("neighbor_entries", similar.entries());
      report.count("scoring_entries", cold.weights().entries());
      report.count("cold_skus", cold.cold());
      report.count("cold_skus_with_neighbors", cold.withNeighbors());
      report.count("cold_entries_placed", cold.placed());
      report.count("together_orders", together.orders());
      report.count("together_large_orders", together.largeOrders());
      report.count("together_entries", together.lists().entries());
    } catch (RuntimeException | Error e) {
      stopProfiles(profiles, side, e);
      throw e;
    }
    ProfilesWritten written = awaitProfiles(profiles, side);
    report.stage("write_profiles", written.millis());
    report.count("profiles_written", written.stats().written());
    report.count("profiles_unchanged", written.stats().unchanged());
    report.count("profiles_deleted", written.stats().deleted());
    report.count("profile_entries_cut", written.stats().entriesCut());
    report.time(
        "activate",
        () ->
            retry.run(
                "switch serving to " + version,
                () -> {
                  store.activate(version, keepVersions);
                  return version;
                }));
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
    return report;
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
  private record ProfilesWritten(ModelStore.ProfileWriteStats stats, long millis) {}

  private ProfilesWritten writeProfiles(ModelStore store, InteractionMatrix m) {
    long start = System.nanoTime();
    ProfileColumns columns =
        new ProfileColumns(m.customers(), m.skus(), m.rowPtr(), m.rowSkus(), m.rowValues());
    ModelStore.ProfileWriteStats stats =
        retry.run("write the customer profiles", () -> store.replaceProfiles(columns));
    return new ProfilesWritten(stats, (System.nanoTime() - start) / 1_000_000);
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

  private Void write(ModelStore store, CatalogDocuments docs, Instant started, String version) {
    long cut =
        retry.run(
            "write version " + version,
            () -> store.writeVersion(new ModelInfo(version, started, docs.size()), docs));
    note(
        "wrote version %s: %,d SKU documents; %,d entries of unavailable SKUs dropped, %,d cut to"
            + " fit the document size limit",
        version, docs.size(), docs.dropped(), cut);
    return null;
  }

  private void note(String format, Object... args) {
    BuildRunner.log(String.format(format, args));
  }
}
