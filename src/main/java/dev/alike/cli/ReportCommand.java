package dev.alike.cli;

import dev.alike.experiment.AttributionRule;
import dev.alike.experiment.Outcome;
import dev.alike.gcs.CloudStorage;
import dev.alike.job.Durations;
import dev.alike.job.ExperimentReport;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alike report}: what each experiment variant earned, with intervals and lift. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Credit clicks, carts and purchases to the answers that served them (to the answer an"
            + " event's attribution token names, when it has one) and report, per variant,"
            + " placement and day, CTR and revenue per customer with 95% intervals and the lift"
            + " of each variant against the holdout.")
final class ReportCommand implements Callable<Integer> {
  @Option(
      names = "--answers",
      required = true,
      split = ",",
      description = "Recorded answers: files, directories, globs or gs:// prefixes (JSON Lines).")
  List<String> answers;

  @Option(
      names = "--events",
      required = true,
      split = ",",
      description = "The events that followed, in any event format the build reads.")
  List<String> events;

  @Option(names = "--catalog", description = "Catalog with prices for purchase revenue.")
  String catalog;

  @Option(
      names = "--since",
      defaultValue = "14d",
      description = "Report answers served within this long before the newest (default 14d).")
  String since;

  @Option(
      names = "--window",
      defaultValue = "24h",
      description = "Credit outcomes within this long after an answer (default 24h).")
  String window;

  @Option(
      names = "--credit",
      defaultValue = "click,cart,purchase",
      split = ",",
      description = "Outcome kinds credited to answers (default click,cart,purchase).")
  List<String> credit;

  @Option(
      names = "--holdout",
      defaultValue = "holdout",
      description = "The variant the others are compared with (default holdout).")
  String holdout;

  @Option(names = "--out", required = true, description = "report.json: a file or gs:// object.")
  String out;

  @Option(names = "--html", description = "The dashboard: a file or gs:// object.")
  String html;

  @Override
  public Integer call() {
    Set<Outcome.Kind> kinds = EnumSet.noneOf(Outcome.Kind.class);
    for (String k : credit) {
      try {
        kinds.add(Outcome.Kind.valueOf(k.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown outcome kind \"" + k + "\" in --credit: expected click, cart or purchase");
      }
    }
    AttributionRule rule = new AttributionRule(duration("--window", window), kinds);
    new ExperimentReport(CloudStorage::client)
        .run(
            new ExperimentReport.Settings(
                answers, events, catalog, duration("--since", since), rule, holdout, out, html));
    return 0;
  }

  private static Duration duration(String flag, String text) {
    try {
      return Duration.ofMillis(Math.round(Durations.seconds(text) * 1000));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage());
    }
  }
}
