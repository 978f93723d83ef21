package dev.alike.store;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Firestore emulator: the one named by {@code FIRESTORE_EMULATOR_HOST} if set,
 * else one started from the Cloud SDK ({@value #EMULATOR}, or the path in the {@code
 * alike.firestoreEmulator} system property) on a free port, shared by every test class of the JVM
 * and killed when the JVM's tests end. When neither exists the test class is skipped (a JUnit
 * assumption) and {@code FIRESTORE EMULATOR NOT FOUND: Firestore tests skipped} goes to stderr, so
 * CI logs say which tests did not run.
 *
 * <p>Use with {@code @ExtendWith(FirestoreEmulatorExtension.class)} and take an {@link Emulator}
 * parameter (constructor, {@code @BeforeAll}, {@code @BeforeEach} or test method). Each call to
 * {@link Emulator#newFirestore()} uses a new project id, so tests never see each other's data.
 */
public final class FirestoreEmulatorExtension implements BeforeAllCallback, ParameterResolver {
  static final String EMULATOR =
      "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator";

  /** Start-up can take half a minute on a loaded 2-core machine; give it two. */
  private static final long START_TIMEOUT_MS = 120_000;

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(FirestoreEmulatorExtension.class);

  /** A running emulator. */
  public static final class Emulator implements AutoCloseable {
    private final String host;
    private final Process process;

    Emulator(String host, Process process) {
      this.host = host;
      this.process = process;
    }

    /** host:port */
    public String host() {
      return host;
    }

    /** A client for a fresh project id on this emulator. */
    public Firestore newFirestore() {
      return FirestoreOptions.newBuilder()
          .setProjectId("alike-test-" + UUID.randomUUID().toString().substring(0, 8))
          // no setCredentials: explicit credentials make the client ignore the emulator host
          .setEmulatorHost(host)
          .build()
          .getService();
    }

    /**
     * Sends {@code signal} ("STOP", "CONT", "KILL") to the emulator's Java process: the SDK's
     * script starts one as its child, and stopping the script alone would leave the server
     * answering.
     */
    public void signal(String signal) {
      EmulatorProcesses.signalJava(process, signal);
    }

    @Override
    public void close() {
      if (process != null) {
        signal("CONT"); // a stopped process does not act on SIGTERM until resumed
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
          if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    emulator(context);
  }

  private static Emulator emulator(ExtensionContext context) {
    Emulator emulator =
        context
            .getRoot()
            .getStore(NS)
            .getOrComputeIfAbsent(Emulator.class, k -> start(), Emulator.class);
    Assumptions.assumeTrue(
        emulator.host() != null, "FIRESTORE EMULATOR NOT FOUND: Firestore tests skipped");
    return emulator;
  }

  private static Emulator start() {
    String configured = System.getenv("FIRESTORE_EMULATOR_HOST");
    if (configured != null && !configured.isBlank()) {
      System.err.println("Firestore emulator: running tests against " + configured);
      return new Emulator(configured, null);
    }
    return startOwn(0);
  }

  /**
   * An emulator of this test's own on {@code port} (0: a free one), for tests that pause, kill or
   * restart it; null host when the SDK's emulator is not installed. The caller closes it.
   */
  public static Emulator startOwn(int port) {
    Path binary = Path.of(System.getProperty("alike.firestoreEmulator", EMULATOR));
    if (!Files.isExecutable(binary)) {
      System.err.println(
          "FIRESTORE EMULATOR NOT FOUND: Firestore tests skipped (no FIRESTORE_EMULATOR_HOST and no "
              + binary
              + ")");
      return new Emulator(null, null);
    }
    try {
      port = port == 0 ? EmulatorProcesses.freePort() : port;
      String host = "127.0.0.1:" + port;
      Path log = Files.createTempFile("firestore-emulator", ".log");
      Process process =
          new ProcessBuilder(
                  binary.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Emulator emulator = new Emulator(host, process);
      EmulatorProcesses.waitUntilReady(
          "Firestore emulator", host, process, log.toFile(), START_TIMEOUT_MS, emulator::close);
      System.err.println("Firestore emulator: running tests against " + host);
      return emulator;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Firestore emulator " + binary, e);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Emulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulator(context);
  }
}
