package dev.alike.realtime;

import dev.alike.events.EventBatch;
import dev.alike.store.Backend;
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
 * it succeeded the batch is accepted even if the profile update fails or does not finish within the
 * store's deadline (logged; the next build counts the events).
 *
 * <p>Without a log (Firestore without a topic) the profile update is the commit, and a batch is
 * named by its content: a batch refused with 503 part way (some customers updated, the store then
 * stalled) is completed exactly once by the client's retry, since the customers already updated are
 * skipped under the same update ids. Identical batches (same customers, SKUs, events and seconds)
 * therefore count once.
 */
public final class StoreEventSink implements EventSink {
  private static final System.Logger LOG = System.getLogger(StoreEventSink.class.getName());
  private final Supplier<ModelStore> store;
  private final LocalEventLog log;
  private final Backend backend;

  /**
   * @param store the function's store, asked for on each batch (opened lazily by the caller)
   * @param log where events are appended first; null for none (then only the profile changes and
   *     the next build does not see the events)
   * @param backend the deadline and breaker of the profile update
   */
  public StoreEventSink(Supplier<ModelStore> store, LocalEventLog log, Backend backend) {
    this.store = Objects.requireNonNull(store, "store");
    this.log = log;
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  @Override
  public String accept(List<EventBatch.Event> events) {
    String id = log != null ? "local:" + UUID.randomUUID() : contentId(events);
    if (log != null) {
      try {
        log.append(EventBatch.toJsonLines(id, events));
      } catch (UncheckedIOException e) {
        throw new Unavailable("events not stored: " + e.getMessage(), e);
      }
    }
    try {
      backend.call(
          "add " + events.size() + " events to profiles",
          () -> ProfileDeltas.apply(store.get(), id, events, ModelStore.Delivery.LIVE));
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

  /** {@code local:} and the SHA-256 of the batch's events, as JSON Lines without a batch id. */
  static String contentId(List<EventBatch.Event> events) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(
                  EventBatch.toJsonLines("", events)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "local:" + java.util.HexFormat.of().formatHex(digest, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public void close() {}
}
