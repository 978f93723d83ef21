package dev.alike.store;

import dev.alike.model.IdIndex;
import dev.alike.model.ItemModel;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Write benchmark of {@link LocalModelStore} at the product's target size, run by hand (see
 * docs/storage.md): a synthetic model of SKUS SKUs with k neighbours each (skewed, so reverse lists
 * vary), a catalog with a category, one attribute and 1% unavailable SKUs, and CUSTOMERS profiles
 * of 7 SKUs built like {@code dev.alike.job.Profiles} does. Prints the best of ROUNDS runs of
 * {@code writeVersion}, of {@code replaceProfiles} (first write: all new; rewrite: all unchanged)
 * and of merely iterating the profiles.
 *
 * <pre>
 * java -Xmx2g -cp ... dev.alike.store.LocalWriteBenchmark [skus=100000] [customers=1000000] [k=50] [rounds=3]
 * </pre>
 */
public final class LocalWriteBenchmark {
  private LocalWriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    int skus = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int customers = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    ItemModel model = model(skus, k, new SplittableRandom(1));
    Catalog catalog = catalog(model.skus());
    Profiles profiles = new Profiles(model.skus(), customers, new SplittableRandom(2));
    System.out.printf(
        Locale.ROOT,
        "model: %,d SKUs, %,d neighbour + %,d reverse entries; %,d profiles%n",
        skus,
        model.neighbors().entries(),
        model.reverse().entries(),
        customers);
    Path dir = Files.createTempDirectory("alike-write-bench");
    try (LocalModelStore store = new LocalModelStore(dir)) {
      for (int r = 0; r < rounds; r++) {
        String version = "v" + r;
        CatalogDocuments docs = new CatalogDocuments(model, catalog);
        time(
            "writeVersion",
            () -> store.writeVersion(new ModelInfo(version, Instant.now(), skus), docs),
            "cut");
        store.activate(version, 2);
      }
      time(
          "skus(2) after load",
          () -> store.skus(store.current().orElseThrow().version(), List.of("s1", "s2")).size(),
          "docs");
      for (int r = 0; r < rounds; r++) {
        time(
            "iterate profiles only",
            () -> {
              long n = 0;
              for (Iterator<CustomerProfile> it = profiles.iterator(); it.hasNext(); ) {
                n += it.next().scores().size();
              }
              return n;
            },
            "entries");
      }
      for (int r = 0; r < rounds; r++) {
        store.replaceProfiles(java.util.Collections.emptyIterator());
        time("replaceProfiles (all new)", () -> store.replaceProfiles(profiles.iterator()), "");
      }
      for (int r = 0; r < rounds; r++) {
        time("replaceProfiles (unchanged)", () -> store.replaceProfiles(profiles.iterator()), "");
      }
      ProfileColumns columns =
          new ProfileColumns(
              profiles.customers(),
              profiles.skus(),
              profiles.rowPtr(),
              profiles.rowSkus(),
              profiles.rowValues());
      for (int r = 0; r < rounds; r++) {
        store.replaceProfiles(java.util.Collections.emptyIterator());
        time("replaceProfiles(columns) new", () -> store.replaceProfiles(columns), "");
      }
      for (int r = 0; r < rounds; r++) {
        time("replaceProfiles(columns) same", () -> store.replaceProfiles(columns), "");
      }
      System.out.printf(
          Locale.ROOT,
          "database: %s %,d bytes%n",
          SqliteDatabase.FILE,
          Files.size(dir.resolve(SqliteDatabase.FILE)));
    }
  }

  private static void time(String what, Supplier<Object> run, String unit) {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    Object result = run.get();
    System.out.printf(
        Locale.ROOT,
        "%-30s %7.0f ms wall %7.0f ms cpu  (%s %s)%n",
        what,
        (System.nanoTime() - t0) / 1e6,
        (threads.getCurrentThreadCpuTime() - cpu0) / 1e6,
        result,
        unit);
  }

  static ItemModel model(int n, int k, SplittableRandom random) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add("s" + i);
    }
    IdIndex index = IdIndex.of(ids);
    int[] ptr = new int[n + 1];
    int[] items = new int[n * k];
    float[] scores = new float[n * k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        double u = random.nextDouble();
        items[i * k + j] = (int) (n * u * u); // skewed: low indices are popular neighbours
        scores[i * k + j] = 1f - j / (float) (2 * k);
      }
      ptr[i + 1] = (i + 1) * k;
    }
    NeighborLists neighbors = new NeighborLists(ptr, items, scores);
    NeighborLists reverse = neighbors.reverse(1000, index, null);
    int[] popular = new int[Math.min(1000, n)];
    float[] popularScores = new float[popular.length];
    for (int r = 0; r < popular.length; r++) {
      popular[r] = r;
      popularScores[r] = popular.length - r;
    }
    return new ItemModel(index, neighbors, reverse, new PopularSkus(popular, popularScores));
  }

  static Catalog catalog(IdIndex skus) {
    Map<String, Catalog.Entry> entries = new HashMap<>();
    String[] genders = {"female", "male", "unisex"};
    for (int i = 0; i < skus.size(); i++) {
      entries.put(
          skus.id(i),
          new Catalog.Entry("cat-" + i / 500, Map.of("gender", genders[i % 3]), i % 100 != 7));
    }
    return new Catalog(entries);
  }

  /** Profiles of ~7 SKUs per customer, iterated like {@code dev.alike.job.Profiles}. */
  record Profiles(IdIndex skus, IdIndex customers, int[] rowPtr, int[] rowSkus, float[] rowValues) {
    Profiles(IdIndex skus, int customers, SplittableRandom random) {
      this(
          skus,
          new IdIndex(customers),
          new int[customers + 1],
          new int[customers * 7],
          new float[customers * 7]);
      for (int u = 0; u < customers; u++) {
        this.customers.add("c" + u);
        for (int e = u * 7; e < u * 7 + 7; e++) {
          rowSkus[e] = distinct(random, skus.size(), u * 7, e);
          rowValues[e] = 1 + random.nextInt(5) * 0.5f;
        }
        rowPtr[u + 1] = (u + 1) * 7;
      }
    }

    /** A random SKU not yet in {@code rowSkus[from, to)} (matrix rows hold each SKU once). */
    private int distinct(SplittableRandom random, int n, int from, int to) {
      while (true) {
        int sku = random.nextInt(n);
        if (Arrays.stream(rowSkus, from, to).noneMatch(s -> s == sku)) {
          return sku;
        }
      }
    }

    Iterator<CustomerProfile> iterator() {
      return new Iterator<>() {
        private int u;

        @Override
        public boolean hasNext() {
          return u < rowPtr.length - 1;
        }

        @Override
        public CustomerProfile next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Map<String, Double> scores = new LinkedHashMap<>();
          for (int e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
            scores.put(skus.id(rowSkus[e]), (double) rowValues[e]);
          }
          return new CustomerProfile(customers.id(u++), scores);
        }
      };
    }
  }
}
