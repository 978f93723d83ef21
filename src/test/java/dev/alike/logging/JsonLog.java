package dev.alike.logging;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A logger writing Cloud Logging's JSON lines, as on Google Cloud, into memory (tests). */
public final class JsonLog {
  private JsonLog() {}

  /** A logger named {@code name} whose entries go to {@code out}, one JSON line each. */
  public static System.Logger to(OutputStream out, String name) {
    return new CloudLogging(new PrintStream(out, true, StandardCharsets.UTF_8), true)
        .getLogger(name, JsonLog.class.getModule());
  }
}
