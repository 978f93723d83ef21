package dev.alike.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * What an entry point returned and printed: runs it with {@code System.out} and {@code System.err}
 * redirected to memory (restored afterwards). Not for tests that run in parallel.
 */
public record Captured(int code, String out, String err) {
  /** Runs {@code entry} (returning an exit code) and captures both streams. */
  public static Captured run(Callable<Integer> entry) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = entry.call();
    } finally {
      System.out.flush();
      System.err.flush();
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Captured(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Both streams, for assertion messages. */
  public String both() {
    return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
