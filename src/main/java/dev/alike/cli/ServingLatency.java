package dev.alike.cli;

import dev.alike.model.ItemModel;
import dev.alike.serving.CurrentModel;
import dev.alike.serving.Filter;
import dev.alike.serving.Queries;
import dev.alike.serving.RecommendService;
import dev.alike.store.Catalog;
import dev.alike.store.CatalogDocuments;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** {@code alike bench}'s last line: the latency of the serving path on the benchmark's model. */
final class ServingLatency {
  private ServingLatency() {}

  /**
   * Times the serving path in-process ({@link RecommendService#recommend}: current version, SKU
   * cache, scorer, answer items) for random customers of {@code profileSkus} real SKUs each, given
   * as session interactions over the model written to a local store in a temporary directory.
   */
  static void print(ItemModel model, int profileSkus, int requests, int k) throws Exception {
    Path dir = Files.createTempDirectory("alike-bench-store");
    try (ModelStore store = Stores.open("local:" + dir)) {
      CatalogDocuments docs = new CatalogDocuments(model, Catalog.empty());
      store.writeVersion(new ModelInfo("bench", Instant.now(), docs.size()), docs);
      store.activate("bench", 1);
      RecommendService service =
          new RecommendService(
              store, docs.size(), CurrentModel.REFRESH_NANOS, System::nanoTime, e -> {});
      Random random = new Random(1);
      int n = model.skus().size();
      Queries.Recommend[] queries = new Queries.Recommend[1024];
      for (int v = 0; v < queries.length; v++) {
        Map<String, Double> session = new LinkedHashMap<>();
        random
            .ints(0, n)
            .distinct()
            .limit(Math.min(profileSkus, n))
            .forEach(j -> session.put(model.skus().id(j), 2.0));
        queries[v] = new Queries.Recommend(null, session, null, false, 10, Filter.NONE);
      }
      for (int warm = 0; warm < 20_000; warm++) {
        service.recommend(queries[warm % queries.length]);
      }
      long[] nanos = new long[requests];
      for (int r = 0; r < requests; r++) {
        long s = System.nanoTime();
        service.recommend(queries[r % queries.length]);
        nanos[r] = System.nanoTime() - s;
      }
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "serving path (%d SKUs per customer, k=%d, n=10, 1 thread): p50 %.1f us, p99 %.1f us,"
              + " max %.1f us%n",
          profileSkus,
          k,
          nanos[requests / 2] / 1e3,
          nanos[(int) (requests * 0.99)] / 1e3,
          nanos[requests - 1] / 1e3);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
