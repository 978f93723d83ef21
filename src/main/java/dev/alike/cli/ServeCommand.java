package dev.alike.cli;

import dev.alike.experiment.AnswerRecorder;
import dev.alike.function.FunctionConfig;
import dev.alike.function.LocalServer;
import dev.alike.function.StoreFactory;
import dev.alike.store.Backend;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.StoreException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alike serve}: runs the recommendation function locally on the Functions Framework invoker,
 * exactly as deployed, over the embedded store (or Firestore), until interrupted.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve the recommendation API locally (the same function as deployed).")
public final class ServeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--store",
      description =
          "local:<dir>, firestore or firestore:<databaseId> (default: $ALIKE_STORE or local:alike-data)")
  String store;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: 8080)")
  int port;

  @Option(
      names = "--allowed-origins",
      description = "CORS origins, comma-separated; * for any (default: $ALIKE_ALLOWED_ORIGINS)")
  String allowedOrigins;

  @Option(
      names = "--demo",
      description = "Also serve the demo storefront at /demo/ (default: $ALIKE_DEMO, else off)")
  boolean demo;

  @Option(
      names = "--placements",
      description =
          "Placements file (JSON, local path or gs://), re-read when it changes"
              + " (default: $ALIKE_PLACEMENTS, else none)")
  String placements;

  @Option(
      names = "--answers-topic",
      description =
          "Pub/Sub topic (projects/P/topics/T) every list answer is recorded to (default:"
              + " $ALIKE_ANSWERS_TOPIC, else answers/ beside a local store)")
  String answersTopic;

  @Option(
      names = "--no-record-answers",
      description = "Do not record answers (default: $ALIKE_RECORD_ANSWERS, else recorded)")
  boolean noRecordAnswers;

  @Override
  public Integer call() throws Exception {
    FunctionConfig config = config(System.getenv());
    PrintWriter out = spec.commandLine().getOut();
    ModelStore opened = StoreFactory.standard(config.deadlines()).open(config.store());
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    try (opened;
        LocalServer server = LocalServer.start(config, opened, port)) {
      // The JVM halts once its shutdown hooks return: hold Ctrl-C's until the server, its queued
      // answer records and the store are closed below.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stopped.countDown();
                    awaitQuietly(closed, CLOSE_WAIT);
                  },
                  "alike-serve-stop"));
      printExamples(out, opened, server.port(), config.store());
      out.println(recording(server.answers()));
      if (config.demo()) {
        out.println("Demo storefront: http://localhost:" + server.port() + "/demo/");
      }
      out.flush();
      stopped.await();
    } finally {
      closed.countDown();
    }
    return 0;
  }

  /**
   * The function's configuration from {@code env}, with the flags given on top; origins are read as
   * {@code ALIKE_ALLOWED_ORIGINS} is (comma-separated, trimmed, empty parts dropped).
   */
  FunctionConfig config(Map<String, String> env) {
    FunctionConfig config = FunctionConfig.from(env);
    if (store != null) {
      config = config.withStore(store);
    }
    if (allowedOrigins != null) {
      config = config.withAllowedOrigins(FunctionConfig.origins(allowedOrigins));
    }
    if (demo) {
      config = config.withDemo(true);
    }
    if (placements != null) {
      config = config.withPlacements(placements);
    }
    if (answersTopic != null || noRecordAnswers) {
      config =
          config.withAnswers(
              answersTopic != null ? answersTopic : config.answersTopic(),
              config.recordAnswers() && !noRecordAnswers);
    }
    return config;
  }

  /**
   * Prints where the server listens and example requests with a real customer and SKU. The store is
   * asked with a deadline: the server is already serving, and a store that fails or stalls now must
   * not end it (the examples then use placeholders).
   */
  private static void printExamples(PrintWriter out, ModelStore store, int port, String spec) {
    String base = "http://localhost:" + port;
    out.println("Serving " + spec + " on " + base + " (Ctrl-C stops)");
    Backend backend = new Backend("model store", Backend.Settings.serving(EXAMPLES_DEADLINE));
    String[] example = {"CUSTOMER", "SKU"};
    try {
      examples(out, store, backend, example);
    } catch (StoreException e) {
      out.println("The store did not answer (" + e.getMessage() + "); serving degraded meanwhile.");
    }
    printRequests(out, base, example[0], example[1]);
  }

  /** Longer than the answer recorder's own close bound, shorter than anyone's patience. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

  private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      latch.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String recording(AnswerRecorder.State answers) {
    return answers.on()
        ? "Answers recorded to " + answers.where()
        : "Answers not recorded: " + answers.where();
  }

  /** Five seconds for the example reads: more than a healthy store needs, far under a hang. */
  private static final Duration EXAMPLES_DEADLINE = Duration.ofSeconds(5);

  private static void examples(
      PrintWriter out, ModelStore store, Backend backend, String[] example) {
    Optional<ModelInfo> current = backend.call("read the current version", store::current);
    if (current.isEmpty()) {
      out.println("No model is active yet: build one first; /healthz answers 503 until then.");
    } else {
      out.println("Model " + current.get().version() + ", " + current.get().skus() + " SKUs");
    }
    backend.call(
        "read a customer",
        () -> {
          Iterator<dev.alike.store.CustomerProfile> profiles = store.profiles();
          return profiles.hasNext() ? example[0] = profiles.next().customer() : null;
        });
    if (current.isPresent()) {
      List<Neighbor> popular =
          backend.call("read the popular list", () -> store.popular(current.get().version()));
      if (!popular.isEmpty()) {
        example[1] = popular.get(0).sku();
      }
    }
  }

  private static void printRequests(PrintWriter out, String base, String customer, String sku) {
    out.println("Try:");
    out.println("  curl '" + base + "/recommendations?customer=" + customer + "&n=5'");
    out.println(
        "  curl '"
            + base
            + "/recommendations?customer="
            + customer
            + "&with="
            + sku
            + ":AddedToCart'");
    out.println("  curl '" + base + "/similar?sku=" + sku + "&n=5'");
    out.println(
        "  curl -X POST "
            + base
            + "/recommendations -H 'Content-Type: application/json' -d '{\"interactions\":[{\"sku\":\""
            + sku
            + "\",\"event\":\"view\"}],\"n\":5}'");
    out.println("  curl " + base + "/healthz");
    out.flush();
  }
}
