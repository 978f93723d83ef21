package dev.alike.store;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the {@link FirestoreModelStore} behaves.
 *
 * @param prefix prepended to the top-level collection names ("alike_" in production, unique per
 *     test)
 * @param progress receives progress lines during bulk writes
 * @param progressInterval how often progress lines are sent (at most 10 s per the issue)
 * @param throttle BulkWriter's 500/50/5 ramp-up; disable only against the emulator
 */
public record FirestoreSettings(
    String prefix, Consumer<String> progress, Duration progressInterval, boolean throttle) {
  public FirestoreSettings {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.contains("/")) {
      throw new IllegalArgumentException("prefix \"" + prefix + "\" must not contain '/'");
    }
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(progressInterval, "progressInterval");
  }

  /** Production defaults: prefix "alike_", progress every 10 s, throttled. */
  public static FirestoreSettings defaults(Consumer<String> progress) {
    return new FirestoreSettings("alike_", progress, Duration.ofSeconds(10), true);
  }
}
