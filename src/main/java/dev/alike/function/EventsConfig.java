package dev.alike.function;

import dev.alike.events.EventWeights;
import java.util.Map;

/**
 * Settings of {@code POST /events} and of the push handler.
 *
 * @param topic Pub/Sub topic the function publishes accepted events to ({@value #TOPIC}, {@code
 *     projects/P/topics/T}); null: events are applied where the function runs (docs/events.md)
 * @param weights event-type weights, the build's ({@value #WEIGHTS}, same format and default as the
 *     job's)
 * @param emulatorHost a Pub/Sub emulator's host:port ({@value #EMULATOR_HOST}), or null
 */
public record EventsConfig(String topic, EventWeights weights, String emulatorHost) {
  public static final String TOPIC = "ALIKE_EVENTS_TOPIC";
  public static final String WEIGHTS = "ALIKE_WEIGHTS";

  /** The variable the Google Cloud SDK's emulator tooling sets. */
  public static final String EMULATOR_HOST = "PUBSUB_EMULATOR_HOST";

  /** No topic, default weights. */
  public static final EventsConfig LOCAL = new EventsConfig(null, EventWeights.DEFAULT, null);

  /**
   * From the variables above; blank values are unset.
   *
   * @throws IllegalArgumentException naming the variable when a value cannot be used
   */
  public static EventsConfig from(Map<String, String> env) {
    EventWeights weights;
    try {
      weights = EventWeights.parse(blankToNull(env.get(WEIGHTS)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(WEIGHTS + ": " + e.getMessage(), e);
    }
    String topic = blankToNull(env.get(TOPIC));
    if (topic != null && !topic.matches("projects/[^/]+/topics/[^/]+")) {
      throw new IllegalArgumentException(
          TOPIC + " must be projects/PROJECT/topics/TOPIC, was \"" + topic + "\"");
    }
    return new EventsConfig(topic, weights, blankToNull(env.get(EMULATOR_HOST)));
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }
}
