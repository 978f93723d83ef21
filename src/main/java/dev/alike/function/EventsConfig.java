package dev.alike.function;

import dev.alike.events.EventWeights;
import dev.alike.events.Ga4Mapping;
import java.util.Map;

/**
 * Settings of the function's writes: {@code POST /events}, the push handler and {@code POST
 * /catalog}.
 *
 * @param topic Pub/Sub topic the function publishes accepted events to ({@value #TOPIC}, {@code
 *     projects/P/topics/T}); null: events are applied where the function runs (docs/events.md)
 * @param weights event-type weights, the build's ({@value #WEIGHTS}, same format and default as the
 *     job's)
 * @param emulatorHost a Pub/Sub emulator's host:port ({@value #EMULATOR_HOST}), or null
 * @param catalogWrites whether {@code POST /catalog} may record catalog updates in the store
 *     ({@value #CATALOG_WRITES}, default false: the deployed function reads the store only, and
 *     Terraform grants it write access only with {@code catalog_writes = true})
 * @param ga4 how GA4 (Measurement Protocol) events are read, the build's ({@value #GA4_CUSTOMER},
 *     {@value #GA4_EVENTS}, {@value #GA4_VARIANT_SEPARATOR}; same format and defaults as the job's)
 */
public record EventsConfig(
    String topic,
    EventWeights weights,
    String emulatorHost,
    boolean catalogWrites,
    Ga4Mapping ga4) {
  public static final String TOPIC = "ALIKE_EVENTS_TOPIC";
  public static final String CATALOG_WRITES = "ALIKE_CATALOG_WRITES";
  public static final String WEIGHTS = "ALIKE_WEIGHTS";
  public static final String GA4_CUSTOMER = "ALIKE_GA4_CUSTOMER";
  public static final String GA4_EVENTS = "ALIKE_GA4_EVENTS";
  public static final String GA4_VARIANT_SEPARATOR = "ALIKE_GA4_VARIANT_SEPARATOR";

  /** The variable the Google Cloud SDK's emulator tooling sets. */
  public static final String EMULATOR_HOST = "PUBSUB_EMULATOR_HOST";

  /** No topic, default weights, no catalog writes, the default GA4 mapping. */
  public static final EventsConfig LOCAL =
      new EventsConfig(null, EventWeights.DEFAULT, null, false, Ga4Mapping.DEFAULT);

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
    Ga4Mapping ga4;
    try {
      ga4 =
          Ga4Mapping.of(
              orElse(env.get(GA4_CUSTOMER), Ga4Mapping.DEFAULT_CUSTOMER),
              blankToNull(env.get(GA4_VARIANT_SEPARATOR)),
              orElse(env.get(GA4_EVENTS), Ga4Mapping.DEFAULT_EVENTS));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          GA4_CUSTOMER + "/" + GA4_EVENTS + ": " + e.getMessage(), e);
    }
    String topic = blankToNull(env.get(TOPIC));
    if (topic != null && !topic.matches("projects/[^/]+/topics/[^/]+")) {
      throw new IllegalArgumentException(
          TOPIC + " must be projects/PROJECT/topics/TOPIC, was \"" + topic + "\"");
    }
    String writes = blankToNull(env.get(CATALOG_WRITES));
    if (writes != null && !writes.equals("true") && !writes.equals("false")) {
      throw new IllegalArgumentException(
          CATALOG_WRITES + " must be true or false, was \"" + writes + "\"");
    }
    return new EventsConfig(
        topic, weights, blankToNull(env.get(EMULATOR_HOST)), "true".equals(writes), ga4);
  }

  private static String orElse(String v, String otherwise) {
    return blankToNull(v) == null ? otherwise : v;
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }
}
