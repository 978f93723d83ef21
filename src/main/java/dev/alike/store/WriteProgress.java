package dev.alike.store;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs "label: done/total documents written, rate/s, ETA" every {@code interval} on a daemon thread
 * while a bulk write runs, and a final line when closed. Total may be unknown (0): then no ETA is
 * given.
 */
final class WriteProgress implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WriteProgress.class.getName());
  private final String label;
  private final long total;
  private final AtomicLong done = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService ticker;

  WriteProgress(String label, long total, Duration interval) {
    this.label = label;
    this.total = total;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "alike-progress");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(1, interval.toMillis());
    ticker.scheduleAtFixedRate(this::log, ms, ms, TimeUnit.MILLISECONDS);
  }

  void add(long documents) {
    done.addAndGet(documents);
  }

  String line() {
    long n = done.get();
    double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    double rate = n / seconds;
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s: %,d%s documents written, %,.0f/s",
                label,
                n,
                total > 0 ? String.format(Locale.ROOT, "/%,d", total) : "",
                rate));
    if (total > 0 && n < total && rate > 0) {
      out.append(String.format(Locale.ROOT, ", ETA %ds", Math.round((total - n) / rate)));
    }
    out.append(String.format(Locale.ROOT, " (%.1fs elapsed)", seconds));
    return out.toString();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    log();
  }

  private void log() {
    LOG.log(System.Logger.Level.INFO, line());
  }
}
