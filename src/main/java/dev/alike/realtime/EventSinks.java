package dev.alike.realtime;

import dev.alike.store.Backend;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Chooses where {@code POST /events} sends events, from the function's settings. */
public final class EventSinks {
  private static final System.Logger LOG = System.getLogger(EventSinks.class.getName());

  private EventSinks() {}

  /**
   * With a topic: {@link PubSubEventSink}. Without one, over the local store: {@link
   * StoreEventSink} with the store directory's {@link LocalEventLog}. Without one over Firestore:
   * profiles only (logged as a warning: such events reach no build).
   *
   * @param topic {@code projects/P/topics/T}, or null
   * @param emulatorHost a Pub/Sub emulator's host:port, or null
   * @param storeSpec the function's {@code ALIKE_STORE}
   * @param storeBackend the deadline and breaker of profile updates
   */
  public static EventSink open(
      String topic,
      String emulatorHost,
      String storeSpec,
      Supplier<ModelStore> store,
      Backend storeBackend) {
    if (topic != null) {
      return PubSubEventSink.open(topic, emulatorHost);
    }
    Stores.Spec spec = Stores.Spec.parse(storeSpec);
    if (spec.kind().equals("local")) {
      return new StoreEventSink(store, new LocalEventLog(Path.of(spec.location())), storeBackend);
    }
    LOG.log(
        Level.WARNING,
        "no events topic set: POST /events updates profiles only; no build will see those events");
    return new StoreEventSink(store, null, storeBackend);
  }
}
