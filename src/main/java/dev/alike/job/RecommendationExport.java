package dev.alike.job;

import dev.alike.function.Json;
import dev.alike.function.StoreQueries;
import dev.alike.store.CustomerProfile;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

  /** Writes every customer's line to {@code out} (not closed); returns the number of customers. */
  public long writeTo(OutputStream out) throws IOException {
    StoreQueries queries = new StoreQueries(store);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> daemon(r));
    long written = 0;
    long start = System.nanoTime();
    long lastReport = start;
    try {
      Iterator<CustomerProfile> profiles = store.profiles();
      while (profiles.hasNext()) {
        List<CustomerProfile> batch = new ArrayList<>(BATCH);
        while (profiles.hasNext() && batch.size() < BATCH) {
          batch.add(profiles.next());
        }
        for (String line : score(queries, batch, pool)) {
          out.write(line.getBytes(StandardCharsets.UTF_8));
        }
        written += batch.size();
        long now = System.nanoTime();
        if (now - lastReport > 10_000_000_000L) {
          log.accept(
              String.format(
                  "exported %,d customers (%.0f/s)", written, written / ((now - start) / 1e9)));
          lastReport = now;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    log.accept(
        String.format(
            "exported %,d customers in %.1f s", written, (System.nanoTime() - start) / 1e9));
    return written;
  }

  private List<String> score(
      StoreQueries queries, List<CustomerProfile> customers, ExecutorService pool)
      throws IOException {
    int chunks = Math.min(threads * 4, customers.size());
    List<Future<List<String>>> futures = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      int from = customers.size() * c / chunks;
      int to = customers.size() * (c + 1) / chunks;
      futures.add(pool.submit(() -> lines(queries, customers.subList(from, to))));
    }
    List<String> out = new ArrayList<>(customers.size());
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
      sb.setLength(0);
      sb.append("{\"customer\":");
      Json.string(sb, customer.customer());
      sb.append(",\"items\":[");
      List<Map.Entry<String, Double>> items = queries.itemsFor(customer, n);
      for (int i = 0; i < items.size(); i++) {
        sb.append(i == 0 ? "[" : ",[");
        Json.string(sb, items.get(i).getKey());
        sb.append(',').append((float) (double) items.get(i).getValue()).append(']');
      }
      sb.append("]}\n");
      out.add(sb.toString());
    }
    return out;
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "export");
    t.setDaemon(true);
    return t;
  }
}
