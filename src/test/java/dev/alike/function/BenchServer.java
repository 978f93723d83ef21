package dev.alike.function;

import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Load-test server, run by hand (see docs/function.md); in-process latency is reported as wall time
 * and as the thread's CPU time, which a busy shared machine inflates far less: fits a random model
 * (20k SKUs, k = 50, 100k customers with 20-50 SKUs) into the local store, reports in-process
 * handler latency, then serves it over HTTP on the invoker until killed or {@code seconds} pass.
 *
 * <p>Arguments: port (default 8080), seconds to serve (default 600).
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    long t0 = System.nanoTime();
    TestModels.Fitted fitted = TestModels.random(2024, 100_000, 20_000, 20, 50, 50);
    // The embedded local store, as `alike serve` uses it (files in a temporary directory).
    Path dir = Files.createTempDirectory("alike-bench-store");
    LocalModelStore store = new LocalModelStore(dir);
    TestModels.write(store, "bench", fitted, 40);
    System.err.printf("model fitted and written in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    inProcess(store);
    try (LocalServer server =
        LocalServer.start(FunctionConfig.from(Map.of("ALIKE_CACHE_SKUS", "100000")), store, port)) {
      System.err.println("serving on port " + server.port() + " for " + seconds + " s");
      Thread.sleep(seconds * 1000L);
    }
  }

  private static void report(String clock, String kind, long[] nanos) {
    Arrays.sort(nanos);
    System.err.printf(
        "in-process /%s (%s time): p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
        kind,
        clock,
        nanos[nanos.length / 2] / 1e6,
        nanos[(int) (nanos.length * 0.99)] / 1e6,
        nanos[nanos.length - 1] / 1e6);
  }

  /** Handler latency without HTTP: warm-up, then 50k requests on random customers. */
  private static void inProcess(ModelStore store) {
    FunctionFixture f = new FunctionFixture(store, Map.of("ALIKE_CACHE_SKUS", "100000"));
    Random random = new Random(1);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 50_000; i++) {
      f.get("/recommendations?customer=u" + random.nextInt(100_000) + "&n=10");
      f.logBytes.reset();
    }
    for (String kind : List.of("recommendations", "similar")) {
      long[] nanos = new long[50_000];
      long[] cpu = new long[nanos.length];
      for (int i = 0; i < nanos.length; i++) {
        String target =
            kind.equals("similar")
                ? "/similar?sku=s" + random.nextInt(20_000) + "&n=10"
                : "/recommendations?customer=u" + random.nextInt(100_000) + "&n=10";
        long startCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        f.get(target);
        nanos[i] = System.nanoTime() - start;
        cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
        if (i % 1000 == 0) {
          f.logBytes.reset();
        }
      }
      report("wall", kind, nanos);
      report("cpu", kind, cpu);
    }
  }
}
