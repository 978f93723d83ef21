package dev.alike.function;

import dev.alike.logging.CloudLogging;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

/**
 * Log entries in Cloud Logging's JSON format ({@link CloudLogging#entry}) on stdout: one per
 * request (severity by status, latency in {@code httpRequest}), plus one ERROR line with the cause
 * for every failure. Clients never see what is logged here.
 */
final class RequestLog {
  private final PrintStream out;

  RequestLog(PrintStream out) {
    this.out = out;
  }

  /** The request line: INFO below 400, WARNING for 4xx, ERROR for 5xx. */
  void request(String method, String url, int status, long nanos, String userAgent, String model) {
    String severity = status >= 500 ? "ERROR" : status >= 400 ? "WARNING" : "INFO";
    out.println(
        CloudLogging.entry(
            severity,
            w -> {
              w.name("message").value(method + " " + path(url) + " " + status);
              w.name("httpRequest").beginObject();
              w.name("requestMethod").value(method).name("requestUrl").value(url);
              w.name("status").value(status);
              w.name("latency").value(String.format(Locale.ROOT, "%.6fs", nanos / 1e9));
              if (userAgent != null) {
                w.name("userAgent").value(userAgent);
              }
              w.endObject();
              if (model != null) {
                w.name("model").value(model);
              }
            }));
  }

  /** An ERROR line with the failure and its stack trace (which Error Reporting picks up). */
  void error(String context, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    line("ERROR", context + ": " + trace);
  }

  /** A WARNING line without a request (stale model served, ...). */
  void warning(String message) {
    line("WARNING", message);
  }

  private void line(String severity, String message) {
    out.println(CloudLogging.entry(severity, w -> w.name("message").value(message)));
  }

  private static String path(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
