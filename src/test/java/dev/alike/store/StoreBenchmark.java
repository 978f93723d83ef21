package dev.alike.store;

import com.google.cloud.firestore.FirestoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Store benchmarks, run by hand (see docs/storage.md for the command and recorded results):
 *
 * <pre>
 * local-read  [skus]            p50/p99 of skus(version, 50 random ids) from LocalModelStore
 * emulator-write HOST [docs]    SKU documents/s written to a Firestore emulator, throttled and not
 * </pre>
 *
 * Documents are shaped like a real build: 50 similar and 50 reverse entries, 12-char ids, a
 * category and two attributes per entry.
 */
public final class StoreBenchmark {
  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "local-read" -> localRead(args.length > 1 ? Integer.parseInt(args[1]) : 20_000);
      case "emulator-write" ->
          emulatorWrite(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 5_000);
      default -> System.err.println("usage: local-read [skus] | emulator-write HOST [docs]");
    }
  }

  static List<SkuDocument> documents(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<SkuDocument> docs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      docs.add(
          new SkuDocument(
              id(i),
              "cat" + (i % 40),
              Map.of("gender", i % 2 == 0 ? "f" : "m"),
              entries(random, n, 50),
              entries(random, n, 50)));
    }
    return docs;
  }

  private static List<Neighbor> entries(SplittableRandom random, int n, int k) {
    List<Neighbor> out = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      int sku = random.nextInt(n);
      out.add(
          new Neighbor(
              id(sku),
              1.0 - j / 100.0,
              "cat" + (sku % 40),
              Map.of("gender", sku % 2 == 0 ? "f" : "m", "brand", "b" + sku % 97)));
    }
    return out;
  }

  private static String id(int i) {
    return String.format(Locale.ROOT, "SKU-%08d", i);
  }

  static void localRead(int n) throws Exception {
    Path dir = Files.createTempDirectory("alike-bench");
    try (LocalModelStore store = new LocalModelStore(dir)) {
      store.writeVersion(
          new ModelInfo("v1", Instant.now(), n), VersionDocuments.of(documents(n, 1), List.of()));
      store.activate("v1", 2);
      long load = System.nanoTime();
      store.skus("v1", List.of(id(0)));
      System.out.printf(
          Locale.ROOT, "loaded %,d SKU documents in %.1f s%n", n, (System.nanoTime() - load) / 1e9);
      SplittableRandom random = new SplittableRandom(7);
      int rounds = 200_000;
      long[] nanos = new long[rounds];
      long sink = 0;
      for (int pass = 0; pass < 2; pass++) { // pass 0 warms up the JIT
        for (int r = 0; r < rounds; r++) {
          List<String> ids = new ArrayList<>(50);
          for (int j = 0; j < 50; j++) {
            ids.add(id(random.nextInt(n)));
          }
          long t0 = System.nanoTime();
          String version = store.current().orElseThrow().version();
          sink += store.skus(version, ids).size();
          nanos[r] = System.nanoTime() - t0;
        }
      }
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "local read of 50 SKUs (current() + skus()): p50 %.1f us, p99 %.1f us, max %.1f us over %,d calls (%d found)%n",
          nanos[rounds / 2] / 1e3,
          nanos[(int) (rounds * 0.99)] / 1e3,
          nanos[rounds - 1] / 1e3,
          rounds,
          sink);
    }
  }

  static void emulatorWrite(String host, int n) {
    List<SkuDocument> docs = documents(n, 2);
    for (boolean throttle : new boolean[] {true, false}) {
      FirestoreOptions options =
          FirestoreOptions.newBuilder()
              .setProjectId("bench-" + throttle)
              .setEmulatorHost(host)
              .build();
      try (FirestoreModelStore store =
          new FirestoreModelStore(
              options.getService(),
              new FirestoreSettings("alike_", Duration.ofSeconds(10), throttle))) {
        long t0 = System.nanoTime();
        store.writeVersion(
            new ModelInfo("v1", Instant.now(), n), VersionDocuments.of(docs, List.of()));
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "emulator write, throttling %s: %,d documents in %.1f s = %,.0f documents/s%n",
            throttle ? "on (500/50/5)" : "off",
            n,
            s,
            n / s);
        System.out.println(FirestoreCost.STANDARD.describe(store.stats()));
      }
    }
  }
}
