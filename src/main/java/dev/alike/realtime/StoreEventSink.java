package dev.alike.realtime;

import dev.alike.events.EventBatch;
import dev.alike.store.ModelStore;
import dev.alike.store.StoreException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Events applied where the function runs, without a topic ({@code alike serve}, {@code alike
 * demo}): appended to the local store's {@link LocalEventLog} (so the next build counts them), then
 * added to the profiles directly, each batch under a new random id. The append is the commit: once
 * it succeeded the batch is accepted even if the profile update fails (logged; the next build
 * counts the events).
 */
public final class StoreEventSink implements EventSink {
  private static final System.Logger LOG = System.getLogger(StoreEventSink.class.getName());
  private final Supplier<ModelStore> store;
  private final LocalEventLog log;

  /**
   * @param store the function's store, asked for on each batch (opened lazily by the caller)
   * @param log where events are appended first; null for none (then only the profile changes and
   *     the next build does not see the events)
   */
  public StoreEventSink(Supplier<ModelStore> store, LocalEventLog log) {
    this.store = Objects.requireNonNull(store, "store");
    this.log = log;
  }

  @Override
  public String accept(List<EventBatch.Event> events) {
    String id = "local:" + UUID.randomUUID();
    if (log != null) {
      try {
        log.append(EventBatch.toJsonLines(id, events));
      } catch (UncheckedIOException e) {
        throw new Unavailable("events not stored: " + e.getMessage(), e);
      }
    }
    try {
      ProfileDeltas.apply(store.get(), id, events, ModelStore.Delivery.LIVE);
    } catch (StoreException e) {
      if (log == null) {
        throw new Unavailable("events not stored: " + e.getMessage(), e);
      }
      // The appended line is the commit, as a publish is in the cloud: the events are counted by
      // the next build, so the client is not asked to retry (which would append them twice).
      LOG.log(Level.WARNING, "events logged but profiles not updated: " + e.getMessage());
    }
    return id;
  }

  @Override
  public void close() {}
}
