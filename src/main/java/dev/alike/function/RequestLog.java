package dev.alike.function;

import dev.alike.logging.CloudLogging;
import java.util.Locale;

/**
 * The function's log through the one idiom ({@link System.Logger}): one entry per request (level by
 * status, latency in Cloud Logging's {@code httpRequest}), plus one ERROR entry with the cause for
 * every failure. Clients never see what is logged here.
 */
final class RequestLog {
  private final System.Logger log;

  RequestLog(System.Logger log) {
    this.log = log;
  }

  /** The request entry: INFO below 400, WARNING for 4xx, ERROR for 5xx. */
  void request(String method, String url, int status, long nanos, String userAgent, String model) {
    System.Logger.Level level =
        status >= 500
            ? System.Logger.Level.ERROR
            : status >= 400 ? System.Logger.Level.WARNING : System.Logger.Level.INFO;
    CloudLogging.Fields fields =
        w -> {
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
        };
    log.log(level, method + " " + path(url) + " " + status, fields);
  }

  /** An ERROR entry with the failure and its stack trace (which Error Reporting picks up). */
  void error(String context, Throwable failure) {
    log.log(System.Logger.Level.ERROR, context, failure);
  }

  /** An INFO entry without a request (placements loaded, ...). */
  void info(String message) {
    log.log(System.Logger.Level.INFO, message);
  }

  /** A WARNING entry without a request (stale model served, ...). */
  void warning(String message) {
    log.log(System.Logger.Level.WARNING, message);
  }

  private static String path(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
