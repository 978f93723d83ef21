package dev.alike.job;

import dev.alike.events.EventFormat;
import dev.alike.events.EventInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The heap a build needs, estimated from its inputs before they are read, so that a build too big
 * for its heap fails in a second with one line instead of after minutes of garbage collection.
 *
 * <p>Events are estimated as the inputs' bytes (gzipped ones times {@link #GZIP_RATIO}) over the
 * bytes per line of the first input's first {@link #SAMPLE_BYTES}; the heap as {@link
 * #HEAP_PER_EVENT} bytes per event plus {@link #BASE_HEAP}. Both constants come from the smallest
 * -Xmx that built each size of the scaling series in docs/benchmarks.md without thrashing, with a
 * margin. An input of unknown size counts as nothing (the estimate then errs low, never blocks).
 *
 * @param inputBytes the inputs' bytes as read (gzipped sizes times the ratio)
 * @param events the estimated number of events
 * @param heapNeeded the estimated heap, in bytes
 */
public record MemoryEstimate(long inputBytes, long events, long heapNeeded) {
  /**
   * Heap per event at the peak of a build (the event columns, the interaction matrix and its
   * transpose, the id tables and the neighbour lists all live at once). The smallest -Xmx that
   * built the scaling series was 80-86 bytes per event (10M events: 768 MB built, 640 MB did not;
   * 30M: 2.25 GB, not 2 GB; 50M: 4 GB, not 3.5 GB); at that edge the build spends a third more time
   * in GC, so the estimate sat just above it at 85; the event type column adds 1. Events with order
   * ids add an 8-byte order key each, which this estimate leaves out (it cannot tell from the
   * sample whether later lines have orders).
   */
  static final long HEAP_PER_EVENT = 86;

  /** Heap of a build with almost no events: classes, buffers, the 16 MiB parse chunks. */
  static final long BASE_HEAP = 64L << 20;

  /** Assumed expansion of gzipped JSON Lines or CSV (measured 7-10x on the generated events). */
  static final int GZIP_RATIO = 8;

  /** Bytes read from the first input to measure bytes per event: a few thousand lines. */
  static final int SAMPLE_BYTES = 1 << 20;

  /** Estimates the build of {@code inputs}, reading at most {@link #SAMPLE_BYTES} of the first. */
  public static MemoryEstimate of(List<? extends EventInput> inputs) {
    long bytes = 0;
    for (EventInput input : inputs) {
      if (input.size() > 0) {
        long size = input.size() * (EventFormat.gzipped(input.name()) ? GZIP_RATIO : 1);
        bytes = size > Long.MAX_VALUE - bytes ? Long.MAX_VALUE : bytes + size;
      }
    }
    double perLine = inputs.isEmpty() ? 64 : bytesPerLine(inputs.get(0));
    long events = (long) (bytes / perLine);
    return new MemoryEstimate(bytes, events, BASE_HEAP + events * HEAP_PER_EVENT);
  }

  /**
   * Throws when more heap is needed than {@code maxHeap}.
   *
   * @throws IllegalStateException one line with the heap needed, the events and the heap available,
   *     e.g. {@code about 5.1 GB of heap needed for 2.0 GB of events (about 30.0M), 2.0 GB
   *     available: raise -Xmx or the job's memory}
   */
  public void check(long maxHeap) {
    if (heapNeeded > maxHeap) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "about %.1f GB of heap needed for %.1f GB of events (about %.1fM), %.1f GB"
                  + " available: raise -Xmx or the job's memory (or --no-memory-check /"
                  + " ALIKE_CHECK_MEMORY=false to try anyway)",
              gb(heapNeeded),
              gb(inputBytes),
              events / 1e6,
              gb(maxHeap)));
    }
  }

  private static double gb(long bytes) {
    return bytes / (double) (1L << 30);
  }

  /** Bytes per line of the input's first lines (decompressed); at least 16. */
  private static double bytesPerLine(EventInput input) {
    byte[] buffer = new byte[1 << 16];
    long read = 0;
    long lines = 0;
    try (InputStream raw = input.open();
        InputStream in = EventFormat.gzipped(input.name()) ? new GZIPInputStream(raw) : raw) {
      for (int n; read < SAMPLE_BYTES && (n = in.read(buffer)) > 0; read += n) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input.name() + ": " + e.getMessage(), e);
    }
    return Math.max(16, read / (double) Math.max(1, lines));
  }
}
