package dev.alike.cli;

import dev.alike.eval.ColdStartEvaluation;
import dev.alike.eval.OnlineRetail;
import dev.alike.model.ColdStart;
import dev.alike.model.FitOptions;
import dev.alike.model.Similarities;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alike evaluate-cold-start}: new products on Online Retail ({@link ColdStartEvaluation}),
 * its {@code Description} as the title; prints one line per list.
 */
@Command(
    name = "evaluate-cold-start",
    mixinStandardHelpOptions = true,
    description =
        "Offline evaluation of new products: SKUs first sold after a time split, catalog-only in"
            + " the model; hit when a buyer had one in their top n.")
public final class EvaluateColdStartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, description = "online_retail.csv[.gz].")
  Path data;

  @Option(
      names = "--ratio",
      defaultValue = "0.75",
      description = "Share of the events before the split (default ${DEFAULT-VALUE}).")
  double ratio;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "List length n (default ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--similarity",
      defaultValue = Similarities.DEFAULT,
      description = "The collaborative similarity (default ${DEFAULT-VALUE}).")
  String similarity;

  @Option(
      names = "--content-weights",
      split = ",",
      defaultValue = "" + ColdStart.DEFAULT_WEIGHT,
      description = "Content weights to compare, comma-separated (default ${DEFAULT-VALUE}).")
  List<Double> weights;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    OnlineRetail.Loaded loaded = OnlineRetail.read(data, OnlineRetail.Weight.LINES);
    Map<String, String> titles = OnlineRetail.titles(data);
    FitOptions fit = FitOptions.defaults().withSimilarity(Similarities.parse(similarity));
    ColdStartEvaluation.Report r =
        ColdStartEvaluation.run(
            loaded.events(), titles, new ColdStartEvaluation.Settings(ratio, top, fit, weights));
    out.printf(
        "split at %s: %,d SKUs before, %,d new after; %,d customers with history bought %,d"
            + " (customer, new SKU) pairs after; similarity %s, top %d%n",
        Instant.ofEpochSecond(r.splitTime()),
        r.trainSkus(),
        r.newSkus(),
        r.customers(),
        r.pairs(),
        fit.similarity().name(),
        top);
    out.printf("%-50s %12s %14s %12s%n", "list", "new recall", "new hit rate", "all recall");
    for (ColdStartEvaluation.Row row : r.rows()) {
      out.printf(
          "%-50s %12.4f %14.4f %12s%n",
          row.name(),
          row.pairRecall(),
          row.customerHitRate(),
          Double.isNaN(row.allRecall())
              ? "-"
              : String.format(java.util.Locale.ROOT, "%.4f", row.allRecall()));
    }
    out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
    out.flush();
    return 0;
  }
}
