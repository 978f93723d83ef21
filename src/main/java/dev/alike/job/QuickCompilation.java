package dev.alike.job;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Makes HotSpot compile alike's code with C1 only ({@link JitMode#C1}) for the rest of the process,
 * without a command-line flag: a compiler directive ({@code c2: {Exclude: true}} for {@code
 * dev/alike/*}) added through the JVM's DiagnosticCommand MBean, the in-process form of {@code jcmd
 * <pid> Compiler.directives_add}. Methods already compiled by C2 keep that code; every later one
 * stops at C1. On a JVM without that MBean (not HotSpot) nothing changes and the reason is
 * returned.
 *
 * <p>Reaching the MBean starts the platform MBean server, about 0.2 s of class loading: {@link
 * #prepare} starts that on a daemon thread when the process starts, and {@link #apply} adds the
 * directive when it is ready, without making the build wait.
 */
public final class QuickCompilation {
  /** Also the JDK's array sort: the interaction rows call it 100,000s of times per build. */
  static final String DIRECTIVE =
      "[{match: [\"dev/alike/*.*\", \"java/util/DualPivotQuicksort.*\"], c2: {Exclude: true}}]";

  private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
  private static CompletableFuture<MBeanServer> server;
  private static CompletableFuture<String> outcome;

  private QuickCompilation() {}

  /** Starts the platform MBean server on a daemon thread (once per process). */
  public static synchronized void prepare() {
    if (server == null) {
      server = new CompletableFuture<>();
      Thread starter =
          new Thread(
              () -> {
                try {
                  server.complete(ManagementFactory.getPlatformMBeanServer());
                } catch (RuntimeException | Error e) {
                  server.completeExceptionally(e);
                }
              },
              "alike-jmx-start");
      starter.setDaemon(true);
      starter.start();
    }
  }

  /**
   * Adds the directive as soon as the MBean server is up, without waiting for it: the build starts
   * at once and the directive lands within its first tenth of a second or so. Once per process;
   * later calls return the first call's outcome.
   *
   * @return completes with null once the directive is in place, or with why it could not be added
   */
  public static synchronized CompletableFuture<String> apply() {
    if (outcome == null) {
      prepare();
      outcome =
          server.handle(
              (ready, failure) ->
                  failure != null ? "no platform MBean server: " + failure : add(DIRECTIVE));
    }
    return outcome;
  }

  /**
   * Removes the directive {@link #apply} added, if any: alike's code compiled from then on may use
   * C2 again (a process that built in-process and goes on with other work; tests).
   */
  public static synchronized void remove() {
    if (outcome != null && outcome.join() == null) {
      invoke("compilerDirectivesRemove", new String[0]);
    }
    outcome = null;
  }

  /** The directives in force, as {@code jcmd <pid> Compiler.directives_print} prints them. */
  static String print() {
    Object out = invoke("compilerDirectivesPrint", new String[0]);
    return out == null ? "" : out.toString();
  }

  /** Adds {@code directive} (JSON); null when added, else what went wrong. */
  private static String add(String directive) {
    Path file = null;
    try {
      file = Files.createTempFile("alike-jit", ".json");
      Files.writeString(file, directive, StandardCharsets.UTF_8);
      Object out = invoke("compilerDirectivesAdd", new String[] {file.toString()});
      String text = out == null ? "" : out.toString().trim();
      return text.contains("1 compiler directives added") ? null : "the JVM answered: " + text;
    } catch (IOException | IllegalStateException e) {
      return e.getMessage();
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // a leftover file in the temp directory is harmless
        }
      }
    }
  }

  private static Object invoke(String operation, String[] arguments) {
    prepare();
    try {
      return server
          .get()
          .invoke(
              new ObjectName(DIAGNOSTIC_COMMAND),
              operation,
              new Object[] {arguments},
              new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new IllegalStateException(
          "no " + operation + " in this JVM (" + e.getClass().getSimpleName() + ")", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("no platform MBean server: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the MBean server", e);
    }
  }
}
