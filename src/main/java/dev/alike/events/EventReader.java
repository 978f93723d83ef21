package dev.alike.events;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.alike.model.EventLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads event files into one {@link EventLog}: plan chunks, parse them in parallel, merge them in
 * input order, check the rejected share.
 *
 * <p>Files are read in the order given; a large uncompressed JSON Lines or CSV file is split into
 * fixed-size byte ranges that start at line boundaries. Every chunk is parsed into its own small
 * log and the logs are merged in (file, offset) order, so ids get the indices of a sequential read
 * and the result is the same for any thread count. Merging runs on the calling thread while later
 * chunks are still being parsed; at most {@code 2 * threads} parsed chunks wait in memory.
 */
public final class EventReader {
  private final IngestOptions options;

  public EventReader(IngestOptions options) {
    this.options = options;
  }

  /**
   * Reads all {@code inputs}.
   *
   * @throws IngestException when an input cannot be read (naming it), its extension is unknown or
   *     its content does not match it, no event at all was found, or the rejected share exceeds
   *     {@link IngestOptions#maxRejectedShare()} (giving the counts per reason and a sample)
   */
  public IngestResult read(List<? extends EventInput> inputs) {
    IngestResult result = readUnchecked(inputs);
    check(result.report(), describe(inputs));
    return result;
  }

  /**
   * As {@link #read}, but neither an input without events nor the rejected share fails it: for a
   * caller that reads inputs one at a time (the Beam build, one file per task) and checks the
   * added-up report with {@link #check} once.
   *
   * @throws IngestException when an input cannot be read or its content does not match its format
   */
  public IngestResult readUnchecked(List<? extends EventInput> inputs) {
    long t0 = System.nanoTime();
    if (inputs.isEmpty()) {
      throw new IngestException("no event inputs given");
    }
    List<Chunk> chunks = plan(inputs);
    long bytes = 0;
    for (EventInput input : inputs) {
      bytes += Math.max(0, input.size());
    }
    Merge merge = new Merge(bytes);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            options.threads(),
            new ThreadFactoryBuilder().setNameFormat("alike-ingest-%d").setDaemon(true).build());
    try {
      Deque<Future<ChunkSink>> pending = new ArrayDeque<>();
      int submitted = 0;
      for (Chunk chunk : chunks) {
        while (submitted < chunks.size() && pending.size() < 2 * options.threads()) {
          Chunk next = chunks.get(submitted++);
          pending.add(pool.submit(() -> ChunkParser.parse(next, options, merge.spare.poll())));
        }
        merge.add(chunk, await(pending.poll(), chunk));
      }
    } finally {
      pool.shutdownNow();
    }
    EventLog log = merge.log();
    IngestReport report =
        merge.report(inputs.size(), bytes, (System.nanoTime() - t0) / 1_000_000, options.threads());
    return new IngestResult(log, report);
  }

  /** {@code a.jsonl} or {@code a.jsonl, ...}: the inputs as the checks' messages name them. */
  private static String describe(List<? extends EventInput> inputs) {
    return inputs.size()
        + " input(s): "
        + inputs.get(0).name()
        + (inputs.size() > 1 ? ", ..." : "");
  }

  private List<Chunk> plan(List<? extends EventInput> inputs) {
    CsvLayout columns =
        options.csvColumns() == null ? null : CsvLayout.fromColumns(options.csvColumns());
    List<Chunk> chunks = new ArrayList<>();
    for (int f = 0; f < inputs.size(); f++) {
      EventInput input = inputs.get(f);
      EventFormat format = EventFormat.of(input.name());
      long size = input.size();
      boolean split =
          (format == EventFormat.JSON_LINES || format == EventFormat.CSV)
              && input.splittable()
              && !EventFormat.gzipped(input.name())
              && size > options.chunkBytes();
      CsvLayout layout = format == EventFormat.CSV ? columns : null;
      if (!split) {
        chunks.add(new Chunk(f, input, format, 0, Long.MAX_VALUE, true, false, layout));
        continue;
      }
      if (format == EventFormat.CSV && layout == null) {
        layout = ChunkParser.readHeader(input);
      }
      for (long start = 0; start < size; start += options.chunkBytes()) {
        long end = Math.min(size, start + options.chunkBytes());
        chunks.add(new Chunk(f, input, format, start, end, false, start > 0, layout));
      }
    }
    return chunks;
  }

  private static ChunkSink await(Future<ChunkSink> future, Chunk chunk) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestException("interrupted while reading " + chunk.input().name(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IngestException ie) {
        throw ie;
      }
      throw new IngestException(
          "failed reading " + chunk.input().name() + ": " + e.getCause(), e.getCause());
    }
  }

  /**
   * Fails a read that found no event at all, or whose rejected share exceeds {@link
   * IngestOptions#maxRejectedShare()}.
   *
   * @param inputs the inputs as the message names them, e.g. {@code 3 input(s): a.jsonl, ...}
   * @throws IngestException giving the counts per reason and the first sample
   */
  public void check(IngestReport report, String inputs) {
    if (report.accepted() + report.rejectedTotal() == 0) {
      throw new IngestException(
          "no events found in "
              + inputs
              + (report.skippedTotal() == 0
                  ? ""
                  : "; skipped by name: "
                      + report.skipped()
                      + " (GA4 event names the mapping does not take: --ga4-events)"));
    }
    if (report.rejectedShare() > options.maxRejectedShare()) {
      throw new IngestException(
          String.format(
              Locale.ROOT,
              "rejected %d of %d events (%.2f%%), more than the allowed %.2f%% (--max-rejected):"
                  + " %s; first: %s",
              report.rejectedTotal(),
              report.accepted() + report.rejectedTotal(),
              100 * report.rejectedShare(),
              100 * options.maxRejectedShare(),
              report.nonZero(),
              report.samples().isEmpty() ? "-" : report.samples().get(0)));
    }
  }

  /** Appends chunk results in order, renumbering ids and lines. Runs on the calling thread. */
  private final class Merge {
    /**
     * Initial id capacity. Small on purpose: the tables then grow during the first chunk's merge,
     * while the JIT is still profiling, so it compiles the merge with its growth path; a table
     * presized for 65k ids first grew after compilation and made the JIT compile the merge twice.
     */
    static final int EXPECTED_IDS = 1 << 10;

    final GlobalIds customers = new GlobalIds(EXPECTED_IDS);
    final GlobalIds skus = new GlobalIds(EXPECTED_IDS);

    /** Sinks already merged, for workers to fill again (at most the number ever in flight). */
    final Queue<ChunkSink> spare = new ConcurrentLinkedQueue<>();

    final long totalBytes;
    long bytesDone;
    int[] customer = new int[0];
    int[] sku = new int[0];
    float[] weight = new float[0];
    long[] time = new long[0];
    byte[] type = new byte[0];

    /** Null until a chunk has an order. */
    long[] order;

    /** Null until a chunk has an attribution; codes index {@link #tokens}. */
    int[] attribution;

    final List<String> tokens = new ArrayList<>();
    final Map<String, Integer> tokenIndex = new HashMap<>();
    long unattributed;

    /** Null until a chunk has a purchase with a price. */
    double[] revenue;

    int events;
    final long[] rejected = new long[RejectReason.values().length];
    final List<String> samples = new ArrayList<>();
    final Map<String, Long> skipped = new TreeMap<>();
    long lines;
    int file = -1;
    long fileLines;
    long resume;

    Merge(long totalBytes) {
      this.totalBytes = totalBytes;
    }

    void add(Chunk chunk, ChunkSink sink) {
      if (chunk.file() != file) {
        file = chunk.file();
        fileLines = 0;
      } else if (sink.firstOffset != resume) {
        // The previous chunk's last record ran past the line where this chunk started (a quoted
        // CSV field with a newline): parse again from where that record really ended.
        sink = ChunkParser.parse(chunk.resumeAt(resume), options);
      }
      resume = sink.resumeOffset;
      sink.remap(customers.remap(sink.customers), skus.remap(sink.skus));
      bytesDone += Math.min(chunk.end(), Math.max(0, chunk.input().size())) - chunk.start();
      append(sink);
      for (int r = 0; r < rejected.length; r++) {
        rejected[r] += sink.rejected[r];
      }
      sink.skipped.forEach((name, n) -> skipped.merge(name, n, Long::sum));
      for (ChunkSink.Sample s : sink.samples) {
        if (samples.size() < ChunkSink.MAX_SAMPLES) {
          samples.add(chunk.input().name() + ":" + (fileLines + s.line()) + ": " + s.text());
        }
      }
      fileLines += sink.lines;
      lines += sink.lines;
      spare.offer(sink);
    }

    /**
     * Copies the chunk's events into the merged columns. These are sized once from the events per
     * byte seen so far times the bytes of all inputs (plus 2%), since re-growing arrays of hundreds
     * of MB costs a copy each and memory for both.
     */
    private void append(ChunkSink sink) {
      long needed = (long) events + sink.size;
      if (needed > Integer.MAX_VALUE - 16) {
        throw new IngestException("too many events for one log: " + needed);
      }
      if (needed > customer.length) {
        double perByte = bytesDone > 0 ? needed / (double) bytesDone : 0;
        long estimate = (long) (perByte * Math.max(totalBytes, bytesDone) * 1.02) + 1024;
        int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(estimate, needed * 5 / 4));
        customer = Arrays.copyOf(customer, cap);
        sku = Arrays.copyOf(sku, cap);
        weight = Arrays.copyOf(weight, cap);
        time = Arrays.copyOf(time, cap);
        type = Arrays.copyOf(type, cap);
        order = order == null ? null : Arrays.copyOf(order, cap);
        attribution = attribution == null ? null : Arrays.copyOf(attribution, cap);
        revenue = revenue == null ? null : Arrays.copyOf(revenue, cap);
      }
      System.arraycopy(sink.customer, 0, customer, events, sink.size);
      System.arraycopy(sink.sku, 0, sku, events, sink.size);
      System.arraycopy(sink.weight, 0, weight, events, sink.size);
      System.arraycopy(sink.time, 0, time, events, sink.size);
      System.arraycopy(sink.type, 0, type, events, sink.size);
      if (sink.hasOrders) {
        if (order == null) {
          order = new long[customer.length]; // earlier chunks had no orders: zeros
        }
        System.arraycopy(sink.order, 0, order, events, sink.size);
      }
      if (sink.hasAttributions) {
        appendAttributions(sink);
      }
      if (sink.hasRevenue) {
        if (revenue == null) {
          revenue = new double[customer.length];
          Arrays.fill(revenue, 0, events, Double.NaN);
        }
        System.arraycopy(sink.revenue, 0, revenue, events, sink.size);
      } else if (revenue != null) {
        Arrays.fill(revenue, events, events + sink.size, Double.NaN);
      }
      if (attribution != null && !sink.hasAttributions) {
        Arrays.fill(attribution, events, events + sink.size, EventLog.NO_ATTRIBUTION);
      }
      unattributed += sink.unattributed;
      events += sink.size;
    }

    /** Copies the chunk's attribution codes, renumbering its tokens into the log's table. */
    private void appendAttributions(ChunkSink sink) {
      if (attribution == null) {
        attribution = new int[customer.length];
        Arrays.fill(attribution, 0, events, EventLog.NO_ATTRIBUTION);
      }
      int[] global = new int[sink.attributions.size()];
      for (int i = 0; i < global.length; i++) {
        global[i] =
            tokenIndex.computeIfAbsent(
                sink.attributions.get(i),
                t -> {
                  tokens.add(t);
                  return tokens.size() - 1;
                });
      }
      for (int e = 0; e < sink.size; e++) {
        int code = sink.attribution[e];
        attribution[events + e] = code >= 0 ? global[code] : code;
      }
    }

    /** All events in one log; the merged columns are handed over, not copied. */
    EventLog log() {
      return EventLog.wrap(
              customers.toIndex(), skus.toIndex(), customer, sku, weight, time, order, type, events)
          .withReportColumns(attribution, tokens.toArray(new String[0]), revenue);
    }

    IngestReport report(int files, long bytes, long millis, int threads) {
      Map<String, Long> byReason = new LinkedHashMap<>();
      for (RejectReason r : RejectReason.values()) {
        byReason.put(r.key(), rejected[r.ordinal()]);
      }
      return new IngestReport(
          files,
          bytes,
          lines,
          events,
          byReason,
          skipped,
          List.copyOf(samples),
          millis,
          threads,
          unattributed);
    }
  }
}
