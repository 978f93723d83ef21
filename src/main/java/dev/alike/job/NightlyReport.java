package dev.alike.job;

import com.google.cloud.storage.Storage;
import dev.alike.experiment.AttributionRule;
import dev.alike.gcs.Locations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The experiment report a successful build writes ({@code alike build --answers ...
 * --experiment-report PREFIX}, the job's {@code ALIKE_ANSWERS} and {@code
 * ALIKE_EXPERIMENT_REPORT}): {@code alike report}'s report over the build's events and catalog,
 * with its default attribution rule and holdout, written to {@code PREFIX/YYYY-MM-DD/report.json}
 * and {@code report.html} (the day in UTC) and then copied to {@code PREFIX/latest/}. It runs after
 * the new version is active, so its failure is logged and recorded in the build report but never
 * fails the build.
 *
 * @param answers where the recorded answers are (files, directories, globs or gs:// prefixes)
 * @param prefix the folder or gs:// prefix the dated folders and {@code latest/} go in
 * @param since answers served within this long before the newest answer are reported
 */
public record NightlyReport(List<String> answers, String prefix, Duration since) {
  private static final System.Logger LOG = System.getLogger(NightlyReport.class.getName());

  /** {@code alike report}'s {@code --since}: two weeks of answers. */
  public static final String DEFAULT_SINCE = "14d";

  /** {@code alike report}'s {@code --holdout}. */
  static final String HOLDOUT = "holdout";

  /**
   * @throws IllegalArgumentException naming the value when answers or the prefix are missing or the
   *     window is not positive
   */
  public NightlyReport {
    if (answers == null || answers.isEmpty()) {
      throw new IllegalArgumentException("no answers location given for the experiment report");
    }
    answers = List.copyOf(answers);
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("no location given for the experiment report");
    }
    prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    if (since.isNegative() || since.isZero()) {
      throw new IllegalArgumentException(
          "experiment report window must be positive, was " + ExperimentReport.text(since));
    }
  }

  /**
   * Writes the report of {@code day} and copies it to {@code latest/}; records in {@code build} the
   * folder written ({@code experiment_report}) and the failures (0 or 1, with the reason). Never
   * throws: every failure, out of memory included, is logged with its reason.
   *
   * @param events the events the build read (clicks, carts and purchases are credited from them)
   * @param catalog prices of purchases without one; null for none
   */
  public void write(
      List<String> events,
      String catalog,
      LocalDate day,
      BuildReport build,
      Supplier<Storage> storage) {
    String folder = prefix + day + "/";
    String latest = prefix + "latest/";
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("folder", folder);
    try {
      new ExperimentReport(storage)
          .run(
              new ExperimentReport.Settings(
                  answers,
                  events,
                  catalog,
                  since,
                  AttributionRule.DEFAULT,
                  HOLDOUT,
                  folder + "report.json",
                  folder + "report.html"));
      // The dated copy is complete before latest/ changes: latest/ is always a whole report.
      for (String name : List.of("report.json", "report.html")) {
        copy(folder + name, latest + name, storage);
      }
      detail.put("latest", latest);
      build.count("experiment_report_failures", 0);
      BuildRunner.log("experiment report: " + folder + " (copied to " + latest + ")");
    } catch (RuntimeException | IOException | OutOfMemoryError e) {
      String reason = Failures.oneLine(e);
      detail.put("error", reason);
      build.count("experiment_report_failures", 1);
      LOG.log(
          System.Logger.Level.WARNING,
          "experiment report not written to "
              + folder
              + " (the new model stays active): "
              + reason);
    }
    build.detail("experiment_report", detail);
  }

  private static void copy(String from, String to, Supplier<Storage> storage) throws IOException {
    String text;
    try (InputStream in = Locations.open(from, storage)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Locations.write(to, text, storage);
  }
}
