package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alike.experiment.AnswerRecords;
import dev.alike.experiment.AttributionToken;
import dev.alike.experiment.Exposure;
import dev.alike.experiment.LocalAnswerLog;
import dev.alike.serving.Placements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every list endpoint's answer carries {@code variant} and an {@code attribution} token, and is
 * recorded once, with the token's request id, the customer (or anonymous session) and the SKUs in
 * the order served.
 */
class AnswerAttributionTest {
  private static final String PLACEMENTS =
      """
      {"placements": {"home": {"list": "for-you", "n": 4},
                      "pdp": {"list": "similar", "n": 3},
                      "hot": {"list": "trending", "n": 3}}}
      """;

  /** A request and what its recorded answer must say. */
  private record Case(String method, String target, String body, String customer, String place) {}

  private static final List<Case> EVERY_ENDPOINT =
      List.of(
          new Case("GET", "/recommendations?customer=u1&n=5", null, "u1", "-"),
          new Case("GET", "/recommendations?session=anon-7&placement=home", null, "anon-7", "home"),
          new Case(
              "POST",
              "/recommendations",
              "{\"customer\":\"u2\",\"session\":\"anon-2\",\"n\":3}",
              "u2",
              "-"),
          new Case("GET", "/similar?sku=s3&n=4&session=anon-8", null, "anon-8", "-"),
          new Case("GET", "/similar?sku=s3&placement=pdp", null, "-", "pdp"),
          new Case("GET", "/bought-together?sku=s3", null, "-", "-"),
          new Case(
              "POST",
              "/bought-together",
              "{\"sku\":[\"s3\",\"s4\"],\"session\":\"anon-9\"}",
              "anon-9",
              "-"),
          new Case(
              "POST", "/rank", "{\"customer\":\"u3\",\"items\":[\"s1\",\"s2\",\"s3\"]}", "u3", "-"),
          new Case("GET", "/trending?placement=hot&session=anon-5", null, "anon-5", "hot"),
          new Case("GET", "/buy-again?customer=u1", null, "u1", "-"),
          new Case("POST", "/recently-viewed", "{\"customer\":\"u1\"}", "u1", "-"));

  @TempDir Path dir;

  private FunctionFixture recording(String store) throws IOException {
    Path placements = dir.resolve("placements.json");
    Files.writeString(placements, PLACEMENTS);
    return new FunctionFixture(
        TestModels.store(3),
        Map.of(
            FunctionConfig.STORE,
            store,
            FunctionConfig.PLACEMENTS,
            placements.toString(),
            FunctionConfig.RECORD_ANSWERS,
            "true"));
  }

  private static List<String> skus(JsonObject answer) {
    List<String> out = new ArrayList<>();
    for (JsonElement item : answer.getAsJsonArray("items")) {
      out.add(item.getAsJsonObject().get("sku").getAsString());
    }
    return out;
  }

  @Test
  void everyListEndpoint_carriesVariantAndAttribution_andIsRecordedOnceAsServed()
      throws IOException {
    FunctionFixture f = recording("local:" + dir);
    List<JsonObject> answers = new ArrayList<>();
    for (Case c : EVERY_ENDPOINT) {
      FakeHttp.Response r = f.call(c.method(), c.target(), c.body());
      assertEquals(200, r.status, c.target() + ": " + r.body());
      JsonObject body = FunctionFixture.json(r);
      assertEquals("default", body.get("variant").getAsString(), c.target());
      AttributionToken token =
          AttributionToken.parse(body.get("attribution").getAsString())
              .orElseThrow(() -> new AssertionError(c.target() + ": " + body));
      assertEquals(c.place(), token.placement(), c.target());
      assertEquals("default", token.variant(), c.target());
      assertEquals(body.get("model").getAsString(), token.version(), c.target());
      answers.add(body);
    }
    assertTrue(
        answers.stream().anyMatch(a -> skus(a).size() > 1), "some answers list several SKUs");
    assertEquals(
        answers.size(),
        answers.stream().map(a -> a.get("attribution").getAsString()).distinct().count(),
        "a new token per answer");

    f.function.answers().close(); // writes what is queued
    Path file = new LocalAnswerLog(dir).file(Instant.now());
    List<Exposure> recorded = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      assertEquals(0, AnswerRecords.read(in, file.toString(), recorded::add).rejected());
    }
    assertEquals(EVERY_ENDPOINT.size(), recorded.size(), "one line per answer");
    for (int i = 0; i < recorded.size(); i++) {
      Case c = EVERY_ENDPOINT.get(i);
      Exposure e = recorded.get(i);
      AttributionToken token =
          AttributionToken.parse(answers.get(i).get("attribution").getAsString()).orElseThrow();
      assertEquals(token.request(), e.request(), c.target());
      assertEquals(c.customer(), e.customer(), c.target());
      assertEquals(c.place(), e.placement(), c.target());
      assertEquals("default", e.variant(), c.target());
      assertEquals(token.version(), e.version(), c.target());
      assertEquals(skus(answers.get(i)), e.skus(), c.target() + ": SKUs in served order");
    }
    assertEquals(
        EVERY_ENDPOINT.size(),
        FunctionFixture.json(f.get("/healthz"))
            .getAsJsonObject("answers")
            .get("recorded")
            .getAsLong());
  }

  @Test
  void unwritableAnswerFolder_answersUnchanged_lossCountedOnHealthz() throws Exception {
    Files.writeString(dir.resolve(LocalAnswerLog.FOLDER), "a file where the folder should be");
    FunctionFixture f = recording("local:" + dir);
    for (int i = 0; i < 3; i++) {
      FakeHttp.Response r = f.get("/recommendations?customer=u1&n=5");
      assertEquals(200, r.status, r.body());
      assertTrue(FunctionFixture.json(r).has("attribution"));
    }
    JsonObject health = FunctionFixture.json(f.get("/healthz"));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (health.getAsJsonObject("answers").get("lost").getAsLong() < 3
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
      health = FunctionFixture.json(f.get("/healthz"));
    }
    JsonObject answers = health.getAsJsonObject("answers");
    assertEquals(3, answers.get("lost").getAsLong(), health.toString());
    assertEquals(0, answers.get("recorded").getAsLong());
    assertTrue(answers.get("last_error").getAsString().contains("answers"), health.toString());
    assertEquals("ok", health.get("status").getAsString(), "serving itself is healthy");
    f.function.answers().close();
    assertTrue(
        f.logs().stream()
            .anyMatch(l -> l.get("message").getAsString().contains("lost 3 answers in all")),
        f.logs().toString());
  }

  @Test
  void firestoreWithoutTopic_recordsNothing_warnsOnce_andHealthzSaysWhy() throws IOException {
    FunctionFixture f = recording("firestore");
    assertEquals(200, f.get("/similar?sku=s3").status);
    JsonObject answers = FunctionFixture.json(f.get("/healthz")).getAsJsonObject("answers");
    assertFalse(answers.get("recording").getAsBoolean());
    assertTrue(
        answers.get("why").getAsString().contains("ALIKE_ANSWERS_TOPIC"), answers.toString());
    assertEquals(
        1,
        f.logs().stream()
            .filter(l -> l.get("message").getAsString().contains("answers are not recorded"))
            .count());
  }

  @Test
  void badSession_is400NamingIt() {
    FunctionFixture f = new FunctionFixture(TestModels.store(3));
    FakeHttp.Response r = f.get("/similar?sku=s3&session=" + "x".repeat(200));
    assertEquals(400, r.status);
    assertEquals(
        "session",
        FunctionFixture.json(r).getAsJsonObject("error").get("field").getAsString(),
        r.body());
  }

  @Test
  void placementNameThatCannotBeInAToken_isRefusedNamingIt() {
    Placements.Invalid e =
        assertThrows(
            Placements.Invalid.class,
            () ->
                Placements.parse(
                    "{\"placements\": {\"home.page\": {\"list\": \"popular\"}}}",
                    "p.json",
                    List.of("popular")));
    assertTrue(e.getMessage().contains("\"home.page\""), e.getMessage());
    assertTrue(e.getMessage().contains("[A-Za-z0-9_-]{1,24}"), e.getMessage());
  }
}
