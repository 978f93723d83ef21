package dev.alike.function;

import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.StoreException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The model version being served and its popular list. {@link ModelStore#current()} is asked at
 * most once per refresh interval (one second in production), by one thread while the others keep
 * using the previous answer; the popular list is read once per version.
 */
final class CurrentModel {
  /** What one version serves with. */
  record Snapshot(ModelInfo info, List<Neighbor> popular, SkuIds ids) {
    String version() {
      return info.version();
    }
  }

  private record Checked(Optional<Snapshot> snapshot, long atNanos) {}

  private final ModelStore store;
  private final long refreshNanos;
  private final LongSupplier clock;
  private final Consumer<StoreException> onStaleError;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Checked checked;

  /**
   * @param onStaleError told when a refresh fails while an earlier answer is still served
   */
  CurrentModel(
      ModelStore store,
      long refreshNanos,
      LongSupplier clock,
      Consumer<StoreException> onStaleError) {
    this.store = store;
    this.refreshNanos = refreshNanos;
    this.clock = clock;
    this.onStaleError = onStaleError;
  }

  /**
   * The current snapshot, empty when no model was ever activated.
   *
   * @throws StoreException when the store fails and no earlier answer exists to fall back on
   */
  Optional<Snapshot> get() {
    Checked c = checked;
    long now = clock.getAsLong();
    if (c != null && now - c.atNanos() < refreshNanos) {
      return c.snapshot();
    }
    if (c != null && !refreshing.tryLock()) {
      return c.snapshot(); // another thread is asking the store; serve what we know meanwhile
    }
    if (c == null) {
      refreshing.lock();
    }
    try {
      Checked again = checked;
      if (again != null && again != c && now - again.atNanos() < refreshNanos) {
        return again.snapshot();
      }
      return refresh(again, now);
    } finally {
      refreshing.unlock();
    }
  }

  private Optional<Snapshot> refresh(Checked previous, long now) {
    Optional<ModelInfo> info;
    try {
      info = store.current();
    } catch (StoreException e) {
      if (previous == null) {
        throw e;
      }
      // Keep serving the version we know; ask again after the next interval.
      checked = new Checked(previous.snapshot(), now);
      onStaleError.accept(e);
      return previous.snapshot();
    }
    Optional<Snapshot> snapshot;
    if (info.isEmpty()) {
      snapshot = Optional.empty();
    } else if (previous != null
        && previous.snapshot().isPresent()
        && previous.snapshot().get().version().equals(info.get().version())) {
      snapshot = previous.snapshot();
    } else {
      snapshot =
          Optional.of(new Snapshot(info.get(), store.popular(info.get().version()), new SkuIds()));
    }
    checked = new Checked(snapshot, now);
    return snapshot;
  }
}
