package dev.alike.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTML dashboard of a report: one self-contained file (Chart.js and the report's JSON inlined),
 * readable from a bucket or a laptop without a server and without fetching anything.
 */
public final class ReportPage {
  /** Chart.js from its WebJar (MIT); the version is the pom's. */
  static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

  private ReportPage() {}

  /** The page showing {@code reportJson} (what {@link ReportJson#write} returned). */
  public static String html(String reportJson) {
    // "<" only occurs inside JSON strings, where \u003c means the same: no "</script>" can end
    // the data block early, whatever a variant or placement is called.
    String data = reportJson.replace("<", "\\u003c");
    return resource("/report/dashboard.html")
        .replace("/*CHART_JS*/", resource(CHART_JS))
        .replace("/*REPORT_JSON*/", data);
  }

  private static String resource(String path) {
    try (InputStream in = ReportPage.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path, e);
    }
  }
}
