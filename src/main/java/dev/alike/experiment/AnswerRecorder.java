package dev.alike.experiment;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records every list answer ({@link AnswerRecords} lines) without making a request wait: {@link
 * #record} mints the answer's {@link AttributionToken} and puts the answer on a bounded queue; one
 * background thread hands batches to the {@link Sink}. When the queue is full or the sink fails,
 * the answers concerned are lost and counted ({@link #state}), and a warning naming the count is
 * logged at most once a minute; the request is answered unchanged either way. Thread-safe.
 */
public final class AnswerRecorder implements AutoCloseable {
  /**
   * Answers queued at most: about 5 MB of heap, a few seconds of a busy instance's answers, so a
   * sink that stalls for a moment loses nothing.
   */
  public static final int CAPACITY = 10_000;

  /** Answers per sink write at most: one Pub/Sub message stays far below its 10 MB limit. */
  static final int MAX_BATCH = 500;

  /** Losses are logged at most this often. */
  static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** How long {@link #close} waits for the queued answers to be written. */
  static final long CLOSE_MILLIS = 15_000;

  /** Where recorded answers go. Called from the recorder's one writer thread. */
  public interface Sink extends AutoCloseable {
    /**
     * Writes {@code answers} durably (appended, or acknowledged by the topic).
     *
     * @throws RuntimeException when they were not written; they count as lost
     */
    void write(List<Exposure> answers);

    /** Where answers go, for {@code /healthz} and log lines. */
    String where();

    @Override
    void close();
  }

  /**
   * What {@code /healthz} shows.
   *
   * @param on whether answers are recorded at all
   * @param where where they go, or why they are not recorded
   * @param recorded answers written so far
   * @param lost answers not written (queue full, sink failing, after close)
   * @param queued answers waiting for the writer
   * @param lastError the last sink failure, or null
   */
  public record State(
      boolean on, String where, long recorded, long lost, int queued, String lastError) {}

  private static final String VARIANT = "default";

  private final Sink sink;
  private final String off;
  private final BlockingQueue<Exposure> queue;
  private final System.Logger log;
  private final int capacity;

  /** Answers the full queue (or a closed recorder) refused. */
  private final LongAdder dropped = new LongAdder();

  /** Answers of sink writes that failed. */
  private final AtomicLong failed = new AtomicLong();

  private final AtomicLong recorded = new AtomicLong();
  private final java.util.function.LongSupplier clock;
  private final Thread writer;
  private volatile boolean closed;
  private volatile String lastError;

  private AnswerRecorder(
      Sink sink,
      String off,
      int capacity,
      System.Logger log,
      java.util.function.LongSupplier clock) {
    this.clock = clock;
    this.sink = sink;
    this.off = off;
    this.log = log;
    this.capacity = capacity;
    this.queue = sink == null ? null : new ArrayBlockingQueue<>(capacity);
    if (sink == null) {
      this.writer = null;
      return;
    }
    this.writer = new Thread(this::run, "alike-answers");
    writer.setDaemon(true); // close() drains it; a JVM that exits without close loses the queue
    writer.start();
  }

  /**
   * A recorder writing to {@code sink} from a thread of its own.
   *
   * @param capacity answers queued at most ({@link #CAPACITY} outside tests)
   */
  public static AnswerRecorder start(Sink sink, int capacity, System.Logger log) {
    return start(sink, capacity, log, System::currentTimeMillis);
  }

  /**
   * A recorder whose answers are stamped by {@code clockMillis} (epoch milliseconds) instead of the
   * system clock: {@code alike simulate} runs its simulated days on a clock of its own.
   */
  public static AnswerRecorder start(
      Sink sink, int capacity, System.Logger log, java.util.function.LongSupplier clockMillis) {
    if (capacity < 1) {
      throw new IllegalArgumentException("answer queue capacity must be >= 1, was " + capacity);
    }
    return new AnswerRecorder(sink, null, capacity, log, clockMillis);
  }

  /**
   * A recorder that records nothing ({@code why} says so on {@code /healthz}); tokens still minted.
   */
  public static AnswerRecorder off(String why) {
    return new AnswerRecorder(null, why, 0, null, System::currentTimeMillis);
  }

  /**
   * Mints the answer's token and queues the answer for recording; never blocks.
   *
   * @param customer the customer id, or the anonymous session id, or {@code -}
   * @param placement the placement's name, or null for none
   * @param variant the experiment variant, or null for {@code default}
   * @param version the model version that answered, or null for none
   * @param skus the SKUs in the order served
   * @throws IllegalArgumentException when a name does not fit a token (the placement or variant
   *     name is not {@link AttributionToken#NAME}, the version is over 32 characters)
   */
  public AttributionToken record(
      String customer, String placement, String variant, String version, List<String> skus) {
    AttributionToken token =
        AttributionToken.mint(placement, variant == null ? VARIANT : variant, version);
    if (sink == null) {
      return token;
    }
    Exposure e =
        new Exposure(
            clock.getAsLong(),
            customer == null || customer.isEmpty() ? AttributionToken.NONE : customer,
            token.placement(),
            token.variant(),
            token.request(),
            token.version(),
            skus);
    if (closed || !queue.offer(e)) {
      dropped.increment();
    }
    return token;
  }

  /** Counts and where answers go. */
  public State state() {
    if (sink == null) {
      return new State(false, off, 0, 0, 0, null);
    }
    return new State(true, sink.where(), recorded.get(), lost(), queue.size(), lastError);
  }

  private long lost() {
    return dropped.sum() + failed.get();
  }

  private void run() {
    List<Exposure> batch = new ArrayList<>(MAX_BATCH);
    long warnedDropped = 0;
    long warnedFailed = 0;
    String lastFailure = null;
    long lastWarn = System.nanoTime() - WARN_EVERY_NANOS;
    while (true) {
      try {
        // a short poll: an idle writer notices close() and a loss to report within 0.1 s
        Exposure first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
          String failure = write(batch);
          lastFailure = failure != null ? failure : lastFailure;
          batch.clear();
        } else if (closed) {
          break;
        }
      } catch (InterruptedException e) {
        break; // close() gave up waiting: what is still queued is lost
      }
      long d = dropped.sum();
      long f = failed.get();
      if (d + f > warnedDropped + warnedFailed
          && System.nanoTime() - lastWarn >= WARN_EVERY_NANOS) {
        log.log(Level.WARNING, lossMessage(d - warnedDropped, f - warnedFailed, lastFailure));
        warnedDropped = d;
        warnedFailed = f;
        lastFailure = null;
        lastWarn = System.nanoTime();
      }
    }
    dropped.add(queue.size());
    queue.clear();
  }

  /** Writes {@code batch}; the failure's message, or null when written. */
  private String write(List<Exposure> batch) {
    try {
      sink.write(batch);
      recorded.addAndGet(batch.size());
      lastError = null;
      return null;
    } catch (RuntimeException e) {
      failed.addAndGet(batch.size());
      lastError = String.valueOf(e.getMessage());
      return lastError;
    }
  }

  private String lossMessage(long droppedLately, long failedLately, String failure) {
    StringBuilder m =
        new StringBuilder("answer recording to ")
            .append(sink.where())
            .append(" lost ")
            .append(droppedLately + failedLately)
            .append(" answers (")
            .append(lost())
            .append(" since start; the answers themselves went out unchanged):");
    if (droppedLately > 0) {
      m.append(' ').append(droppedLately).append(" found the queue of ").append(capacity);
      m.append(" full");
    }
    if (failedLately > 0) {
      m.append(droppedLately > 0 ? ";" : "").append(' ').append(failedLately);
      m.append(" failed to write: ").append(failure);
    }
    return m.toString();
  }

  /**
   * Stops taking answers, writes what is queued (waiting at most {@link #CLOSE_MILLIS}) and closes
   * the sink; answers still queued then count as lost and are logged.
   */
  @Override
  public void close() {
    if (sink == null || closed) {
      return;
    }
    closed = true;
    try {
      writer.join(CLOSE_MILLIS);
      if (writer.isAlive()) {
        writer.interrupt();
        writer.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sink.close();
    long total = lost();
    if (total > 0) {
      log.log(
          Level.WARNING,
          "answer recording to " + sink.where() + " lost " + total + " answers in all");
    }
  }
}
