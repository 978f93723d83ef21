package dev.alike.function;

import com.google.cloud.firestore.FirestoreOptions;
import dev.alike.store.FirestoreEmulatorExtension;
import dev.alike.store.FirestoreEmulatorExtension.Emulator;
import dev.alike.store.FirestoreModelStore;
import dev.alike.store.FirestoreSettings;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Load test of serving through a backend stall, run by hand (docs/benchmarks.md, "Serving through a
 * backend stall"): a Firestore emulator of its own holding a model, the function's local server
 * over it on loopback, and a steady request rate for a bounded time. A build writes and switches to
 * a new version during the second phase; the emulator is paused ({@code SIGSTOP}) for the third;
 * the fourth shows recovery. Prints per phase the answers, errors, degraded answers and p50/p99/max
 * latency, and the time from resuming the store to the last degraded answer.
 *
 * <p>Arguments: requests per second (default 50), seconds per phase (default 10).
 */
public final class StallLoad {
  private StallLoad() {}

  private record Result(long sentMillis, long millis, int status, boolean degraded) {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int phase = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Emulator emulator = FirestoreEmulatorExtension.startOwn(0);
    if (emulator.host() == null) {
      System.err.println("FIRESTORE EMULATOR NOT FOUND");
      System.exit(2);
    }
    try (emulator) {
      run(emulator, rate, phase);
    }
    System.exit(0);
  }

  private static ModelStore open(Emulator emulator, Duration callTimeout) {
    return new FirestoreModelStore(
        FirestoreOptions.newBuilder()
            .setProjectId("alike-load")
            .setEmulatorHost(emulator.host())
            .setRetrySettings(Stores.rpcBound(callTimeout))
            .build()
            .getService(),
        FirestoreSettings.defaults(callTimeout));
  }

  private static void run(Emulator emulator, int rate, int phase) throws Exception {
    int customers = 5_000;
    TestModels.Fitted fitted = TestModels.random(11, customers, 1_000, 5, 20, 20);
    try (ModelStore writer = open(emulator, Duration.ofSeconds(60))) {
      TestModels.write(writer, "v1", fitted, 20);
    }
    FunctionConfig config = FunctionConfig.from(Map.of("ALIKE_STORE", "firestore"));
    ModelStore serving = open(emulator, config.deadlines().storeCall());
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    try (LocalServer server = LocalServer.start(config, serving, 0)) {
      String base = "http://127.0.0.1:" + server.port();
      Random random = new Random(3);
      long start = System.nanoTime();
      long total = 4L * phase * rate;
      long buildAt = (long) phase * 1000;
      long pauseAt = 2L * phase * 1000;
      long resumeAt = 3L * phase * 1000;
      boolean built = false;
      boolean paused = false;
      boolean resumed = false;
      List<CompletableFuture<?>> pending = new ArrayList<>();
      Thread build = null;
      for (long i = 0; i < total; i++) {
        long due = start + i * 1_000_000_000L / rate;
        long now;
        while ((now = System.nanoTime()) < due) {
          Thread.sleep(Math.max(0, (due - now) / 1_000_000), 0);
        }
        long at = (now - start) / 1_000_000;
        if (!built && at >= buildAt) {
          built = true;
          build =
              new Thread(
                  () -> {
                    try (ModelStore w = open(emulator, Duration.ofSeconds(60))) {
                      long b = System.nanoTime();
                      TestModels.write(w, "v2", fitted, 20);
                      System.err.printf(
                          "build: v2 written and switched in %d ms%n",
                          (System.nanoTime() - b) / 1_000_000);
                    }
                  });
          build.start();
        }
        if (!paused && at >= pauseAt) {
          paused = true;
          emulator.signal("STOP");
          System.err.println("store paused at " + at + " ms");
        }
        if (!resumed && at >= resumeAt) {
          resumed = true;
          emulator.signal("CONT");
          System.err.println("store resumed at " + at + " ms");
        }
        String target = base + "/recommendations?customer=u" + random.nextInt(customers) + "&n=10";
        long sent = System.nanoTime();
        long sentMillis = (sent - start) / 1_000_000;
        pending.add(
            client
                .sendAsync(
                    HttpRequest.newBuilder(URI.create(target))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .handle(
                    (r, e) -> {
                      long ms = (System.nanoTime() - sent) / 1_000_000;
                      results.add(
                          r == null
                              ? new Result(sentMillis, ms, 0, false)
                              : new Result(
                                  sentMillis,
                                  ms,
                                  r.statusCode(),
                                  r.body().contains("\"degraded\":true")));
                      return null;
                    }));
      }
      CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).join();
      if (build != null) {
        build.join();
      }
      report(new ArrayList<>(results), phase, rate, resumeAt);
    }
  }

  private static void report(List<Result> all, int phase, int rate, long resumeAt) {
    String[] names = {"steady", "build switches v1 -> v2", "store paused", "store resumed"};
    System.out.printf(
        "%d requests/s, %d s per phase, load average %.1f at the end%n",
        rate, phase, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println(
        "| phase | requests | errors | 503 | degraded 200 | p50 ms | p99 ms | max ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (int p = 0; p < 4; p++) {
      long from = (long) p * phase * 1000;
      long to = from + phase * 1000L;
      List<Result> in =
          all.stream().filter(r -> r.sentMillis >= from && r.sentMillis < to).toList();
      long[] ms = in.stream().mapToLong(Result::millis).sorted().toArray();
      long errors = in.stream().filter(r -> r.status != 200 && r.status != 503).count();
      long unavailable = in.stream().filter(r -> r.status == 503).count();
      long degraded = in.stream().filter(r -> r.status == 200 && r.degraded).count();
      System.out.printf(
          "| %s | %d | %d | %d | %d | %d | %d | %d |%n",
          names[p],
          in.size(),
          errors,
          unavailable,
          degraded,
          pct(ms, 0.50),
          pct(ms, 0.99),
          ms.length == 0 ? 0 : ms[ms.length - 1]);
    }
    long lastBad =
        all.stream()
            .filter(r -> r.status != 200 || r.degraded)
            .mapToLong(Result::sentMillis)
            .max()
            .orElse(resumeAt);
    System.out.printf(
        "recovery: last degraded or failed answer sent %d ms after the store resumed%n",
        lastBad - resumeAt);
  }

  private static long pct(long[] sorted, double q) {
    return sorted.length == 0
        ? 0
        : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
