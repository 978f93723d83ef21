package dev.alike.job;

import dev.alike.function.Json;
import dev.alike.function.StoreQueries;
import dev.alike.store.CustomerProfile;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Top-n recommendations for every stored customer as JSON Lines {@code {"customer": "c1", "items":
 * [["s2", 1.3], ...]}}, for e-mail campaigns. Streams: customers are read, scored in parallel and
 * written in batches, so memory stays flat however many customers there are; output order is the
 * store's profile order whatever the thread count.
 */
public final class RecommendationExport {
  /** Customers per parallel batch: enough to keep every thread busy, small enough to stream. */
  private static final int BATCH = 4096;

  private final ModelStore store;
  private final int n;
  private final int threads;
  private final Consumer<String> log;

  public RecommendationExport(ModelStore store, int n, int threads, Consumer<String> log) {
    if (n < 1 || n > 100) {
      throw new IllegalArgumentException("n must be in 1..100, was " + n);
    }
    this.store = store;
    this.n = n;
    this.threads = Math.max(1, threads);
    this.log = log;
  }

  /**
   * Writes every customer's line to {@code out} (not closed); returns the number of customers.
   * Scores through the function's own scorer, one profile at a time, whatever the store.
   */
  public long writeTo(OutputStream out) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> daemon(r));
    Progress progress = new Progress();
    try {
      // Scores through the store as the function does, re-reading the current version as it
      // goes: a build that switches versions during the export is named in the log below.
      Optional<String> before = store.current().map(ModelInfo::version);
      StoreQueries queries = new StoreQueries(store);
      Iterator<CustomerProfile> profiles = store.profiles();
      while (profiles.hasNext()) {
        List<CustomerProfile> batch = new ArrayList<>(BATCH);
        while (profiles.hasNext() && batch.size() < BATCH) {
          batch.add(profiles.next());
        }
        progress.add(
            write(
                out, parallel(batch.size(), pool, (a, b) -> lines(queries, batch.subList(a, b)))));
      }
      Optional<String> after = store.current().map(ModelInfo::version);
      if (!before.equals(after)) {
        log.accept(
            "warning: the current model changed during the export, from "
                + before.orElse("none")
                + " to "
                + after.orElse("none")
                + "; later customers were scored with the newer one");
      }
    } finally {
      pool.shutdownNow();
    }
    log.accept(
        String.format(
            "exported %,d customers in %.1f s",
            progress.written, (System.nanoTime() - progress.start) / 1e9));
    return progress.written;
  }

  /** Customers written so far, with a line to the log at most every 10 s. */
  private final class Progress {
    final long start = System.nanoTime();
    long lastReport = start;
    long written;

    void add(int customers) {
      written += customers;
      long now = System.nanoTime();
      if (now - lastReport > 10_000_000_000L) {
        log.accept(
            String.format(
                "exported %,d customers (%.0f/s)", written, written / ((now - start) / 1e9)));
        lastReport = now;
      }
    }
  }

  private static int write(OutputStream out, List<String> lines) throws IOException {
    for (String line : lines) {
      out.write(line.getBytes(StandardCharsets.UTF_8));
    }
    return lines.size();
  }

  /** The lines of items [from, to) of one batch. */
  private interface Chunk {
    List<String> lines(int from, int to);
  }

  /** Splits a batch of {@code size} into chunks scored on the pool; lines in batch order. */
  private List<String> parallel(int size, ExecutorService pool, Chunk chunk) throws IOException {
    int chunks = Math.min(threads * 4, size);
    List<Future<List<String>>> futures = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      int from = size * c / chunks;
      int to = size * (c + 1) / chunks;
      futures.add(pool.submit(() -> chunk.lines(from, to)));
    }
    List<String> out = new ArrayList<>(size);
    try {
      for (Future<List<String>> f : futures) {
        out.addAll(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("export interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new UncheckedIOException(new IOException(e.getCause()));
    }
    return out;
  }

  private List<String> lines(StoreQueries queries, List<CustomerProfile> customers) {
    List<String> out = new ArrayList<>(customers.size());
    StringBuilder sb = new StringBuilder(256);
    for (CustomerProfile customer : customers) {
      List<Map.Entry<String, Double>> items = queries.itemsFor(customer, n);
      startLine(sb, customer.customer());
      for (int i = 0; i < items.size(); i++) {
        item(sb, i, items.get(i).getKey(), items.get(i).getValue());
      }
      out.add(endLine(sb));
    }
    return out;
  }

  private static void startLine(StringBuilder sb, String customer) {
    sb.setLength(0);
    sb.append("{\"customer\":");
    Json.string(sb, customer);
    sb.append(",\"items\":[");
  }

  private static void item(StringBuilder sb, int i, String sku, double score) {
    sb.append(i == 0 ? "[" : ",[");
    Json.string(sb, sku);
    sb.append(',').append((float) score).append(']');
  }

  private static String endLine(StringBuilder sb) {
    return sb.append("]}\n").toString();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "export");
    t.setDaemon(true);
    return t;
  }
}
