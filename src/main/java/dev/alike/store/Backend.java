package dev.alike.store;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A service that serving calls on a request path (the model store, the events topic), seen through
 * a deadline and a circuit breaker. Each {@link #call} runs on a pool thread and is abandoned when
 * its deadline passes, so a stalled backend costs a request at most its deadline; after {@link
 * Settings#failuresToOpen} failures in a row the breaker opens and calls fail at once (no thread,
 * no wait) for an interval that doubles from {@link Settings#openMin} to {@link Settings#openMax}
 * while the backend stays down. When the interval has passed, one call goes through as a probe (the
 * others keep failing at once); its success closes the breaker and the next requests are served
 * normally. Thread-safe.
 *
 * <p>{@link #inline()} runs calls on the caller's thread without deadline or breaker: for command
 * lines and exports, where waiting for the store is the right thing.
 */
public final class Backend {
  /** A call that did not complete: timed out, failed, or refused by the open breaker. */
  public static final class Unavailable extends StoreException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * How a backend is guarded.
   *
   * @param callDeadline longest wait for one call
   * @param failuresToOpen failures in a row that open the breaker
   * @param openMin the breaker's first open interval
   * @param openMax the longest open interval (the interval doubles up to it)
   */
  public record Settings(
      Duration callDeadline, int failuresToOpen, Duration openMin, Duration openMax) {
    public Settings {
      if (callDeadline.isNegative() || callDeadline.isZero()) {
        throw new IllegalArgumentException("callDeadline=" + callDeadline + " should be > 0");
      }
      if (failuresToOpen < 1) {
        throw new IllegalArgumentException("failuresToOpen=" + failuresToOpen + " should be >= 1");
      }
      if (openMin.isNegative() || openMax.compareTo(openMin) < 0) {
        throw new IllegalArgumentException(
            "breaker interval " + openMin + ".." + openMax + " should be 0 <= min <= max");
      }
    }

    /**
     * Three failures in a row open the breaker (one slow call is a blip, three are an outage) for
     * 0.5 s, doubling to 8 s: a dead backend is probed at most every 8 s, and a backend that came
     * back is in use again within 8 s.
     */
    public static Settings serving(Duration callDeadline) {
      return new Settings(callDeadline, 3, Duration.ofMillis(500), Duration.ofSeconds(8));
    }
  }

  /**
   * The breaker as {@code /healthz} shows it.
   *
   * @param state closed (calls go through), open (calls fail at once) or probing (one call is
   *     testing whether the backend answers again)
   * @param failures failures in a row
   * @param retryInMillis until the next probe, when open
   * @param lastError the last failure's message, or null
   */
  public record State(String state, int failures, long retryInMillis, String lastError) {
    public boolean healthy() {
      return state.equals("closed") && failures == 0;
    }
  }

  /**
   * Threads that may wait on a stalled backend at once: beyond them a call fails at once. Calls
   * that reach the deadline are abandoned, not killed (a JDBC call cannot be interrupted), so a
   * stall holds up to this many threads until the backend's own timeout ends them.
   */
  private static final int MAX_THREADS = 64;

  private final String name;
  private final Settings settings;
  private final ThreadPoolExecutor pool;
  private int failures;
  private long openUntil;
  private long nextOpenNanos;
  private boolean probing;
  private String lastError;

  /** A guarded backend named {@code name} in messages ("model store", "events topic"). */
  public Backend(String name, Settings settings) {
    this.name = name;
    this.settings = settings;
    this.nextOpenNanos = settings.openMin().toNanos();
    this.pool =
        new ThreadPoolExecutor(
            0,
            MAX_THREADS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            new ThreadFactoryBuilder()
                .setDaemon(true)
                .setNameFormat("alike-" + name.replace(' ', '-') + "-%d")
                .build());
  }

  private Backend() {
    this.name = "inline";
    this.settings = null;
    this.pool = null;
  }

  /** Calls on the caller's thread, no deadline, no breaker. */
  public static Backend inline() {
    return new Backend();
  }

  /** The longest wait for one call, or null for {@link #inline()}. */
  public Duration callDeadline() {
    return settings == null ? null : settings.callDeadline();
  }

  /**
   * Runs {@code call} and returns its result, waiting at most the call deadline or until {@code
   * budget} (a {@link System#nanoTime} value) passes, whichever is first.
   *
   * @throws Unavailable naming {@code what} when the call failed, timed out, or the breaker is open
   */
  public <T> T call(String what, long budget, Callable<T> call) {
    if (pool == null) {
      return inline(what, call);
    }
    long now = System.nanoTime();
    long wait = Math.min(settings.callDeadline().toNanos(), budget - now);
    boolean probe = admit(now, what);
    if (wait <= 0) {
      release(probe);
      throw new Unavailable(name + ": no time left in the request's budget to " + what, null);
    }
    Future<T> future;
    try {
      future = pool.submit(call);
    } catch (RejectedExecutionException e) {
      failed(probe, MAX_THREADS + " calls already waiting");
      throw new Unavailable(name + " did not answer: " + MAX_THREADS + " calls waiting", e);
    }
    try {
      T result = future.get(wait, TimeUnit.NANOSECONDS);
      succeeded();
      return result;
    } catch (TimeoutException e) {
      future.cancel(true);
      String why = "no answer within " + (wait + 999_999) / 1_000_000 + " ms to " + what;
      failed(probe, why);
      throw new Unavailable(name + ": " + why, e);
    } catch (ExecutionException e) {
      failed(probe, String.valueOf(e.getCause().getMessage()));
      throw new Unavailable(name + " failed to " + what + ": " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      future.cancel(true);
      release(probe);
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while waiting to " + what, e);
    }
  }

  /** {@link #call} with only the call deadline as budget. */
  public <T> T call(String what, Callable<T> call) {
    return pool == null
        ? inline(what, call)
        : call(what, System.nanoTime() + settings.callDeadline().toNanos(), call);
  }

  /** The breaker now. */
  public synchronized State state() {
    if (settings == null) {
      return new State("closed", 0, 0, null);
    }
    long now = System.nanoTime();
    String state = probing ? "probing" : failures >= settings.failuresToOpen() ? "open" : "closed";
    long retry = state.equals("open") ? Math.max(0, (openUntil - now) / 1_000_000) : 0;
    return new State(state, failures, retry, lastError);
  }

  private static <T> T inline(String what, Callable<T> call) {
    try {
      return call.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Lets a call through, or throws when the breaker is open. Returns whether this call is the probe
   * of a breaker whose interval has passed.
   */
  private synchronized boolean admit(long now, String what) {
    if (failures < settings.failuresToOpen()) {
      return false;
    }
    if (probing || now - openUntil < 0) {
      throw new Unavailable(
          name + " is unavailable (" + failures + " failures in a row), not asked to " + what,
          null);
    }
    probing = true;
    return true;
  }

  private synchronized void release(boolean probe) {
    if (probe) {
      probing = false;
    }
  }

  private synchronized void succeeded() {
    failures = 0;
    probing = false;
    lastError = null;
    nextOpenNanos = settings.openMin().toNanos();
  }

  private synchronized void failed(boolean probe, String why) {
    failures++;
    lastError = why;
    if (probe) {
      probing = false;
    }
    // Opens on reaching the threshold or on a failed probe; calls that were already waiting and
    // fail afterwards do not lengthen the interval.
    if (probe || failures == settings.failuresToOpen()) {
      openUntil = System.nanoTime() + nextOpenNanos;
      nextOpenNanos = Math.min(nextOpenNanos * 2, settings.openMax().toNanos());
    }
  }
}
