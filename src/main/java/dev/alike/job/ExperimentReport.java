package dev.alike.job;

import com.google.cloud.storage.Storage;
import dev.alike.events.EventBatch;
import dev.alike.events.EventInput;
import dev.alike.events.EventReader;
import dev.alike.events.EventType;
import dev.alike.events.IngestOptions;
import dev.alike.experiment.AnswerRecords;
import dev.alike.experiment.AttributionRule;
import dev.alike.experiment.Exposure;
import dev.alike.experiment.LiftReport;
import dev.alike.experiment.Outcome;
import dev.alike.experiment.ReportJson;
import dev.alike.experiment.ReportPage;
import dev.alike.gcs.Locations;
import dev.alike.model.EventLog;
import dev.alike.store.Catalog;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code alike report}: reads recorded answers and the events that followed, credits outcomes by
 * the rule, and writes {@code report.json} and, when asked, the HTML dashboard (local or gs://).
 */
public final class ExperimentReport {
  /**
   * What to report on.
   *
   * @param since answers served within this long before the newest answer are reported
   * @param catalog prices of purchases whose event had no price (a purchase of a SKU without either
   *     earns 0); null for none
   * @param html the dashboard's location, or null for none
   */
  public record Settings(
      List<String> answers,
      List<String> events,
      String catalog,
      Duration since,
      AttributionRule rule,
      String holdout,
      String out,
      String html) {}

  private final Supplier<Storage> storage;

  public ExperimentReport(Supplier<Storage> storage) {
    this.storage = storage;
  }

  /** Reads, computes and writes the report; returns it. */
  public LiftReport.Report run(Settings settings) {
    List<Exposure> answers = readAnswers(settings.answers());
    long newest = answers.stream().mapToLong(Exposure::servedMillis).max().orElse(0);
    long from = newest - settings.since().toMillis();
    List<Exposure> reported = answers.stream().filter(a -> a.servedMillis() >= from).toList();
    List<Outcome> outcomes =
        outcomes(settings.events(), Catalogs.load(settings.catalog(), storage), from);
    LiftReport.Report report =
        LiftReport.compute(reported, outcomes, settings.rule(), settings.holdout());
    String since = text(settings.since()) + " before the newest answer";
    String json = ReportJson.write(report, since);
    try {
      Locations.write(settings.out(), json, storage);
      BuildRunner.log("report: " + settings.out());
      if (settings.html() != null) {
        Locations.write(settings.html(), ReportPage.html(json), storage);
        BuildRunner.log("dashboard: " + settings.html());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
    BuildRunner.log(
        String.format(
            "report: %,d answers (%,d in the window), %,d outcomes: %,d by token, %,d by rule,"
                + " %,d forged, %,d malformed, %,d unattributed; %d variants",
            answers.size(),
            reported.size(),
            outcomes.size(),
            report.attribution().byToken(),
            report.attribution().byRule(),
            report.attribution().forged(),
            report.attribution().malformed(),
            report.attribution().unattributed(),
            report.variants().size()));
    return report;
  }

  /** {@code 14d}, {@code 36h}, {@code 90m}: how a user wrote it. */
  static String text(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    return s % 3_600 == 0 ? s / 3_600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  private List<Exposure> readAnswers(List<String> specs) {
    List<Exposure> answers = new ArrayList<>();
    long rejected = 0;
    for (EventInput input : BuildRunner.resolve(specs, storage)) {
      try (InputStream in = Locations.maybeGunzip(new BufferedInputStream(input.open()))) {
        AnswerRecords.Counts counts = AnswerRecords.read(in, input.name(), answers::add);
        rejected += counts.rejected();
        counts.examples().forEach(e -> BuildRunner.log("rejected answer " + e));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read answers " + input.name() + ": " + e.getMessage(), e);
      }
    }
    BuildRunner.log(
        String.format("answers: %,d read, %,d lines rejected", answers.size(), rejected));
    return answers;
  }

  /**
   * The clicks, carts and purchases among the events at or after {@code from}, with their
   * attribution tokens. Event times have whole seconds: an event counts as the end of its second,
   * so a click in the same second as the answer that caused it is not lost. A purchase earns its
   * event's price times quantity, else its SKU's catalog price.
   */
  private List<Outcome> outcomes(List<String> specs, Catalog catalog, long from) {
    EventLog log =
        new EventReader(IngestOptions.defaults()).read(BuildRunner.resolve(specs, storage)).log();
    List<Outcome> out = new ArrayList<>();
    for (int e = 0; e < log.size(); e++) {
      EventType type = EventType.of(log.type(e));
      Outcome.Kind kind = type == null ? null : kind(type);
      long at = log.time(e) == EventLog.NO_TIME ? Long.MIN_VALUE : log.time(e) * 1000 + 999;
      if (kind == null || at < from) {
        continue;
      }
      String sku = log.skus().id(log.sku(e));
      double revenue = 0;
      if (kind == Outcome.Kind.PURCHASE) {
        Double price = catalog.entry(sku).price();
        revenue = !Double.isNaN(log.revenue(e)) ? log.revenue(e) : price == null ? 0 : price;
      }
      int code = log.attribution(e);
      String attribution =
          code >= 0
              ? log.attributionToken(code)
              : code == EventLog.BAD_ATTRIBUTION ? EventBatch.DROPPED : null;
      out.add(
          new Outcome(at, log.customers().id(log.customer(e)), sku, kind, revenue, attribution));
    }
    return out;
  }

  private static Outcome.Kind kind(EventType type) {
    return switch (type) {
      case CLICK -> Outcome.Kind.CLICK;
      case CART -> Outcome.Kind.CART;
      case PURCHASE -> Outcome.Kind.PURCHASE;
      default -> null;
    };
  }
}
