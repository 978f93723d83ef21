package dev.alike.realtime;

import dev.alike.events.EventBatch;
import java.util.List;

/**
 * Where accepted real-time events go. Implementations are thread-safe.
 *
 * <p>{@link #accept} returns only once the events are durable where they went (published to the
 * topic, or appended and applied locally), so a 202 means the events will reach the profile.
 */
public interface EventSink extends AutoCloseable {
  /**
   * Takes a validated batch.
   *
   * @return an id of the batch where it went (Pub/Sub message id, local batch id)
   * @throws Unavailable when the events could not be handed on (the client should retry)
   */
  String accept(List<EventBatch.Event> events);

  @Override
  void close();

  /** The backing service did not take the events. */
  final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
