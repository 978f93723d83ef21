package dev.alike.function;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.Subscription;
import com.sun.net.httpserver.HttpServer;
import dev.alike.events.EventWeights;
import dev.alike.realtime.PushHandler;
import dev.alike.store.FirestoreModelStore;
import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelStore;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Real-time events benchmark, run by hand (docs/benchmarks.md): events per second that {@code POST
 * /events} accepts over HTTP, and the time from a POST to a changed {@code GET /recommendations}
 * for customers the model has never seen.
 *
 * <p>Arguments: {@code local} (the embedded store, events appended and applied in process) or
 * {@code emulators} (FIRESTORE_EMULATOR_HOST and PUBSUB_EMULATOR_HOST must name running emulators:
 * the function publishes, a push subscription delivers to {@link PushHandler} over HTTP, profiles
 * are in Firestore); then requests per thread (default 500), threads (4), events per request (1 and
 * 50 are reported), latency trials (50).
 */
public final class EventsBenchmark {
  private EventsBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "local";
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int trials = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    TestModels.Fitted fitted = TestModels.random(7, 5_000, 2_000, 5, 30, 20);
    Map<String, String> env = new HashMap<>();
    ModelStore store;
    AutoCloseable push = () -> {};
    if (mode.equals("local")) {
      var dir = Files.createTempDirectory("alike-events-bench");
      store = new LocalModelStore(dir);
      env.put(FunctionConfig.STORE, "local:" + dir);
    } else {
      String fs = System.getenv("FIRESTORE_EMULATOR_HOST");
      String ps = System.getenv(EventsConfig.EMULATOR_HOST);
      store =
          new FirestoreModelStore(
              FirestoreOptions.newBuilder()
                  .setProjectId("bench")
                  .setEmulatorHost(fs)
                  .build()
                  .getService(),
              new dev.alike.store.FirestoreSettings(
                  "bench" + System.nanoTime() + "_", Duration.ofSeconds(10), false));
      String topic = "projects/bench/topics/events" + System.nanoTime();
      push = pushSubscription(ps, topic, store);
      env.put(FunctionConfig.STORE, "firestore");
      env.put(EventsConfig.TOPIC, topic);
      env.put(EventsConfig.EMULATOR_HOST, ps);
    }
    TestModels.write(store, "bench", fitted, 40);
    try (LocalServer server = LocalServer.start(FunctionConfig.from(env), store, 0);
        AutoCloseable closing = push) {
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http =
          HttpClient.newBuilder().executor(Executors.newFixedThreadPool(threads)).build();
      System.out.println(
          "mode " + mode + ", " + threads + " client threads, JVM " + Runtime.version());
      for (int batch : new int[] {1, 50}) {
        throughput(http, base, requests / 5, threads, batch); // warm-up
        throughput(http, base, requests, threads, batch);
      }
      latency(http, base, Math.max(5, trials / 5), false); // warm-up
      latency(http, base, trials, true);
    }
    // The client and push-server pools are not daemon threads: without this the JVM stays up.
    System.exit(0);
  }

  private static String events(Random random, String customer, int n) {
    StringBuilder sb = new StringBuilder("{\"events\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"customer\":\"").append(customer);
      sb.append("\",\"sku\":\"s").append(random.nextInt(2_000)).append("\",\"event\":\"cart\"}");
    }
    return sb.append("]}").toString();
  }

  private static HttpResponse<String> post(HttpClient http, String base, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void throughput(HttpClient http, String base, int requests, int threads, int batch)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                Random random = new Random(thread);
                for (int r = 0; r < requests; r++) {
                  String customer = "u" + random.nextInt(5_000);
                  HttpResponse<String> res = post(http, base, events(random, customer, batch));
                  if (res.statusCode() != 202) {
                    throw new IllegalStateException(res.statusCode() + " " + res.body());
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    double s = (System.nanoTime() - start) / 1e9;
    long n = (long) requests * threads;
    System.out.printf(
        "batch %3d: %,d requests in %.2f s = %,.0f requests/s, %,.0f events/s%n",
        batch, n, s, n / s, n * batch / s);
  }

  private static void latency(HttpClient http, String base, int trials, boolean print)
      throws Exception {
    Random random = new Random(99);
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      String customer = "fresh-" + System.nanoTime();
      URI get = URI.create(base + "/recommendations?customer=" + customer + "&n=10");
      String before = body(http, get);
      long t0 = System.nanoTime();
      if (post(http, base, events(random, customer, 1)).statusCode() != 202) {
        throw new IllegalStateException("POST refused");
      }
      while (body(http, get).equals(before)) {
        if (System.nanoTime() - t0 > 30_000_000_000L) {
          throw new IllegalStateException("no change within 30 s for " + customer);
        }
        Thread.sleep(2);
      }
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    if (print) {
      Collections.sort(ms);
      System.out.printf(
          "POST -> changed recommendation over %d customers: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
          trials, ms.get(trials / 2), ms.get((int) (trials * 0.95)), ms.get(trials - 1));
    }
  }

  private static String body(HttpClient http, URI uri) throws Exception {
    String b =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    return b.replaceAll(",\"took_ms\":[0-9.]+", "");
  }

  /** A topic with a push subscription to an in-process HTTP server running {@link PushHandler}. */
  private static AutoCloseable pushSubscription(String host, String topic, ModelStore store)
      throws Exception {
    PushHandler handler =
        new PushHandler(() -> store, EventWeights.DEFAULT, dev.alike.store.Backend.inline());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/push",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            int status =
                handler.handle(new String(in.readAllBytes(), StandardCharsets.UTF_8)).status();
            exchange.sendResponseHeaders(status, -1);
          }
          exchange.close();
        });
    server.start();
    ManagedChannel channel = ManagedChannelBuilder.forTarget(host).usePlaintext().build();
    var channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    try (TopicAdminClient topics =
            TopicAdminClient.create(
                TopicAdminSettings.newBuilder()
                    .setTransportChannelProvider(channels)
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .build());
        SubscriptionAdminClient subs =
            SubscriptionAdminClient.create(
                SubscriptionAdminSettings.newBuilder()
                    .setTransportChannelProvider(channels)
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .build())) {
      topics.createTopic(topic);
      subs.createSubscription(
          Subscription.newBuilder()
              .setName(topic.replace("/topics/", "/subscriptions/"))
              .setTopic(topic)
              .setPushConfig(
                  PushConfig.newBuilder()
                      .setPushEndpoint(
                          "http://127.0.0.1:" + server.getAddress().getPort() + "/push"))
              .build());
    }
    return () -> {
      server.stop(0);
      channel.shutdownNow();
    };
  }
}
