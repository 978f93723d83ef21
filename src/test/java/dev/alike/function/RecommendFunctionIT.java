package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.alike.store.InMemoryModelStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The function over real HTTP, on the Functions Framework invoker (Jetty) in this JVM. */
class RecommendFunctionIT {
  private static LocalServer server;
  private static HttpClient client;
  private static FunctionFixture inProcess;

  @BeforeAll
  static void start() throws Exception {
    InMemoryModelStore store = TestModels.store(5);
    FunctionConfig config =
        FunctionConfig.from(Map.of("ALIKE_ALLOWED_ORIGINS", "https://shop.example"));
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
