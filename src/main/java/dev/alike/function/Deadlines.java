package dev.alike.function;

import java.time.Duration;
import java.util.Map;

/**
 * How long a request may wait on a backend.
 *
 * @param storeCall one store call: the pointer, a profile, one batch of SKU documents, a profile
 *     update ({@value #STORE_CALL}, milliseconds)
 * @param request all store calls of one request together ({@value #REQUEST}, milliseconds)
 * @param events handing a batch of {@code POST /events} on: the Pub/Sub publish, or the local
 *     append and profile update ({@value #EVENTS}, milliseconds)
 */
public record Deadlines(Duration storeCall, Duration request, Duration events) {
  public static final String STORE_CALL = "ALIKE_STORE_DEADLINE_MS";
  public static final String REQUEST = "ALIKE_REQUEST_BUDGET_MS";
  public static final String EVENTS = "ALIKE_EVENTS_DEADLINE_MS";

  /**
   * One second per call: a Firestore read takes 5-50 ms and a local one under a millisecond, so a
   * call still waiting after a second is stalled. 1.5 s per request: a profile and a batch of SKU
   * documents both timing out still answer (degraded) well within the 2 s a page can wait for a
   * widget. Events get 1.5 s too: a publish normally takes tens of milliseconds.
   */
  public static final Deadlines DEFAULT =
      new Deadlines(Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofMillis(1500));

  public Deadlines {
    positive(STORE_CALL, storeCall);
    positive(REQUEST, request);
    positive(EVENTS, events);
  }

  /**
   * From the variables above; missing or blank ones take {@link #DEFAULT}'s values.
   *
   * @throws IllegalArgumentException naming the variable when a value is not a positive integer
   */
  public static Deadlines from(Map<String, String> env) {
    return new Deadlines(
        millis(env, STORE_CALL, DEFAULT.storeCall),
        millis(env, REQUEST, DEFAULT.request),
        millis(env, EVENTS, DEFAULT.events));
  }

  private static Duration millis(Map<String, String> env, String name, Duration fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Duration.ofMillis(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a number of milliseconds, was \"" + v.trim() + "\"", e);
    }
  }

  private static void positive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d.toMillis());
    }
  }
}
