package dev.alike.events;

import java.util.List;

/**
 * How {@link EventReader} reads events.
 *
 * @param weights weights of event types without an explicit weight
 * @param threads parser threads, &gt;= 1; results do not depend on it
 * @param maxRejectedShare the build fails when rejected / (accepted + rejected) exceeds this, in
 *     [0, 1]
 * @param chunkBytes size of the byte ranges a large uncompressed file is split into, &gt;= 1
 * @param csvColumns for header-less CSV files, the column names in order (blank or {@code -} skips
 *     a column), e.g. {@code [customer, sku, -, event, timestamp]} for Taobao's UserBehavior.csv;
 *     null when CSV files have a header
 * @param ga4 how Google Analytics 4 events are read (customer id, variants, event names)
 */
public record IngestOptions(
    EventWeights weights,
    int threads,
    double maxRejectedShare,
    long chunkBytes,
    List<String> csvColumns,
    Ga4Mapping ga4) {
  /** 1%: a few bad lines are normal in exports, more means the wrong file or a format change. */
  public static final double DEFAULT_MAX_REJECTED_SHARE = 0.01;

  /**
   * 16 MiB. Chunks are a fixed byte size, never derived from the thread count, so the chunk
   * boundaries, the order ids are first seen in and thus the resulting event log are the same for
   * any number of threads. 16 MiB (about 240k JSON lines) makes per-chunk costs (opening a range,
   * merging the chunk's ids) negligible, while a 100 MB file still gives every core several chunks.
   */
  public static final long DEFAULT_CHUNK_BYTES = 16L << 20;

  /**
   * @throws IllegalArgumentException naming the bad value
   */
  public IngestOptions {
    if (weights == null) {
      throw new IllegalArgumentException("weights must not be null");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (!(maxRejectedShare >= 0 && maxRejectedShare <= 1)) {
      throw new IllegalArgumentException(
          "max rejected share must be in [0, 1], was " + maxRejectedShare);
    }
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunk bytes must be >= 1, was " + chunkBytes);
    }
    if (ga4 == null) {
      throw new IllegalArgumentException("ga4 mapping must not be null");
    }
    if (csvColumns != null) {
      csvColumns = List.copyOf(csvColumns);
      CsvLayout.fromColumns(csvColumns);
    }
  }

  /** Default weights, one thread per available processor, 1% rejected at most, 16 MiB chunks. */
  public static IngestOptions defaults() {
    return new IngestOptions(
        EventWeights.DEFAULT,
        Runtime.getRuntime().availableProcessors(),
        DEFAULT_MAX_REJECTED_SHARE,
        DEFAULT_CHUNK_BYTES,
        null,
        Ga4Mapping.DEFAULT);
  }

  public IngestOptions withWeights(EventWeights w) {
    return new IngestOptions(w, threads, maxRejectedShare, chunkBytes, csvColumns, ga4);
  }

  public IngestOptions withThreads(int n) {
    return new IngestOptions(weights, n, maxRejectedShare, chunkBytes, csvColumns, ga4);
  }

  public IngestOptions withMaxRejectedShare(double share) {
    return new IngestOptions(weights, threads, share, chunkBytes, csvColumns, ga4);
  }

  public IngestOptions withChunkBytes(long bytes) {
    return new IngestOptions(weights, threads, maxRejectedShare, bytes, csvColumns, ga4);
  }

  /** Header-less CSV columns, e.g. {@code "customer,sku,-,event,timestamp"}; null for headers. */
  public IngestOptions withCsvColumns(String spec) {
    List<String> cols = spec == null ? null : List.of(spec.split(",", -1));
    return new IngestOptions(weights, threads, maxRejectedShare, chunkBytes, cols, ga4);
  }

  /** GA4 events read with {@code m}. */
  public IngestOptions withGa4(Ga4Mapping m) {
    return new IngestOptions(weights, threads, maxRejectedShare, chunkBytes, csvColumns, m);
  }
}
