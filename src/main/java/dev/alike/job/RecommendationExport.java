package dev.alike.job;

import dev.alike.serving.CurrentModel.Snapshot;
import dev.alike.serving.Item;
import dev.alike.serving.Json;
import dev.alike.serving.RecommendService;
import dev.alike.store.CustomerProfile;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One per-customer list for every stored customer as JSON Lines {@code {"customer": "c1", "items":
 * [["s2", 1.3], ...]}}, for e-mail campaigns: recommended for you (every customer, topped up with
 * popular SKUs), buy it again or recently viewed (customers whose list is empty are left out and
 * counted in the log). Streams: customers are read, scored in parallel and written in batches, so
 * memory stays flat however many customers there are; output order is the store's profile order
 * whatever the thread count.
 */
public final class RecommendationExport {
  private static final System.Logger LOG = System.getLogger(RecommendationExport.class.getName());

  /** Customers per parallel batch: enough to keep every thread busy, small enough to stream. */
  private static final int BATCH = 4096;

  /**
   * SKU documents kept during an export: a whole catalogue of the sizes measured (100k SKUs), so
   * each document is read once; compiled documents are ids and scores, ~1-2 KB each.
   */
  private static final int CACHE_SKUS = 200_000;

  /** Which list an export writes, by its name on the command line. */
  public enum Kind {
    FOR_YOU("for-you"),
    BUY_AGAIN("buy-again"),
    RECENTLY_VIEWED("recently-viewed");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The name on the command line. */
    public String label() {
      return label;
    }

    /** The kind named {@code label}. @throws IllegalArgumentException naming it and the choices */
    public static Kind parse(String label) {
      for (Kind k : values()) {
        if (k.label.equals(label)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "unknown list type \"" + label + "\" (use for-you, buy-again or recently-viewed)");
    }
  }

  private final ModelStore store;
  private final Kind kind;
  private final int n;
  private final int threads;
  private final int batch;

  /** An export of recommended for you. */
  public RecommendationExport(ModelStore store, int n, int threads) {
    this(store, Kind.FOR_YOU, n, threads, BATCH);
  }

  public RecommendationExport(ModelStore store, Kind kind, int n, int threads) {
    this(store, kind, n, threads, BATCH);
  }

  /** As the public constructor, with {@code batch} customers per parallel batch (tests). */
  RecommendationExport(ModelStore store, int n, int threads, int batch) {
    this(store, Kind.FOR_YOU, n, threads, batch);
  }

  private RecommendationExport(ModelStore store, Kind kind, int n, int threads, int batch) {
    if (n < 1 || n > 100) {
      throw new IllegalArgumentException("n must be in 1..100, was " + n);
    }
    this.store = store;
    this.kind = kind;
    this.n = n;
    this.threads = Math.max(1, threads);
    this.batch = batch;
  }

  /**
   * Writes every customer's line to {@code out} (not closed); returns the number of customers
   * written. Every customer is scored on the version current when the export starts (buy it again
   * timed to when it starts), through the serving path and its SKU cache, exactly as {@code
   * /recommendations?customer=..}, {@code /buy-again} or {@code /recently-viewed} answer.
   *
   * @throws IllegalStateException when the store holds no current model
   */
  public long writeTo(OutputStream out) throws IOException {
    RecommendService service = RecommendService.forCommandLine(store, CACHE_SKUS);
    Snapshot model =
        service
            .current()
            .orElseThrow(() -> new IllegalStateException("no model has been built into the store"));
    log(
        "exporting "
            + kind.label()
            + " of version "
            + model.version()
            + " (one version throughout)");
    long now = System.currentTimeMillis() / 1000;
    long loadStart = System.nanoTime();
    long preloaded = service.preload(model);
    if (preloaded > 0) {
      log(
          String.format(
              "read %,d SKU documents in %.1f s",
              preloaded, (System.nanoTime() - loadStart) / 1e9));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> daemon(r));
    Progress progress = new Progress();
    try {
      Iterator<CustomerProfile> profiles = store.profiles();
      List<CustomerProfile> batch = next(profiles);
      while (!batch.isEmpty()) {
        List<CustomerProfile> scored = batch;
        List<Future<List<String>>> lines =
            submit(scored.size(), pool, (a, b) -> lines(service, model, now, scored.subList(a, b)));
        batch = next(profiles); // read the next batch while the pool scores this one
        progress.add(write(out, collect(lines)), scored.size());
      }
    } finally {
      pool.shutdownNow();
    }
    log(
        String.format(
            "exported %,d customers in %.1f s%s",
            progress.written,
            (System.nanoTime() - progress.start) / 1e9,
            progress.read == progress.written
                ? ""
                : String.format(
                    "; %,d with an empty %s list left out",
                    progress.read - progress.written, kind.label())));
    return progress.written;
  }

  /** Customers written so far, with a line to the log at most every 10 s. */
  private final class Progress {
    final long start = System.nanoTime();
    long lastReport = start;
    long written;
    long read;

    void add(int customers, int of) {
      written += customers;
      read += of;
      long now = System.nanoTime();
      if (now - lastReport > 10_000_000_000L) {
        log(
            String.format(
                "exported %,d customers (%.0f/s)", written, written / ((now - start) / 1e9)));
        lastReport = now;
      }
    }
  }

  private static void log(String line) {
    LOG.log(System.Logger.Level.INFO, line);
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

  private List<CustomerProfile> next(Iterator<CustomerProfile> profiles) {
    List<CustomerProfile> next = new ArrayList<>(batch);
    while (profiles.hasNext() && next.size() < batch) {
      next.add(profiles.next());
    }
    return next;
  }

  /** Splits a batch of {@code size} into chunks scored on the pool, in batch order. */
  private List<Future<List<String>>> submit(int size, ExecutorService pool, Chunk chunk) {
    int chunks = Math.min(threads * 4, size);
    List<Future<List<String>>> futures = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      int from = size * c / chunks;
      int to = size * (c + 1) / chunks;
      futures.add(pool.submit(() -> chunk.lines(from, to)));
    }
    return futures;
  }

  /** The lines of submitted chunks, in batch order. */
  private static List<String> collect(List<Future<List<String>>> futures) throws IOException {
    List<String> out = new ArrayList<>();
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

  private List<String> lines(
      RecommendService service, Snapshot model, long now, List<CustomerProfile> customers) {
    List<String> out = new ArrayList<>(customers.size());
    for (CustomerProfile customer : customers) {
      List<Item> items =
          switch (kind) {
            case FOR_YOU -> service.recommend(model, customer.scores(), n);
            case BUY_AGAIN -> service.buyAgain(model, customer, n, now);
            case RECENTLY_VIEWED -> service.recentlyViewed(model, customer, n);
          };
      if (items.isEmpty() && kind != Kind.FOR_YOU) {
        continue;
      }
      String line =
          Json.write(
              w -> {
                w.beginObject().name("customer").value(customer.customer());
                w.name("items").beginArray();
                for (Item item : items) {
                  w.beginArray().value(item.sku()).value((float) item.score()).endArray();
                }
                w.endArray().endObject();
              });
      out.add(line + "\n");
    }
    return out;
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "export");
    t.setDaemon(true);
    return t;
  }
}
