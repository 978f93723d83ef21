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
 * (looked up per line, so a redirected {@code System.err} gets them). On Google Cloud (Cloud Run
 * functions and services set {@code K_SERVICE}, Cloud Run jobs {@code CLOUD_RUN_JOB}) or with
 * {@code ALIKE_LOG_FORMAT=json} a line is JSON in Cloud Logging's format ({@code severity}, {@code
 * message}, {@code logger}, {@code time}, and the {@link Fields} a record passes as its one
 * parameter, such as a request's {@code httpRequest}); elsewhere it is plain text for people: an
 * INFO line is its message alone (the build's progress as the command line has always printed it),
 * a WARNING or ERROR line names its severity and logger. Records below INFO are dropped; a
 * throwable's stack trace goes into the message (Error Reporting reads it there).
 */
public final class CloudLogging extends System.LoggerFinder {
  private final Supplier<PrintStream> out;
  private final boolean json;

  private static final CloudLogging DEFAULT = new CloudLogging();

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

  /**
   * A logger of this format whichever finder the JVM loaded: the Functions Framework loads a
   * deployed function in a class loader of its own, which the JVM's service lookup never sees
   * (there {@code System.getLogger} is {@code java.util.logging}'s, and would drop a record's
   * fields).
   */
  public static System.Logger logger(String name) {
    return DEFAULT.getLogger(name, CloudLogging.class.getModule());
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

  private void write(
      String logger, System.Logger.Level level, String message, Throwable thrown, Fields fields) {
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
    StringWriter line = new StringWriter(128);
    try (JsonWriter w = new JsonWriter(line)) {
      w.beginObject().name("severity").value(severity(level)).name("message").value(text);
      w.name("logger").value(logger).name("time").value(Instant.now().toString());
      if (fields != null) {
        fields.write(w);
      }
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    out.get().println(line);
  }

  /**
   * Fields of a JSON entry besides its message ({@code w.name("httpRequest").beginObject()...}): a
   * record's one parameter, {@code log.log(level, message, (Fields) w -> ...)}; plain text shows
   * the message alone.
   */
  @FunctionalInterface
  public interface Fields {
    void write(JsonWriter w) throws IOException;
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
        write(name, level, String.valueOf(msg), thrown, null);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)
          && params != null
          && params.length == 1
          && params[0] instanceof Fields f) {
        write(name, level, String.valueOf(format), null, f);
      } else if (isLoggable(level)) {
        String msg =
            params == null || params.length == 0
                ? String.valueOf(format)
                : new MessageFormat(String.valueOf(format), java.util.Locale.ROOT).format(params);
        write(name, level, msg, null, null);
      }
    }
  }
}
