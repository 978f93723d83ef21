package dev.alike.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link FirestoreModelStore} behaves.
 *
 * @param prefix prepended to the top-level collection names ("alike_" in production, unique per
 *     test)
 * @param progressInterval how often bulk writes log their progress (at most 10 s per the issue)
 * @param throttle BulkWriter's 500/50/5 ramp-up; disable only against the emulator
 * @param callTimeout how long one call may take, retries included (the client's RPC settings, see
 *     {@link Stores#open}), and how long a bulk write may go without one write completing
 */
public record FirestoreSettings(
    String prefix, Duration progressInterval, boolean throttle, Duration callTimeout) {
  public FirestoreSettings {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.contains("/")) {
      throw new IllegalArgumentException("prefix \"" + prefix + "\" must not contain '/'");
    }
    Objects.requireNonNull(progressInterval, "progressInterval");
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout=" + callTimeout + " should be > 0");
    }
  }

  /** Settings with {@link Stores#DEFAULT_CALL_TIMEOUT}. */
  public FirestoreSettings(String prefix, Duration progressInterval, boolean throttle) {
    this(prefix, progressInterval, throttle, Stores.DEFAULT_CALL_TIMEOUT);
  }

  /** Production defaults: prefix "alike_", progress every 10 s, throttled. */
  public static FirestoreSettings defaults() {
    return defaults(Stores.DEFAULT_CALL_TIMEOUT);
  }

  /** Production defaults with calls bounded by {@code callTimeout}. */
  public static FirestoreSettings defaults(Duration callTimeout) {
    return new FirestoreSettings("alike_", Duration.ofSeconds(10), true, callTimeout);
  }
}
