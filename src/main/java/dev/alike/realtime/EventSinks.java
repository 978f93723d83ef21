package dev.alike.realtime;

import dev.alike.experiment.AnswerRecorder;
import dev.alike.experiment.LocalAnswerLog;
import dev.alike.store.Backend;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses where {@code POST /events} sends events, and where served answers are recorded, from the
 * function's settings.
 */
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

  /**
   * Where answers are recorded: with a topic, {@link PubSubAnswerSink}; without one over the local
   * store, {@link LocalAnswerLog} in the store directory; without one over Firestore, nowhere
   * (empty: the caller says so).
   *
   * @param topic the answers topic {@code projects/P/topics/T}, or null
   * @param emulatorHost a Pub/Sub emulator's host:port, or null
   * @param storeSpec the function's {@code ALIKE_STORE}
   */
  public static Optional<AnswerRecorder.Sink> answers(
      String topic, String emulatorHost, String storeSpec) {
    if (topic != null) {
      return Optional.of(PubSubAnswerSink.open(topic, emulatorHost, PubSubAnswerSink.TIMEOUT));
    }
    Stores.Spec spec = Stores.Spec.parse(storeSpec);
    return spec.kind().equals("local")
        ? Optional.of(new LocalAnswerLog(Path.of(spec.location())))
        : Optional.empty();
  }
}
