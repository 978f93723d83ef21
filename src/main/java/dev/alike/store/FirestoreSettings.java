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
 */
public record FirestoreSettings(String prefix, Duration progressInterval, boolean throttle) {
  public FirestoreSettings {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.contains("/")) {
      throw new IllegalArgumentException("prefix \"" + prefix + "\" must not contain '/'");
    }
    Objects.requireNonNull(progressInterval, "progressInterval");
  }

  /** Production defaults: prefix "alike_", progress every 10 s, throttled. */
  public static FirestoreSettings defaults() {
    return new FirestoreSettings("alike_", Duration.ofSeconds(10), true);
  }
}
