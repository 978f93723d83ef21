package dev.alike.eval;

import dev.alike.model.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Runs candidates over seeded splits and averages their metrics: per seed, the mean over customers
 * with at least one held-out SKU; over seeds, mean and sample standard deviation.
 */
public final class Evaluation {
  /** Index of catalogue coverage in a result's metric arrays, after {@link Metrics#NAMES}. */
  public static final int COVERAGE = Metrics.NAMES.length;

  /**
   * @param split how to split
   * @param ratio training share
   * @param k list length
   * @param seeds one split per seed
   */
  public record Settings(SplitMethod split, double ratio, int k, long[] seeds) {
    public Settings {
      if (k < 1) {
        throw new IllegalArgumentException("k must be >= 1, was " + k);
      }
      if (seeds.length == 0) {
        throw new IllegalArgumentException("at least one seed is needed");
      }
    }
  }

  /**
   * One candidate's outcome.
   *
   * @param mean per metric ({@link Metrics#NAMES}, then coverage), mean over seeds
   * @param std the same, sample standard deviation over seeds (0 for one seed)
   * @param fitSeconds mean fit time per seed
   * @param recommendSeconds mean time to recommend for all test customers per seed
   */
  public record Result(
      String name, double[] mean, double[] std, double fitSeconds, double recommendSeconds) {}

  /** The whole run. */
  public record Report(
      Settings settings,
      int customers,
      int skus,
      long events,
      double testCustomers,
      List<Result> results) {}

  private final Settings settings;

  public Evaluation(Settings settings) {
    this.settings = settings;
  }

  /** Evaluates every candidate on the same splits of {@code log}. */
  public Report run(EventLog log, List<Candidate> candidates) {
    int metrics = Metrics.NAMES.length + 1;
    int seeds = settings.seeds().length;
    double[][][] perSeed = new double[candidates.size()][seeds][];
    double[][] times = new double[candidates.size()][2];
    double testCustomers = 0;
    for (int s = 0; s < seeds; s++) {
      long seed = settings.seeds()[s];
      Split split = settings.split().apply(log, settings.ratio(), seed);
      testCustomers += split.testCustomers() / (double) seeds;
      TrainingSet training = TrainingSet.of(split, seed);
      for (int c = 0; c < candidates.size(); c++) {
        long t0 = System.nanoTime();
        Candidate.Ranker ranker = candidates.get(c).fit(training);
        long t1 = System.nanoTime();
        perSeed[c][s] = evaluate(ranker, split, training, metrics);
        times[c][0] += (t1 - t0) / 1e9 / seeds;
        times[c][1] += (System.nanoTime() - t1) / 1e9 / seeds;
      }
    }
    List<Result> results = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      double[] mean = new double[metrics];
      double[] std = new double[metrics];
      for (int m = 0; m < metrics; m++) {
        SummaryStatistics stats = new SummaryStatistics();
        for (int s = 0; s < seeds; s++) {
          stats.addValue(perSeed[c][s][m]);
        }
        mean[m] = stats.getMean();
        // Sample standard deviation (n - 1); 0 for a single seed rather than NaN.
        std[m] = seeds > 1 ? stats.getStandardDeviation() : 0;
      }
      results.add(new Result(candidates.get(c).name(), mean, std, times[c][0], times[c][1]));
    }
    return new Report(
        settings, log.customers().size(), log.skus().size(), log.size(), testCustomers, results);
  }

  /** Mean metrics over test customers, then coverage. */
  private double[] evaluate(
      Candidate.Ranker ranker, Split split, TrainingSet training, int metrics) {
    int[][] heldOut = split.heldOut();
    int k = settings.k();
    int[][] lists = new int[heldOut.length][];
    double[][] perCustomer = new double[heldOut.length][];
    IntStream.range(0, heldOut.length)
        .parallel()
        .filter(u -> heldOut[u].length > 0)
        .forEach(
            u -> {
              lists[u] = ranker.recommend(u, k);
              perCustomer[u] = Metrics.of(lists[u], heldOut[u], k);
            });
    double[] sum = new double[metrics];
    boolean[] recommended = new boolean[training.seen().skuCount()];
    int customers = 0;
    // Summed in customer order, so the result does not depend on thread scheduling.
    for (int u = 0; u < heldOut.length; u++) {
      if (perCustomer[u] != null) {
        customers++;
        for (int m = 0; m < Metrics.NAMES.length; m++) {
          sum[m] += perCustomer[u][m];
        }
        for (int j : lists[u]) {
          recommended[j] = true;
        }
      }
    }
    for (int m = 0; m < Metrics.NAMES.length; m++) {
      sum[m] = customers > 0 ? sum[m] / customers : 0;
    }
    int covered = 0;
    for (boolean r : recommended) {
      covered += r ? 1 : 0;
    }
    int catalogue = training.catalogueSize();
    sum[COVERAGE] = catalogue > 0 ? (double) covered / catalogue : 0;
    return sum;
  }
}
