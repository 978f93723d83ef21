package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.alike.experiment.AnswerRecords;
import dev.alike.experiment.AttributionToken;
import dev.alike.experiment.Exposure;
import dev.alike.experiment.LocalAnswerLog;
import dev.alike.store.InMemoryModelStore;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The function over real HTTP, on the Functions Framework invoker (Jetty) in this JVM. */
class RecommendFunctionIT {
  private static LocalServer server;
  private static HttpClient client;
  private static FunctionFixture inProcess;

  /** Where the server records answers: the spec names it, the store itself is in memory. */
  @TempDir static Path answerStore;

  @BeforeAll
  static void start() throws Exception {
    InMemoryModelStore store = TestModels.store(5);
    FunctionConfig config =
        FunctionConfig.from(
            Map.of(
                "ALIKE_ALLOWED_ORIGINS",
                "https://shop.example",
                FunctionConfig.STORE,
                "local:" + answerStore));
    server = LocalServer.start(config, store, 0);
    client = HttpClient.newHttpClient();
    inProcess = new FunctionFixture(store);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder at(String target) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target));
  }

  @Test
  void overHttp_sameAnswersAsInProcess() throws Exception {
    for (String target :
        List.of(
            "/recommendations?customer=u4&n=8",
            "/recommendations?customer=unknown",
            "/similar?sku=s3&n=5&same=category",
            "/recommendations?with=s1:AddedToCart,s2:pv&attr.gender=female")) {
      HttpResponse<String> r = send(at(target));
      assertEquals(200, r.statusCode(), target);
      assertEquals(
          "application/json; charset=utf-8",
          r.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT));
      assertEquals(
          FunctionFixture.stable(inProcess.get(target).body()),
          FunctionFixture.stable(r.body()),
          target);
    }
  }

  @Test
  void overHttp_answerCarriesAttribution_recordedBesideTheStore() throws Exception {
    HttpResponse<String> r = send(at("/similar?sku=s3&n=4&session=anon-http"));
    assertEquals(200, r.statusCode(), r.body());
    var body = JsonParser.parseString(r.body()).getAsJsonObject();
    assertEquals("default", body.get("variant").getAsString());
    AttributionToken token =
        AttributionToken.parse(body.get("attribution").getAsString()).orElseThrow();
    List<String> skus = new ArrayList<>();
    body.getAsJsonArray("items")
        .forEach(i -> skus.add(i.getAsJsonObject().get("sku").getAsString()));
    assertFalse(skus.isEmpty());

    Path file = new LocalAnswerLog(answerStore).file(Instant.now());
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<Exposure> mine = new ArrayList<>();
    while (mine.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          AnswerRecords.read(
              in,
              file.toString(),
              e -> {
                if (e.request().equals(token.request())) {
                  mine.add(e);
                }
              });
        }
      }
    }
    assertEquals(1, mine.size(), "the answer's line in " + file);
    assertEquals("anon-http", mine.get(0).customer());
    assertEquals(skus, mine.get(0).skus());
    assertEquals(token.version(), mine.get(0).version());
    assertTrue(server.answers().on());
  }

  @Test
  void overHttp_postAndErrors() throws Exception {
    HttpResponse<String> post =
        send(
            at("/recommendations")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"u4\",\"n\":3}")));
    assertEquals(200, post.statusCode(), post.body());
    assertEquals(
        3, JsonParser.parseString(post.body()).getAsJsonObject().getAsJsonArray("items").size());
    HttpResponse<String> bad =
        send(at("/recommendations").POST(HttpRequest.BodyPublishers.ofString("{oops")));
    assertEquals(400, bad.statusCode());
    assertEquals(
        "body",
        JsonParser.parseString(bad.body())
            .getAsJsonObject()
            .getAsJsonObject("error")
            .get("field")
            .getAsString());
    assertEquals(404, send(at("/nope")).statusCode());
    assertEquals(405, send(at("/similar").DELETE()).statusCode());
    assertEquals(200, send(at("/healthz")).statusCode());
  }

  @Test
  void overHttp_corsPreflight() throws Exception {
    HttpResponse<String> r =
        send(
            at("/recommendations")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST"));
    assertEquals(204, r.statusCode());
    assertEquals(
        "https://shop.example", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
  }

  @Test
  void overHttp_parallelRequestsGiveIdenticalAnswers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String target = "/recommendations?customer=u" + (i % 20) + "&n=10";
        answers.add(
            pool.submit(() -> target + " " + FunctionFixture.stable(send(at(target)).body())));
      }
      for (Future<String> answer : answers) {
        String[] parts = answer.get().split(" ", 2);
        assertEquals(FunctionFixture.stable(inProcess.get(parts[0]).body()), parts[1], parts[0]);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
