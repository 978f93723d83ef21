package dev.alike.logging;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * The logging idiom of every package: {@link System.Logger} ({@code System.getLogger(name)}), which
 * this finder (registered in {@code META-INF/services}) turns into one line per record on stderr
 * (looked up per line, so a redirected {@code System.err} gets them). The build's progress lines
 * (the CLI's {@code build}, the Cloud Run job) come through here too; the function's request log
 * writes its entries with {@link #entry} to the stream it is given. On Google Cloud (Cloud Run
 * functions and services set {@code K_SERVICE}, Cloud Run jobs {@code CLOUD_RUN_JOB}) or with
 * {@code ALIKE_LOG_FORMAT=json} a line is JSON in Cloud Logging's format ({@code severity}, {@code
 * message}, {@code logger}, {@code time}), so a store warning inside the function reaches Cloud
 * Logging with its severity; elsewhere it is plain text for people: an INFO line is its message
 * alone (the build's progress as the command line has always printed it), a WARNING or ERROR line
 * names its severity and logger. Records below INFO are dropped; a throwable's stack trace goes
 * into the message (Error Reporting reads it there).
 */
public final class CloudLogging extends System.LoggerFinder {
  private final Supplier<PrintStream> out;
  private final boolean json;

  /** The finder the JVM loads: stderr, format from the environment. */
  public CloudLogging() {
    this(() -> System.err, json(System.getenv()));
  }

  CloudLogging(PrintStream out, boolean json) {
    this(() -> out, json);
  }

  private CloudLogging(Supplier<PrintStream> out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** Whether {@code env} asks for JSON lines: on Google Cloud, or ALIKE_LOG_FORMAT=json. */
  static boolean json(Map<String, String> env) {
    String format = env.get("ALIKE_LOG_FORMAT");
    if (format != null && !format.isBlank()) {
      return format.trim().equalsIgnoreCase("json");
    }
    return env.containsKey("K_SERVICE") || env.containsKey("CLOUD_RUN_JOB");
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Line(name);
  }

  /** Cloud Logging's severity for a level. */
  static String severity(System.Logger.Level level) {
    return switch (level) {
      case ALL, TRACE, DEBUG -> "DEBUG";
      case INFO -> "INFO";
      case WARNING -> "WARNING";
      case ERROR -> "ERROR";
      case OFF -> "DEFAULT";
    };
  }

  private void write(String logger, System.Logger.Level level, String message, Throwable thrown) {
    String text = message;
    if (thrown != null) {
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      text = message + ": " + trace;
    }
    if (!json) {
      out.get()
          .println(
              level == System.Logger.Level.INFO
                  ? text
                  : severity(level) + " " + logger + ": " + text);
      return;
    }
    String logged = text;
    out.get()
        .println(
            entry(
                severity(level),
                w -> {
                  w.name("message").value(logged);
                  w.name("logger").value(logger);
                  w.name("time").value(Instant.now().toString());
                }));
  }

  /** What a log entry holds besides its severity. */
  @FunctionalInterface
  public interface Fields {
    void write(JsonWriter w) throws IOException;
  }

  /** One log entry as Cloud Logging reads it: {@code {"severity": ..., fields}} on one line. */
  public static String entry(String severity, Fields fields) {
    StringWriter line = new StringWriter(128);
    try (JsonWriter w = new JsonWriter(line)) {
      w.beginObject().name("severity").value(severity);
      fields.write(w);
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return line.toString();
  }

  private final class Line implements System.Logger {
    private final String name;

    Line(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return level != Level.OFF && level.getSeverity() >= Level.INFO.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        write(name, level, String.valueOf(msg), thrown);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        String msg =
            params == null || params.length == 0
                ? String.valueOf(format)
                : new MessageFormat(String.valueOf(format), java.util.Locale.ROOT).format(params);
        write(name, level, msg, null);
      }
    }
  }
}
