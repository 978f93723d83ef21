package dev.alike.cli;

import dev.alike.function.FunctionConfig;
import dev.alike.function.LocalServer;
import dev.alike.function.StoreFactory;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import java.io.PrintWriter;
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

  @Override
  public Integer call() throws Exception {
    FunctionConfig config = config(System.getenv());
    PrintWriter out = spec.commandLine().getOut();
    ModelStore opened = StoreFactory.standard().open(config.store());
    CountDownLatch stopped = new CountDownLatch(1);
    try (opened;
        LocalServer server = LocalServer.start(config, opened, port)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "alike-serve-stop"));
      printExamples(out, opened, server.port(), config.store());
      if (config.demo()) {
        out.println("Demo storefront: http://localhost:" + server.port() + "/demo/");
        out.flush();
      }
      stopped.await();
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
    return config;
  }

  private static void printExamples(PrintWriter out, ModelStore store, int port, String spec) {
    String base = "http://localhost:" + port;
    Optional<ModelInfo> current = store.current();
    out.println("Serving " + spec + " on " + base + " (Ctrl-C stops)");
    if (current.isEmpty()) {
      out.println("No model is active yet: build one first; /healthz answers 503 until then.");
    } else {
      out.println("Model " + current.get().version() + ", " + current.get().skus() + " SKUs");
    }
    String customer = "CUSTOMER";
    Iterator<dev.alike.store.CustomerProfile> profiles = store.profiles();
    if (profiles.hasNext()) {
      customer = profiles.next().customer();
    }
    String sku = "SKU";
    if (current.isPresent()) {
      List<Neighbor> popular = store.popular(current.get().version());
      if (!popular.isEmpty()) {
        sku = popular.get(0).sku();
      }
    }
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
