package dev.alike.serving;

import dev.alike.store.Backend;
import dev.alike.store.Catalog;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.StoreException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The version of one model being served and its popular list: the one cache of the store's current
 * pointer of that model (the default model, or an experiment variant's). {@link
 * ModelStore#current(String)} is asked at most once per {@link #REFRESH_NANOS} (by one thread while
 * the others keep using the previous answer), so a model switch shows on every instance within a
 * second; the stores themselves do not cache it. The popular and trending lists are read once per
 * version; the catalog updates made after the version's build once per version and again whenever
 * the pointer's catalog generation changes, and applied to the version's {@link SkuIds} in place
 * (no list is read again).
 */
public final class CurrentModel {
  /**
   * How often the current pointer is re-read: one second, so a switch shows within a second, at one
   * small read per second per instance (86,400 a day; next to the two reads of every request).
   */
  public static final long REFRESH_NANOS = 1_000_000_000L;

  /**
   * What one version serves with.
   *
   * @param popularIds the popular list as ids of {@code ids}, best first, with its scores
   * @param trendingIds the trending list, likewise (empty without one)
   * @param model the name of the model the version is of
   */
  public record Snapshot(
      ModelInfo info,
      int[] popularIds,
      double[] popularScores,
      int[] trendingIds,
      double[] trendingScores,
      SkuIds ids,
      String model) {
    public String version() {
      return info.version();
    }

    /** SKUs changed by the catalog updates applied to this version. */
    public int changedSkus() {
      return ids.changes().size();
    }

    /** Of those, the SKUs made unavailable (returned by no list). */
    public long hiddenSkus() {
      return ids.changes().values().stream().filter(Catalog.Change::hides).count();
    }

    static Snapshot of(
        ModelInfo info,
        List<Neighbor> popular,
        List<Neighbor> trending,
        Map<String, Catalog.Change> changes,
        String model) {
      SkuIds ids = new SkuIds();
      ids.catalog(changes); // before interning: every entry is served with its change
      int[] popularIds = intern(popular, ids);
      int[] trendingIds = intern(trending, ids);
      return new Snapshot(
          info, popularIds, scores(popular), trendingIds, scores(trending), ids, model);
    }

    private static int[] intern(List<Neighbor> list, SkuIds ids) {
      int[] out = new int[list.size()];
      for (int r = 0; r < out.length; r++) {
        out[r] = ids.intern(list.get(r));
      }
      return out;
    }

    private static double[] scores(List<Neighbor> list) {
      double[] out = new double[list.size()];
      for (int r = 0; r < out.length; r++) {
        out[r] = list.get(r).score();
      }
      return out;
    }
  }

  private record Checked(Optional<Snapshot> snapshot, long atNanos) {}

  private static final System.Logger LOG = System.getLogger(CurrentModel.class.getName());

  private final ModelStore store;
  private final String model;
  private final Backend backend;
  private final long refreshNanos;
  private final LongSupplier clock;
  private final Consumer<StoreException> onStaleError;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Checked checked;

  /**
   * @param model the model's name ({@link Experiments#DEFAULT}: the job's normal build)
   * @param onStaleError told when a refresh fails while an earlier answer is still served
   */
  CurrentModel(
      ModelStore store,
      String model,
      Backend backend,
      long refreshNanos,
      LongSupplier clock,
      Consumer<StoreException> onStaleError) {
    this.store = store;
    this.model = model;
    this.backend = backend;
    this.refreshNanos = refreshNanos;
    this.clock = clock;
    this.onStaleError = onStaleError;
  }

  /**
   * The current snapshot, empty when no model was ever activated. A refresh that fails or does not
   * answer before {@code budget} (a {@link System#nanoTime} value) keeps the snapshot known.
   *
   * @throws StoreException when the store fails and no earlier answer exists to fall back on
   */
  public Optional<Snapshot> get(long budget) {
    Checked c = checked;
    long now = clock.getAsLong();
    if (c != null && now - c.atNanos() < refreshNanos) {
      return c.snapshot();
    }
    if (c != null && !refreshing.tryLock()) {
      return c.snapshot(); // another thread is asking the store; serve what we know meanwhile
    }
    if (c == null && !lockBefore(budget)) {
      throw new StoreException("the model store has not answered yet: no model version is known");
    }
    try {
      Checked again = checked;
      if (again != null && again != c && now - again.atNanos() < refreshNanos) {
        return again.snapshot();
      }
      return refresh(again, now, budget);
    } finally {
      refreshing.unlock();
    }
  }

  /** Waits for the first read that another thread is making, until {@code budget}. */
  private boolean lockBefore(long budget) {
    try {
      return refreshing.tryLock(budget - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Optional<Snapshot> refresh(Checked previous, long now, long budget) {
    try {
      return read(previous, now, budget);
    } catch (StoreException e) {
      if (previous == null) {
        throw e;
      }
      // Keep serving the version we know; ask again after the next interval.
      checked = new Checked(previous.snapshot(), now);
      onStaleError.accept(e);
      return previous.snapshot();
    }
  }

  private Optional<Snapshot> read(Checked previous, long now, long budget) {
    Optional<ModelInfo> info =
        backend.call(
            "read the current version of model " + model, budget, () -> store.current(model));
    Optional<Snapshot> snapshot;
    if (info.isEmpty()) {
      snapshot = Optional.empty();
    } else if (previous != null
        && previous.snapshot().isPresent()
        && previous.snapshot().get().version().equals(info.get().version())) {
      Snapshot known = previous.snapshot().get();
      if (known.info().catalogGeneration() == info.get().catalogGeneration()) {
        snapshot = previous.snapshot();
      } else {
        known.ids().catalog(changes(info.get(), budget));
        Snapshot updated =
            new Snapshot(
                info.get(),
                known.popularIds(),
                known.popularScores(),
                known.trendingIds(),
                known.trendingScores(),
                known.ids(),
                model);
        log(updated);
        snapshot = Optional.of(updated);
      }
    } else {
      String version = info.get().version();
      List<Neighbor> popular =
          backend.call("read the popular list of " + version, budget, () -> store.popular(version));
      List<Neighbor> trending =
          backend.call(
              "read the trending list of " + version, budget, () -> store.trending(version));
      // Read on every switch, whatever the generation: updates recorded before the pointer existed
      // apply to a version built before them.
      snapshot =
          Optional.of(
              Snapshot.of(info.get(), popular, trending, changes(info.get(), budget), model));
      if (snapshot.get().changedSkus() > 0) {
        log(snapshot.get());
      }
    }
    checked = new Checked(snapshot, now);
    return snapshot;
  }

  /** The catalog updates made after {@code info}'s build started. */
  private Map<String, Catalog.Change> changes(ModelInfo info, long budget) {
    return backend.call(
        "read the catalog updates of " + info.version(),
        budget,
        () -> store.catalogChanges(info.createdAt()));
  }

  private static void log(Snapshot s) {
    LOG.log(
        System.Logger.Level.INFO,
        "serving version {0} with catalog generation {1}: {2} SKUs changed since its build, {3}"
            + " of them unavailable",
        s.version(),
        s.info().catalogGeneration(),
        s.changedSkus(),
        s.hiddenSkus());
  }
}
