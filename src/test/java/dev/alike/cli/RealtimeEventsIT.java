package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.function.FunctionConfig;
import dev.alike.function.LocalServer;
import dev.alike.job.Captured;
import dev.alike.realtime.LocalEventLog;
import dev.alike.store.LocalModelStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local loop over real HTTP: build, post events for a customer the model has never seen, read
 * their recommendations (changed within 2 s), build again (which reads the appended events by
 * itself), read them again: the profile the events produced is the one the build computes.
 */
class RealtimeEventsIT {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private static Captured ok(String... args) throws Exception {
    Captured run = Captured.run(() -> Main.run(args));
    assertEquals(0, run.code(), String.join(" ", args) + "\n" + run.both());
    return run;
  }

  private Captured build(Path events, String store) throws Exception {
    return ok("build", "--events", events.toString(), "--store", store, "--threads", "2");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<String> recommended(String base, String customer) throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(
                URI.create(base + "/recommendations?customer=" + customer + "&n=10")));
    assertEquals(200, r.statusCode(), r.body());
    List<String> out = new ArrayList<>();
    for (JsonElement e :
        JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("items")) {
      JsonObject item = e.getAsJsonObject();
      out.add(item.get("sku").getAsString() + "/" + item.get("source").getAsString());
    }
    return out;
  }

  @Test
  void postEvents_readRecommendations_build_readAgain() throws Exception {
    Path events = dir.resolve("events.jsonl");
    ok(
        "generate",
        "--customers",
        "300",
        "--skus",
        "80",
        "--categories",
        "4",
        "--out",
        events.toString());
    Path storeDir = dir.resolve("store");
    String spec = "local:" + storeDir;
    build(events, spec);
    try (LocalModelStore store = new LocalModelStore(storeDir);
        LocalServer server =
            LocalServer.start(FunctionConfig.from(Map.of(FunctionConfig.STORE, spec)), store, 0)) {
      String base = "http://127.0.0.1:" + server.port();
      List<String> before = recommended(base, "newcomer");
      String body =
          "{\"events\":[{\"customer\":\"newcomer\",\"sku\":\"s1\",\"event\":\"AddedToCart\"},"
              + "{\"customer\":\"newcomer\",\"sku\":\"s2\",\"event\":\"purchase\"}]}";
      long posted = System.nanoTime();
      HttpResponse<String> accepted =
          send(
              HttpRequest.newBuilder(URI.create(base + "/events"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      assertEquals(202, accepted.statusCode(), accepted.body());
      List<String> after = recommended(base, "newcomer");
      while (after.equals(before) && System.nanoTime() - posted < 2_000_000_000L) {
        Thread.sleep(20);
        after = recommended(base, "newcomer");
      }
      long ms = (System.nanoTime() - posted) / 1_000_000;
      assertNotEquals(before, after, "recommendations unchanged " + ms + " ms after the POST");
      assertTrue(ms < 2000, ms + " ms");
      assertFalse(
          after.stream().anyMatch(s -> s.startsWith("s1/") || s.startsWith("s2/")),
          after.toString());
      Map<String, Double> realtime = store.profile("newcomer").orElseThrow().scores();
      assertEquals(Map.of("s1", 2.0, "s2", 6.0), realtime);
      assertEquals(2, Files.readAllLines(new LocalEventLog(storeDir).file()).size());

      Captured rebuilt = build(events, spec);
      assertTrue(rebuilt.err().contains("real-time event file(s) from"), rebuilt.both());
      assertEquals(realtime, store.profile("newcomer").orElseThrow().scores(), "build = events");
      assertEquals(List.of(), store.profile("newcomer").orElseThrow().updates(), "counted");
      List<String> afterBuild = recommended(base, "newcomer");
      assertFalse(afterBuild.stream().anyMatch(s -> s.startsWith("s1/") || s.startsWith("s2/")));
      assertNotEquals(before, afterBuild);
    }
  }
}
