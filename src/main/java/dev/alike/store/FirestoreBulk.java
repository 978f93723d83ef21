package dev.alike.store;

import com.google.api.core.ApiFuture;
import com.google.cloud.firestore.BulkWriter;
import com.google.cloud.firestore.BulkWriterOptions;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.grpc.Status;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One BulkWriter run with backpressure, retries of transient errors, progress and counts.
 *
 * <p>Throttling is BulkWriter's default 500/50/5 ramp-up (start at 500 operations/s, +50% every 5
 * minutes) unless disabled (emulator benchmarks). BulkWriter retries a failed write when its error
 * listener says so; ours retries {@link #TRANSIENT} codes up to {@link
 * BulkWriter#MAX_RETRY_ATTEMPTS} with BulkWriter's exponential backoff, and records anything else
 * as a failure that {@link #flush()} reports. At most {@link #MAX_IN_FLIGHT} operations are
 * pending: the caller blocks beyond that, because at the initial 500 ops/s an unthrottled producer
 * would otherwise buffer the whole model in memory.
 *
 * <p>A stalled backend is bounded by {@code stall}: when no operation completes for that long while
 * some are pending, {@link #set}, {@link #delete} and {@link #flush()} fail with a {@link
 * StoreException}, the writer stops retrying and {@link #close()} leaves it (its own close would
 * wait for the stalled operations, each retried with the client's full RPC timeout).
 */
final class FirestoreBulk implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(FirestoreBulk.class.getName());

  /** 2,000 pending writes: 4 s of work at the initial 500 ops/s, ~40 MB at 20 KB/document. */
  static final int MAX_IN_FLIGHT = 2_000;

  static final Set<Status.Code> TRANSIENT =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.ABORTED,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.INTERNAL);

  private final BulkWriter writer;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private final AtomicLong writes;
  private final AtomicLong deletes;
  private final WriteProgress progress;
  private final Duration poll;
  private final Duration stall;

  /** When an operation last completed, or the first of a pending run started (nanoTime). */
  private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());

  /**
   * BulkWriter's scheduler, ours so that a writer whose flush hung can be left without a thread.
   */
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          new ThreadFactoryBuilder().setDaemon(true).setNameFormat("firestore-bulk-%d").build());

  /** Set when the flush hung or the backend stalled: close then leaves the writer. */
  private volatile boolean abandoned;

  /**
   * @param stall how long pending operations may go without one completing before the writer is
   *     abandoned; checked every quarter of it, at most every 10 s (a flush future still pending 10
   *     s after its last write completed is BulkWriter's race, not a slow commit)
   */
  FirestoreBulk(
      Firestore db,
      boolean throttle,
      AtomicLong writes,
      AtomicLong deletes,
      WriteProgress progress,
      Duration stall) {
    this(
        db,
        throttle,
        writes,
        deletes,
        progress,
        min(Duration.ofSeconds(10), stall.dividedBy(4)),
        stall);
  }

  /** {@code poll}: how often a waiting call checks for completed operations and for a stall. */
  FirestoreBulk(
      Firestore db,
      boolean throttle,
      AtomicLong writes,
      AtomicLong deletes,
      WriteProgress progress,
      Duration poll,
      Duration stall) {
    this.poll = poll;
    this.stall = stall;
    this.writer =
        db.bulkWriter(
            BulkWriterOptions.builder()
                .setThrottlingEnabled(throttle)
                .setExecutor(executor)
                .build());
    this.writes = writes;
    this.deletes = deletes;
    this.progress = progress;
    writer.addWriteErrorListener(
        error -> {
          if (!abandoned
              && TRANSIENT.contains(error.getStatus().getCode())
              && error.getFailedAttempts() < BulkWriter.MAX_RETRY_ATTEMPTS) {
            return true;
          }
          failures.incrementAndGet();
          firstFailure.compareAndSet(
              null,
              error.getOperationType()
                  + " "
                  + error.getDocumentReference().getPath()
                  + ": "
                  + error.getStatus());
          return false;
        });
  }

  void set(DocumentReference ref, Map<String, Object> fields) {
    acquire();
    track(writer.set(ref, fields), writes);
  }

  void delete(DocumentReference ref) {
    acquire();
    track(writer.delete(ref), deletes);
  }

  private void acquire() {
    if (inFlight.availablePermits() == MAX_IN_FLIGHT) {
      lastProgress.set(System.nanoTime()); // nothing pending: the stall clock starts now
    }
    try {
      while (!inFlight.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS)) {
        checkStall();
      }
    } catch (InterruptedException e) {
      abandoned = true;
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while writing to Firestore", e);
    }
  }

  /** Abandons the writer when operations are pending and none completed for {@code stall}. */
  private void checkStall() {
    long idle = System.nanoTime() - lastProgress.get();
    int pending = MAX_IN_FLIGHT - inFlight.availablePermits();
    if (pending > 0 && idle >= stall.toNanos()) {
      abandoned = true;
      throw new StoreException(
          "Firestore completed none of "
              + pending
              + " pending writes in "
              + stall.toSeconds()
              + " s; writer abandoned");
    }
  }

  private void track(ApiFuture<?> future, AtomicLong counter) {
    future.addListener(
        () -> {
          lastProgress.set(System.nanoTime());
          inFlight.release();
          try {
            future.get();
            counter.incrementAndGet();
            progress.add(1);
          } catch (ExecutionException | InterruptedException e) {
            // recorded by the error listener
          }
        },
        MoreExecutors.directExecutor());
  }

  /**
   * Waits for every pending operation. BulkWriter's own flush future can stay pending after every
   * write has completed (a race in its flush, googleapis/java-firestore#1772, reported to recur
   * after the fix; seen here once on the emulator), so the wait also ends, with a warning, once
   * every operation this writer started has completed.
   *
   * @throws StoreException naming the count and first failure, or the stall
   */
  void flush() {
    ApiFuture<Void> flushed = writer.flush();
    try {
      while (true) {
        try {
          flushed.get(poll.toMillis(), TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          if (inFlight.availablePermits() == MAX_IN_FLIGHT) {
            LOG.log(
                Level.WARNING,
                "BulkWriter.flush() still pending though all {0} operations completed;"
                    + " continuing (googleapis/java-firestore#1772)",
                writes.get() + deletes.get());
            abandoned = true;
            break;
          }
          checkStall();
        }
      }
    } catch (InterruptedException e) {
      abandoned = true;
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while flushing Firestore writes", e);
    } catch (ExecutionException e) {
      throw new StoreException("Firestore flush failed: " + e.getCause(), e.getCause());
    }
    if (failures.get() > 0) {
      throw new StoreException(
          failures.get() + " Firestore writes failed after retries; first: " + firstFailure.get());
    }
  }

  /**
   * Closes the BulkWriter (which flushes again) unless its flush hung or it was abandoned, then its
   * scheduler.
   */
  @Override
  public void close() {
    try {
      if (!abandoned) {
        writer.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // failures were recorded by the error listener; close only drains
    } finally {
      executor.shutdown();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
