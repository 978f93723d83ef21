package dev.alike.function;

import com.google.cloud.functions.invoker.runner.Invoker;
import dev.alike.experiment.AnswerRecorder;
import dev.alike.logging.CloudLogging;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs {@link RecommendFunction} on the Functions Framework's invoker (Jetty) inside this JVM, over
 * a store the caller opened: what {@code alike serve} and the HTTP tests use. The deployed function
 * is started by the cloud runtime instead and reads its settings from the environment.
 *
 * <p>The invoker creates the function through its no-arg constructor, so the store is handed over
 * through a process-wide slot that is filled only while {@link #start} runs.
 */
public final class LocalServer implements AutoCloseable {
  /** What a function instance is built from. */
  record Setup(FunctionConfig config, Supplier<ModelStore> store, AnswerRecorder answers) {}

  private static final Object STARTING = new Object();
  private static Setup installed;

  private final Invoker invoker;
  private final int port;
  private final AnswerRecorder answers;

  private LocalServer(Invoker invoker, int port, AnswerRecorder answers) {
    this.invoker = invoker;
    this.port = port;
    this.answers = answers;
  }

  /**
   * Starts serving on {@code port} (0: any free port) and returns once requests are accepted.
   * Answers are recorded as {@code config} says until {@link #close}.
   *
   * @throws Exception when the port is taken or the invoker cannot start
   */
  public static LocalServer start(FunctionConfig config, ModelStore store, int port)
      throws Exception {
    return start(config, store, port, System::currentTimeMillis);
  }

  /**
   * As {@link #start(FunctionConfig, ModelStore, int)}, recorded answers stamped by {@code
   * answerClock} (epoch milliseconds; {@code alike simulate}'s simulated days).
   */
  public static LocalServer start(
      FunctionConfig config,
      ModelStore store,
      int port,
      java.util.function.LongSupplier answerClock)
      throws Exception {
    int actual = port == 0 ? freePort() : port;
    Invoker invoker =
        new Invoker(
            actual,
            RecommendFunction.class.getName(),
            "http",
            RecommendFunction.class.getClassLoader());
    AnswerRecorder answers =
        RecommendFunction.recorder(
            config, CloudLogging.logger(RecommendFunction.class.getName()), answerClock);
    synchronized (STARTING) {
      installed = new Setup(config, () -> store, answers);
      try {
        invoker.startTestServer();
      } catch (Exception | Error e) {
        answers.close();
        throw e;
      } finally {
        installed = null;
      }
    }
    return new LocalServer(invoker, actual, answers);
  }

  static Optional<Setup> installed() {
    synchronized (STARTING) {
      return Optional.ofNullable(installed);
    }
  }

  /** The port requests are accepted on. */
  public int port() {
    return port;
  }

  /**
   * Stops the server, then writes the answers still queued for recording (the store stays open: its
   * opener closes it).
   */
  @Override
  public void close() {
    try {
      invoker.stopServer();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the server on port " + port + " failed", e);
    } finally {
      answers.close();
    }
  }

  /** Where answers are recorded, and the counts so far. */
  public AnswerRecorder.State answers() {
    return answers.state();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
