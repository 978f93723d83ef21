package dev.alike.function;

import dev.alike.serving.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

/**
 * Structured log lines in Cloud Logging's JSON format on stdout: one per request (severity by
 * status, latency in {@code httpRequest}), plus one ERROR line with the cause for every failure.
 * Clients never see what is logged here.
 */
final class RequestLog {
  private final java.io.PrintStream out;

  RequestLog(java.io.PrintStream out) {
    this.out = out;
  }

  /** The request line: INFO below 400, WARNING for 4xx, ERROR for 5xx. */
  void request(String method, String url, int status, long nanos, String userAgent, String model) {
    String severity = status >= 500 ? "ERROR" : status >= 400 ? "WARNING" : "INFO";
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"severity\":\"").append(severity).append("\",\"message\":");
    Json.string(sb, method + " " + path(url) + " " + status);
    sb.append(",\"httpRequest\":{\"requestMethod\":");
    Json.string(sb, method);
    sb.append(",\"requestUrl\":");
    Json.string(sb, url);
    sb.append(",\"status\":").append(status);
    sb.append(",\"latency\":\"").append(String.format(Locale.ROOT, "%.6fs", nanos / 1e9));
    sb.append('"');
    if (userAgent != null) {
      sb.append(",\"userAgent\":");
      Json.string(sb, userAgent);
    }
    sb.append('}');
    if (model != null) {
      sb.append(",\"model\":");
      Json.string(sb, model);
    }
    sb.append('}');
    out.println(sb);
  }

  /** An ERROR line with the failure and its stack trace (which Error Reporting picks up). */
  void error(String context, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    StringBuilder sb = new StringBuilder(512);
    sb.append("{\"severity\":\"ERROR\",\"message\":");
    Json.string(sb, context + ": " + trace);
    sb.append('}');
    out.println(sb);
  }

  /** A WARNING line without a request (stale model served, ...). */
  void warning(String message) {
    StringBuilder sb = new StringBuilder(128);
    sb.append("{\"severity\":\"WARNING\",\"message\":");
    Json.string(sb, message);
    sb.append('}');
    out.println(sb);
  }

  private static String path(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
