package dev.alike.cli;

import dev.alike.experiment.AnswerRecorder;
import dev.alike.experiment.LocalAnswerLog;
import dev.alike.function.RecommendFunction;
import dev.alike.model.ItemModel;
import dev.alike.serving.CurrentModel;
import dev.alike.serving.Filter;
import dev.alike.serving.Placement;
import dev.alike.serving.Placements;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code alike bench}'s last lines: the latency of the serving path on the benchmark's model,
 * without and with a placement, and with {@code --record-answers} with each answer recorded.
 */
final class ServingLatency {
  /**
   * The benchmark's placement: a filter, a boost and a bury (three expressions per candidate) and
   * diversity, over the synthetic catalog {@link #catalog} gives the model, in a running experiment
   * of two variants on the same model (so the timing adds each request's assignment and nothing
   * else).
   */
  static final String PLACEMENT =
      """
      {"placements": {"bench": {"list": "for-you", "n": 10,
        "filter": "available and price >= 5",
        "boost": [{"when": "attr.brand = \\"house\\"", "factor": 1.5}],
        "bury": [{"when": "category in (\\"c0\\", \\"c1\\")", "factor": 0.5}],
        "diversity": {"by": "category", "max": 2}}},
       "experiments": {"bench": {"placements": ["bench"],
        "variants": {"a": {"share": 0.5}, "b": {"share": 0.5}}}}}
      """;

  private ServingLatency() {}

  /** A catalog for the benchmark: 50 categories, every 7th SKU of the house brand, prices 0-99. */
  static Catalog catalog(ItemModel model) {
    Map<String, Catalog.Entry> entries = new HashMap<>();
    for (int i = 0; i < model.skus().size(); i++) {
      entries.put(
          model.skus().id(i),
          new Catalog.Entry(
              "c" + i % 50,
              i % 7 == 0 ? Map.of("brand", "house") : Map.of("brand", "b" + i % 13),
              true,
              null,
              null,
              (double) (i % 100)));
    }
    return new Catalog(entries);
  }

  /**
   * Times the serving path in-process ({@link RecommendService#recommend}: current version, SKU
   * cache, scorer, answer items) for random customers of {@code profileSkus} real SKUs each, given
   * as session interactions over the model written to a local store in a temporary directory.
   *
   * @param recordAnswers also time plain requests whose answers are recorded ({@link
   *     RecommendFunction#record}) to the store directory's answer file, alternating with the
   *     others
   */
  static void print(ItemModel model, int profileSkus, int requests, int k, boolean recordAnswers)
      throws Exception {
    Path dir = Files.createTempDirectory("alike-bench-store");
    try (ModelStore store = Stores.open("local:" + dir);
        AnswerRecorder answers =
            recordAnswers
                ? AnswerRecorder.start(
                    new LocalAnswerLog(dir),
                    AnswerRecorder.CAPACITY,
                    System.getLogger(ServingLatency.class.getName()))
                : AnswerRecorder.off("not asked")) {
      CatalogDocuments docs = new CatalogDocuments(model, catalog(model));
      store.writeVersion(new ModelInfo("bench", Instant.now(), docs.size()), docs);
      store.activate("bench", 1);
      RecommendService service =
          new RecommendService(
              store, docs.size(), CurrentModel.REFRESH_NANOS, System::nanoTime, e -> {});
      Random random = new Random(1);
      int n = model.skus().size();
      Queries.Recommend[] queries = new Queries.Recommend[1024];
      String[] units = new String[queries.length];
      for (int v = 0; v < queries.length; v++) {
        units[v] = "customer-" + v;
        Map<String, Double> session = new LinkedHashMap<>();
        random
            .ints(0, n)
            .distinct()
            .limit(Math.min(profileSkus, n))
            .forEach(j -> session.put(model.skus().id(j), 2.0));
        queries[v] = new Queries.Recommend(null, session, null, false, 10, Filter.NONE);
      }
      Placements placements = Placements.parse(PLACEMENT, "bench", service.listTypes());
      Placement placement = placements.get("bench").orElseThrow();
      for (int warm = 0; warm < 20_000; warm++) {
        Queries.Recommend q = queries[warm % queries.length];
        service.recommend(q);
        service.placed(placed(q, placements.assign(placement, units[warm % units.length], null)));
        if (recordAnswers) {
          RecommendFunction.record(answers, service.recommend(q), "bench", null);
        }
      }
      // alternating plain, placed and recorded requests: all see the same machine state
      long[] plain = new long[requests];
      long[] shaped = new long[requests];
      long[] recorded = new long[recordAnswers ? requests : 0];
      long[] recording = new long[recordAnswers ? requests : 0];
      for (int r = 0; r < requests; r++) {
        Queries.Recommend q = queries[r % queries.length];
        long s = System.nanoTime();
        RecommendService.Answer answer = service.recommend(q);
        plain[r] = System.nanoTime() - s;
        if (recordAnswers) {
          // The recording step alone, on this request's own answer: asking again for the same
          // query would find it warm in every cache and understate the request's time.
          s = System.nanoTime();
          RecommendFunction.record(answers, answer, "bench", null);
          recording[r] = System.nanoTime() - s;
          recorded[r] = plain[r] + recording[r];
        }
        String unit = units[r % units.length];
        s = System.nanoTime();
        service.placed(placed(q, placements.assign(placement, unit, null)));
        shaped[r] = System.nanoTime() - s;
      }
      String what = "(" + profileSkus + " SKUs per customer, k=" + k + ", n=10, 1 thread)";
      print("serving path " + what, plain);
      print(
          "serving path with a placement of 3 rules and diversity in a 2-variant experiment "
              + what,
          shaped);
      if (recordAnswers) {
        print("serving path with the answer recorded " + what, recorded);
        print("the recording step alone (token, SKU list, queue offer)", recording);
      }
      Arrays.sort(plain);
      Arrays.sort(shaped);
      int p99 = (int) (requests * 0.99);
      System.out.printf(
          Locale.ROOT, "placement p99 / plain p99: %.2f%n", (double) shaped[p99] / plain[p99]);
      if (recordAnswers) {
        answers.close(); // writes what is queued, so the counts are final
        Arrays.sort(recorded);
        System.out.printf(
            Locale.ROOT,
            "recorded p50 - plain p50: %+.1f us, recorded p99 - plain p99: %+.1f us"
                + " (%d answers recorded, %d lost)%n",
            (recorded[requests / 2] - plain[requests / 2]) / 1e3,
            (recorded[p99] - plain[p99]) / 1e3,
            answers.state().recorded(),
            answers.state().lost());
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Queries.Recommend placed(Queries.Recommend q, Placement p) {
    return new Queries.Recommend(
        q.customer(), q.session(), q.context(), q.sameCategory(), q.n(), q.filter(), p);
  }

  private static void print(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    System.out.printf(
        Locale.ROOT,
        "%s: p50 %.1f us, p99 %.1f us, max %.1f us%n",
        what,
        sorted[n / 2] / 1e3,
        sorted[(int) (n * 0.99)] / 1e3,
        sorted[n - 1] / 1e3);
  }
}
