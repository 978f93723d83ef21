package dev.alike.events;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Parsing throughput on a generated JSON Lines file, run by hand:
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.alike.events.EventReaderBenchmark [lines] [file] [runs]
 * </pre>
 *
 * <p>Lines look like {@code {"customer":"c123456","sku":"s98765","event":"view","ts":1762000000}}
 * with 200k customers and 100k SKUs drawn at random (so most ids recur only across chunks, the
 * costly case for the merge). Prints lines/s for 1 and 2 threads, best of 3 (or {@code runs}) runs
 * each, and the best process CPU time (JIT and GC threads included), which is less sensitive than
 * wall time to other jobs on a shared machine.
 */
public final class EventReaderBenchmark {
  private static final String[] EVENTS = {"view", "view", "view", "view", "cart", "buy"};

  private EventReaderBenchmark() {}

  public static void main(String[] args) throws IOException {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("alike-bench", ".jsonl");
    if (args.length < 2 || !Files.exists(file) || Files.size(file) == 0) {
      generate(file, lines);
    }
    System.out.printf(Locale.ROOT, "%s: %.1f MB%n", file, Files.size(file) / 1e6);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int threads : new int[] {1, 2}) {
      double best = Double.MAX_VALUE;
      double bestCpu = Double.MAX_VALUE;
      IngestReport report = null;
      for (int run = 0; run < runs; run++) {
        long t0 = System.nanoTime();
        long cpu0 = os.getProcessCpuTime();
        IngestResult r =
            new EventReader(IngestOptions.defaults().withThreads(threads))
                .read(List.of(new LocalEventInput(file)));
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        bestCpu = Math.min(bestCpu, (os.getProcessCpuTime() - cpu0) / 1e9);
        report = r.report();
      }
      System.out.printf(
          Locale.ROOT,
          "threads=%d best=%.3f s  %.2f M lines/s  cpu=%.3f s (%s)%n",
          threads,
          best,
          report.lines() / best / 1e6,
          bestCpu,
          report.summary());
    }
  }

  static void generate(Path file, int lines) throws IOException {
    Random rnd = new Random(42);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (int i = 0; i < lines; i++) {
        w.write("{\"customer\":\"c");
        w.write(Integer.toString(100000 + rnd.nextInt(200000)));
        w.write("\",\"sku\":\"s");
        w.write(Integer.toString(10000 + rnd.nextInt(100000)));
        w.write("\",\"event\":\"");
        w.write(EVENTS[rnd.nextInt(EVENTS.length)]);
        w.write("\",\"ts\":");
        w.write(Long.toString(1762000000L + i));
        w.write("}\n");
      }
    }
  }
}
