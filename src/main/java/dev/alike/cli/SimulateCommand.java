package dev.alike.cli;

import dev.alike.eval.Datasets;
import dev.alike.eval.SplitMethod;
import dev.alike.experiment.LiftReport;
import dev.alike.experiment.Outcome;
import dev.alike.experiment.RatioEstimate;
import dev.alike.simulate.Behaviour;
import dev.alike.simulate.ExperimentPlan;
import dev.alike.simulate.ShopHistory;
import dev.alike.simulate.ShopSimulator;
import dev.alike.simulate.Simulation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alike simulate}: the experiment loop end to end on this machine. Splits a shop's history,
 * builds the training part into a fresh local store, serves it over HTTP with a holdout and
 * personalized variants on one placement, lets the test customers ask for lists and act on their
 * held-out future for a number of simulated days, and reports what each variant earned.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Replay held-out behaviour through the real HTTP API for simulated days, then report"
            + " CTR per experiment variant with 95% intervals and lift against the holdout.")
final class SimulateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      description =
          "Shop history: events, u.data, ratings csv[.gz], online_retail.csv.gz"
              + " (default: the shipped Online Retail sample of alike demo).")
  Path data;

  @Option(
      names = "--format",
      defaultValue = "auto",
      description = "auto, events, movielens, online-retail (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--catalog", description = "Catalog (prices for revenue).")
  String catalog;

  @Option(
      names = "--split",
      defaultValue = "temporal",
      description =
          "user, item, temporal or time (default ${DEFAULT-VALUE}; user for data without times).")
  SplitMethod split;

  @Option(
      names = "--ratio",
      defaultValue = "0.8",
      description = "Training share of the split (default ${DEFAULT-VALUE}).")
  double ratio;

  @Option(names = "--days", defaultValue = "14", description = "Simulated days (default 14).")
  int days;

  @Option(
      names = "--customers-per-day",
      defaultValue = "200",
      description = "Customers asking each day (default ${DEFAULT-VALUE}).")
  int customersPerDay;

  @Option(names = "--n", defaultValue = "10", description = "Items per list (default 10).")
  int n;

  @Option(
      names = "--click-prob",
      defaultValue = "0.5",
      description = "Chance a served item of the customer's future is clicked (default 0.5).")
  double click;

  @Option(
      names = "--cart-prob",
      defaultValue = "0.3",
      description = "Chance such a click goes to the cart (default 0.3).")
  double cart;

  @Option(
      names = "--purchase-prob",
      defaultValue = "0.5",
      description = "Chance a cart is bought (default 0.5).")
  double purchase;

  @Option(
      names = "--noise",
      defaultValue = "0.01",
      description = "Chance any other served item is clicked (default 0.01).")
  double noise;

  @Option(
      names = "--holdout-share",
      defaultValue = "0.1",
      description = "Traffic of the holdout, served popular items (default 0.1).")
  double holdoutShare;

  @Option(
      names = "--variants",
      defaultValue = "ease,tfidf",
      split = ",",
      description =
          "Personalized variants sharing the rest equally: SPEC or NAME=SPEC, SPEC a --similarity"
              + " (default ${DEFAULT-VALUE}).")
  List<String> variants;

  @Option(
      names = "--placement",
      defaultValue = "home",
      description = "The placement asked for (default ${DEFAULT-VALUE}).")
  String placement;

  @Option(
      names = "--list",
      defaultValue = "for-you",
      description = "The placement's list type (default ${DEFAULT-VALUE}).")
  String list;

  @Option(
      names = "--placements",
      description =
          "Serve this placements file (with its experiments) instead of the one built from"
              + " --holdout-share, --variants and --list; --placement names the one asked for.")
  String placements;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default 42).")
  long seed;

  @Option(
      names = "--dir",
      description = "Working directory, empty or new (default: a new temporary directory).")
  Path dir;

  @Option(names = "--out", description = "report.json (default <dir>/report.json).")
  String out;

  @Option(names = "--html", description = "The dashboard, an HTML file.")
  String html;

  @Override
  public Integer call() throws Exception {
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("alike-sim");
    Path file = data;
    String prices = catalog;
    if (file == null) {
      file = DemoCommand.unpack("events.jsonl.gz", work.resolve("sample-events.jsonl"));
      prices = DemoCommand.unpack("catalog.jsonl.gz", work.resolve("catalog.jsonl")).toString();
    }
    Datasets.Loaded loaded = Datasets.load(format, file);
    PrintWriter console = spec.commandLine().getOut();
    console.println("data: " + loaded.note());
    ShopHistory history =
        ShopHistory.of(
            split.apply(loaded.events(), ratio, seed), work.resolve("train-events.jsonl"));
    console.printf(
        Locale.ROOT,
        "split %s at %.2f: %,d customers with a held-out future%n",
        split.label(),
        ratio,
        history.futures().size());
    String served =
        placements != null
            ? placements
            : Simulation.write(
                new ExperimentPlan(
                    placement, list, n, holdoutShare, ExperimentPlan.variants(variants)),
                work);
    Simulation.Result result =
        Simulation.run(
            new Simulation.Settings(
                work,
                history,
                prices,
                served,
                new ShopSimulator.Settings(
                    days,
                    customersPerDay,
                    n,
                    placement,
                    new Behaviour(click, cart, purchase, noise),
                    seed),
                out != null ? out : work.resolve("report.json").toString(),
                html));
    print(console, result);
    console.println("working directory: " + work);
    console.flush();
    return 0;
  }

  /** The per-variant table, and whether the report counted what was sent. */
  private static void print(PrintWriter out, Simulation.Result result) {
    out.printf(
        Locale.ROOT,
        "%-10s %9s %8s %11s %7s %9s %-17s %-17s%n",
        "variant",
        "customers",
        "answers",
        "impressions",
        "clicks",
        "purchases",
        "CTR [95% CI]",
        "lift [95% CI]");
    for (Map.Entry<String, LiftReport.Variant> e : result.report().variants().entrySet()) {
      LiftReport.Metrics m = e.getValue().total();
      RatioEstimate.Lift lift = e.getValue().ctrLift();
      out.printf(
          Locale.ROOT,
          "%-10s %9d %8d %11d %7d %9d %-17s %-17s%n",
          e.getKey(),
          m.customers(),
          m.answers(),
          m.impressions(),
          m.clicks(),
          m.purchases(),
          estimate(m.ctr().ratio(), m.ctr().interval()),
          lift == null ? "-" : percent(lift));
    }
    List<String> differences = differences(result);
    out.println(
        differences.isEmpty()
            ? "the report counts every answer and click the simulation sent"
            : "the report differs from what was sent: " + String.join("; ", differences));
    if (result.sent().untokened() > 0) {
      out.printf("%,d answers carried no attribution token%n", result.sent().untokened());
    }
  }

  /** Where the report's answers or clicks per variant differ from what the simulator sent. */
  static List<String> differences(Simulation.Result result) {
    List<String> out = new java.util.ArrayList<>();
    Map<String, LiftReport.Variant> reported = result.report().variants();
    result
        .sent()
        .variants()
        .forEach(
            (name, sent) -> {
              LiftReport.Variant v = reported.get(name);
              long answers = v == null ? 0 : v.total().answers();
              long clicks = v == null ? 0 : v.total().clicks();
              if (answers != sent.answers() || clicks != sent.posted(Outcome.Kind.CLICK)) {
                out.add(
                    String.format(
                        "%s: sent %d answers, %d clicks; reported %d, %d",
                        name, sent.answers(), sent.posted(Outcome.Kind.CLICK), answers, clicks));
              }
            });
    reported.keySet().stream()
        .filter(name -> !result.sent().variants().containsKey(name))
        .forEach(name -> out.add(name + ": reported, never answered"));
    return out;
  }

  /** A relative lift as {@code +85% [+40%, +150%]}. */
  private static String percent(RatioEstimate.Lift lift) {
    RatioEstimate.Interval ci = lift.interval();
    return ci == null
        ? String.format(Locale.ROOT, "%+.0f%%", 100 * lift.value())
        : String.format(
            Locale.ROOT,
            "%+.0f%% [%+.0f%%, %+.0f%%]",
            100 * lift.value(),
            100 * ci.low(),
            100 * ci.high());
  }

  private static String estimate(double value, RatioEstimate.Interval ci) {
    return ci == null
        ? String.format(Locale.ROOT, "%.4f", value)
        : String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", value, ci.low(), ci.high());
  }
}
