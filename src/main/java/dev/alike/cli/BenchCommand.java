package dev.alike.cli;

import dev.alike.events.EventReader;
import dev.alike.events.IdShape;
import dev.alike.events.IngestOptions;
import dev.alike.events.IngestResult;
import dev.alike.events.LocalInputs;
import dev.alike.events.SyntheticEvents;
import dev.alike.job.BuildReport;
import dev.alike.model.FitOptions;
import dev.alike.model.InteractionMatrix;
import dev.alike.model.ItemModel;
import dev.alike.model.ModelFit;
import dev.alike.model.NeighborLists;
import dev.alike.model.Similarities;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alike bench}: per-stage timings of a build (without the store), similarity throughput,
 * peak heap, and the in-process latency of the serving path. For store writes, run {@code build},
 * whose report has the write stages.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Time the build stages and the in-process serving path on events or synthetic data.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--events", description = "Events to use instead of synthetic ones.")
  List<String> events;

  @Option(
      names = "--customers",
      defaultValue = "100000",
      description = "Synthetic customers (default ${DEFAULT-VALUE}).")
  int customers;

  @Option(
      names = "--skus",
      defaultValue = "20000",
      description = "Synthetic SKUs (default ${DEFAULT-VALUE}).")
  int skus;

  @Option(
      names = "--categories",
      defaultValue = "200",
      description = "Synthetic categories (default ${DEFAULT-VALUE}).")
  int categories;

  @Mixin FitMixin fitting;

  @Option(names = "--threads", description = "Threads (default: all cores).")
  Integer threads;

  @Option(
      names = "--requests",
      defaultValue = "20000",
      description = "Recommendations to time (default ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = "--profile-skus",
      defaultValue = "50",
      description = "SKUs per timed customer (default ${DEFAULT-VALUE}).")
  int profileSkus;

  @Option(
      names = "--record-answers",
      description =
          "Also time the serving path with each answer recorded as the function records it (token,"
              + " queue, a background writer appending to a local answer file), alternating with"
              + " the plain path.")
  boolean recordAnswers;

  @Option(
      names = "--shapes",
      description =
          "Build the same synthetic events once per id shape (short, digits8, codes, uuid, hash40,"
              + " unicode) and print the stage times side by side.")
  boolean shapes;

  @Option(
      names = "--rounds",
      defaultValue = "2",
      description = "With --shapes: builds per shape, best kept (default ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() throws Exception {
    if (requests < 1 || rounds < 1) {
      throw new IllegalArgumentException(
          "--requests and --rounds must be >= 1, were " + requests + " and " + rounds);
    }
    int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, max heap %d MB, %s %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    if (shapes) {
      compareShapes(cores);
      return 0;
    }
    List<String> inputs = events != null ? events : List.of(synthetic(IdShape.SHORT).toString());
    Stages run = stages(inputs, cores);
    System.out.printf(
        Locale.ROOT,
        "data: %,d events, %,d customers, %,d SKUs, %,d interactions, %,d neighbour entries%n",
        run.events(),
        run.matrix().customerCount(),
        run.matrix().skuCount(),
        run.matrix().nnz(),
        run.model().neighbors().entries());
    double[] ms = run.millis();
    System.out.printf(
        Locale.ROOT,
        "stage parse        %8.0f ms  (%.2f M events/s)%n",
        ms[0],
        run.events() / ms[0] / 1e3);
    System.out.printf(Locale.ROOT, "stage interactions %8.0f ms%n", ms[1]);
    System.out.printf(
        Locale.ROOT,
        "stage similarity   %8.0f ms  (%,d multiply-adds, %.0f M/s)%n",
        ms[2],
        run.accumulations(),
        run.accumulations() / ms[2] / 1e3);
    System.out.printf(Locale.ROOT, "stage reverse      %8.0f ms%n", ms[3]);
    System.out.printf(Locale.ROOT, "stage popular      %8.0f ms%n", ms[4]);
    System.out.printf(
        Locale.ROOT,
        "total              %8.0f ms, peak heap %d MB%n",
        Arrays.stream(ms).sum(),
        BuildReport.peakHeapBytes() >> 20);
    ServingLatency.print(run.model(), profileSkus, requests, fitting.k, recordAnswers);
    return 0;
  }

  /** One build without the store: stage times in ms (parse, interactions, similarity, ...). */
  private record Stages(
      double[] millis,
      long events,
      long accumulations,
      InteractionMatrix matrix,
      ItemModel model) {}

  private Stages stages(List<String> inputs, int cores) {
    long t0 = System.nanoTime();
    IngestResult read =
        new EventReader(IngestOptions.defaults().withThreads(cores))
            .read(LocalInputs.resolve(inputs));
    long t1 = System.nanoTime();
    ModelFit fit =
        new ModelFit(
            FitOptions.defaults()
                .withK(fitting.k)
                .withSimilarity(Similarities.parse(fitting.similarity))
                .withThreads(cores));
    InteractionMatrix matrix = fit.interactions(read.log());
    long t2 = System.nanoTime();
    // The similarity stage includes the scoring weights (EASE's regression; nothing otherwise).
    NeighborLists neighbors = fit.neighbors(matrix);
    NeighborLists weights = fit.scoringWeights(matrix, neighbors);
    long t3 = System.nanoTime();
    NeighborLists reverse = fit.reverse(weights, matrix.skus());
    long t4 = System.nanoTime();
    ItemModel model =
        new ItemModel(matrix.skus(), fit.similar(neighbors), reverse, fit.popular(matrix));
    long t5 = System.nanoTime();
    double[] millis = {ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5)};
    return new Stages(millis, read.log().size(), fit.accumulations(), matrix, model);
  }

  /**
   * The same events in every id shape, built {@link #rounds} times each; best times printed. Every
   * file is written (and flushed to disk) before the first timed build, and the rounds go shape
   * after shape, so writeback, page cache and machine drift fall on every shape alike.
   */
  private void compareShapes(int cores) throws Exception {
    String[] names = {"parse", "interactions", "similarity", "reverse", "popular"};
    IdShape[] all = IdShape.values();
    double[][] best = new double[all.length][names.length];
    long[] bytes = new long[all.length];
    Path[] files = new Path[all.length];
    for (int s = 0; s < all.length; s++) {
      files[s] = synthetic(all[s]);
      bytes[s] = Files.size(files[s]);
      Arrays.fill(best[s], Double.MAX_VALUE);
    }
    stages(List.of(files[0].toString()), cores); // warm-up: the first shape must not pay the JIT
    long events = 0;
    for (int r = 0; r < rounds; r++) {
      for (int s = 0; s < all.length; s++) {
        // Start each build from a collected heap: the garbage of the builds before it (GBs at 10M
        // events) otherwise lands in whichever build the collector happens to run in.
        System.gc();
        Stages run = stages(List.of(files[s].toString()), cores);
        events = run.events();
        for (int i = 0; i < names.length; i++) {
          best[s][i] = Math.min(best[s][i], run.millis()[i]);
        }
      }
      System.out.printf(Locale.ROOT, "round %d of %d done%n", r + 1, rounds);
    }
    for (Path file : files) {
      Files.delete(file);
    }
    System.out.printf(
        Locale.ROOT,
        "%,d events, %,d customers, %,d SKUs; best of %d builds per shape, ms%n",
        events,
        customers,
        skus,
        rounds);
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s", "stage"));
    for (IdShape shape : all) {
      header.append(String.format(Locale.ROOT, "%10s", shape.label()));
    }
    System.out.println(header);
    System.out.println(row("file MB", all.length, s -> bytes[s] / 1e6));
    for (int i = 0; i < names.length; i++) {
      int stage = i;
      System.out.println(row(names[i], all.length, s -> best[s][stage]));
    }
    System.out.println(row("total", all.length, s -> Arrays.stream(best[s]).sum()));
    System.out.println(row("parse / short", all.length, s -> best[s][0] / best[0][0]));
    // The parse reads every byte: longer ids mean bigger files, so the time per byte is what must
    // not grow with the id shape.
    System.out.println(row("parse ns/byte", all.length, s -> best[s][0] * 1e6 / bytes[s]));
  }

  private static String row(String name, int columns, java.util.function.IntToDoubleFunction cell) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s", name));
    for (int s = 0; s < columns; s++) {
      double v = cell.applyAsDouble(s);
      line.append(String.format(Locale.ROOT, v < 10 ? "%10.2f" : "%10.0f", v));
    }
    return line.toString();
  }

  private Path synthetic(IdShape shape) throws Exception {
    Path dir = Files.createTempDirectory("alike-bench");
    Path file = dir.resolve("events.jsonl");
    new SyntheticEvents(customers, skus, categories, 10, 42, shape).writeEvents(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true); // on disk before any timed parse: no writeback beside it
    }
    file.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return file;
  }

  private static double ms(long from, long to) {
    return (to - from) / 1e6;
  }
}
