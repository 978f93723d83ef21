package dev.alike.cli;

import dev.alike.eval.AlikeCandidate;
import dev.alike.eval.Baselines;
import dev.alike.eval.BasketEvaluation;
import dev.alike.eval.Candidate;
import dev.alike.eval.Datasets;
import dev.alike.eval.Evaluation;
import dev.alike.eval.ReportWriter;
import dev.alike.eval.SplitMethod;
import dev.alike.model.EventLog;
import dev.alike.model.FitOptions;
import dev.alike.model.Similarities;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alike evaluate}: offline evaluation of alike's variants against popularity and random
 * baselines on seeded splits; prints a table and optionally writes JSON.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Offline evaluation: precision, recall, nDCG, MAP, hit rate, MRR, coverage at k.")
public final class EvaluateCommand implements Callable<Integer> {
  /** Seeds are 42, 43, ...: a fixed start so that runs repeat exactly. */
  private static final long FIRST_SEED = 42;

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      description =
          "Dataset file: events (.jsonl/.json/.csv[.gz]), u.data, ratings csv[.gz],"
              + " online_retail.csv.gz.")
  Path data;

  @Option(
      names = "--format",
      defaultValue = "auto",
      description = "auto, events, movielens, online-retail, online-retail-quantity.")
  String format;

  @Option(
      names = "--split",
      defaultValue = "user",
      description = "user, item, temporal or time (default ${DEFAULT-VALUE}).")
  SplitMethod split;

  @Option(
      names = "--ratio",
      defaultValue = "0.75",
      description = "Training share (default ${DEFAULT-VALUE}).")
  double ratio;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      description = "Number of seeded splits (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "List length k of the metrics (default ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--similarity",
      split = ",",
      defaultValue = "cosine,tfidf",
      description =
          "Similarities to compare, comma-separated: cosine, jaccard, shrunk-cosine[:lambda], tfidf, bm25[:k1:b], asymmetric[:alpha], ease[:C[:lambda[:base]]], <any>+support:n.")
  List<String> similarities;

  @Option(
      names = "--neighbors",
      split = ",",
      defaultValue = "50,100",
      description = "Neighbours per SKU, comma-separated; 'all' keeps every neighbour.")
  List<String> neighbors;

  @Option(
      names = "--half-life-days",
      split = ",",
      defaultValue = "0",
      description = "Recency half-lives in days, comma-separated; 0 = no decay.")
  List<Double> halfLives;

  @Option(
      names = "--customer-weights",
      split = ",",
      defaultValue = "raw",
      description = "raw (the design) and/or binary.")
  List<AlikeCandidate.CustomerWeights> customerWeights;

  @Option(
      names = "--list-norm",
      split = ",",
      defaultValue = "none",
      description = "none (the design) and/or max.")
  List<AlikeCandidate.ListNorm> listNorms;

  @Option(
      names = "--max-reverse",
      description = "Cap on reverse lists (default: FitOptions' 1000; with k=all, no cap).")
  Integer maxReverse;

  @Option(names = "--no-baselines", description = "Leave out most popular and random.")
  boolean noBaselines;

  @Option(names = "--json", description = "Also write the report as JSON to this file.")
  Path json;

  @Option(
      names = "--bought-together",
      description =
          "Evaluate bought-together lists instead: time split at --ratio, the first SKU of each"
              + " later order with 2+ SKUs asked, a hit when another SKU of the order is in the top"
              + " --top; against similar products (--similarity's first, --neighbors' first) and"
              + " popular. Needs order ids (online-retail: InvoiceNo).")
  boolean boughtTogether;

  @Option(
      names = "--together-scoring",
      split = ",",
      defaultValue =
          "asymmetric:1,asymmetric:0.9,asymmetric:0.8,cosine,asymmetric:0,jaccard,"
              + "asymmetric:1+support:2,asymmetric:0.9+support:2,asymmetric:0.8+support:3,"
              + "cosine+support:2,cosine+support:5,asymmetric:0+support:5,jaccard+support:2",
      description = "Bought-together scorings to compare, as --similarity names them.")
  List<String> togetherScorings;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    Datasets.Loaded loaded = Datasets.load(format, data);
    EventLog log = loaded.events();
    out.printf("%s (%.1f s)%n", loaded.note(), (System.nanoTime() - t0) / 1e9);
    if (boughtTogether) {
      FitOptions similar =
          FitOptions.defaults()
              .withSimilarity(Similarities.parse(similarities.get(0)))
              .withK(parseK(neighbors.get(0)));
      out.print(BasketEvaluation.run(log, ratio, top, togetherScorings, similar).text());
      out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
      out.flush();
      return 0;
    }
    long[] seedValues = new long[seeds];
    for (int s = 0; s < seeds; s++) {
      seedValues[s] = FIRST_SEED + s;
    }
    Evaluation.Settings settings = new Evaluation.Settings(split, ratio, top, seedValues);
    Evaluation.Report report = new Evaluation(settings).run(log, candidates(log));
    out.print(ReportWriter.text(report));
    out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
    if (json != null) {
      Files.writeString(json, ReportWriter.json(report), StandardCharsets.UTF_8);
    }
    out.flush();
    return 0;
  }

  private List<Candidate> candidates(EventLog log) {
    List<Candidate> list = new ArrayList<>();
    if (!noBaselines) {
      list.add(Baselines.mostPopular());
      list.add(Baselines.random());
    }
    int skus = log.skus().size();
    for (String sim : similarities) {
      for (String k : neighbors) {
        int kValue = k.equalsIgnoreCase("all") ? Integer.MAX_VALUE / 2 : parseK(k);
        for (double days : halfLives) {
          for (AlikeCandidate.CustomerWeights w : customerWeights) {
            for (AlikeCandidate.ListNorm n : listNorms) {
              FitOptions options =
                  FitOptions.defaults()
                      .withSimilarity(Similarities.parse(sim))
                      .withK(kValue)
                      .withHalfLifeSeconds(days * 86_400);
              int reverse =
                  maxReverse != null ? maxReverse : kValue >= skus ? Math.max(1, skus) : 0;
              if (reverse > 0) {
                options = options.withMaxReverse(reverse);
              }
              list.add(new AlikeCandidate(options, w, n));
            }
          }
        }
      }
    }
    return list;
  }

  private static int parseK(String k) {
    try {
      return Integer.parseInt(k.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad --neighbors value \"" + k + "\"", e);
    }
  }
}
