package dev.alike.job;

import dev.alike.store.StoreException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a build rides out a store that fails or stalls. Every store call is bounded by {@code
 * callTimeout} (Firestore's RPC deadline and the longest a bulk write may go without progress,
 * SQLite's busy timeout), so a stalled store fails a step within about that long; each step that
 * can be repeated without harm (the version's writes, which overwrite an unfinished version; the
 * profile sync, which writes only what differs; the switch, which sets the pointer again) is tried
 * {@code attempts} times with a growing pause. A build against a store that stays away therefore
 * fails, serving unchanged, after about {@code attempts} x {@code callTimeout} plus the pauses:
 * with the defaults about 3.5 minutes, far under the job's one-hour timeout.
 *
 * @param callTimeout longest wait for one store call
 * @param attempts tries of each step (1: no retry)
 */
public record StoreRetry(Duration callTimeout, int attempts) {
  /**
   * 60 s a call, the Firestore client's own default for a write (its reads wait 300 s); three
   * tries: a blip of a minute or two costs a pause, not the build.
   */
  private static final System.Logger LOG = System.getLogger(StoreRetry.class.getName());

  public static final StoreRetry DEFAULT = new StoreRetry(Duration.ofSeconds(60), 3);

  /** The first pause between tries; it doubles, up to {@code callTimeout}. */
  static final Duration FIRST_PAUSE = Duration.ofSeconds(2);

  public StoreRetry {
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("store timeout must be > 0, was " + callTimeout);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("store attempts must be >= 1, was " + attempts);
    }
  }

  /**
   * Runs {@code step} until it returns or it has failed {@code attempts} times with a {@link
   * StoreException}; other failures end it at once.
   *
   * @param what the step in messages ("write version v20261207-...")
   * @throws StoreException naming the step, the tries and the last failure
   */
  public <T> T run(String what, Supplier<T> step) {
    long pause = FIRST_PAUSE.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (StoreException e) {
        if (attempt >= attempts || Thread.currentThread().isInterrupted()) {
          throw new StoreException(
              "cannot " + what + " after " + attempt + " attempt(s): " + e.getMessage(), e);
        }
        LOG.log(
            System.Logger.Level.WARNING,
            String.format(
                "store failed to %s (attempt %d of %d), trying again in %d s: %s",
                what, attempt, attempts, pause / 1000, e.getMessage()));
        sleep(pause, what);
        pause = Math.min(pause * 2, Math.max(FIRST_PAUSE.toMillis(), callTimeout.toMillis()));
      }
    }
  }

  private static void sleep(long millis, String what) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted before trying again to " + what, e);
    }
  }
}
