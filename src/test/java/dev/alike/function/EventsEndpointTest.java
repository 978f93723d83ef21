package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.alike.events.EventBatch;
import dev.alike.events.EventReader;
import dev.alike.events.IngestOptions;
import dev.alike.events.IngestResult;
import dev.alike.events.LocalEventInput;
import dev.alike.experiment.AttributionToken;
import dev.alike.model.EventLog;
import dev.alike.realtime.LocalEventLog;
import dev.alike.store.InMemoryModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /events} in-process, over the in-memory store and a temporary store directory. */
class EventsEndpointTest {
  @TempDir Path dir;
  private InMemoryModelStore store;
  private FunctionFixture f;

  @BeforeEach
  void setUp() {
    store = TestModels.store(1);
    f = fixture(Map.of());
  }

  private FunctionFixture fixture(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put(FunctionConfig.STORE, "local:" + dir);
    return new FunctionFixture(store, env);
  }

  private Path log() {
    return new LocalEventLog(dir).file();
  }

  private static String events(String... objects) {
    return "{\"events\":[" + String.join(",", objects) + "]}";
  }

  @Test
  void measurementProtocolPayload_isAccepted_asTheBuildReadsGa4Events() throws IOException {
    double before = store.profile("u3").orElseThrow().scores().getOrDefault("s7", 0.0);
    FakeHttp.Response r =
        f.post(
            "/events",
            "{\"client_id\":\"555.1\",\"user_id\":\"u3\",\"events\":["
                + "{\"name\":\"purchase\",\"params\":{\"transaction_id\":\"T-7\",\"value\":9,"
                + "\"items\":[{\"item_id\":\"s7\",\"quantity\":2}]}},"
                + "{\"name\":\"page_view\",\"params\":{\"page_location\":\"https://x/\"}}]}");
    assertEquals(202, r.status, r.body());
    JsonObject answer = FunctionFixture.json(r);
    assertEquals(1, answer.get("accepted").getAsInt());
    assertEquals(1, answer.getAsJsonObject("skipped").get("page_view").getAsInt());
    assertEquals(before + 12, store.profile("u3").orElseThrow().scores().get("s7"), 1e-9);
    FakeHttp.Response bad =
        f.post("/events", "{\"client_id\":\"555.1\",\"events\":[{\"name\":\"view_item\"}]}");
    assertEquals(400, bad.status, bad.body());
    assertTrue(
        FunctionFixture.json(bad)
            .getAsJsonObject("error")
            .get("message")
            .getAsString()
            .startsWith("event 0 is missing_field (GA4 view_item without items)"),
        bad.body());
  }

  @Test
  void acceptedEvents_areAnswered202_loggedAndAddedToTheProfile() throws IOException {
    double before = store.profile("u3").orElseThrow().scores().getOrDefault("s7", 0.0);
    FakeHttp.Response r =
        f.post(
            "/events",
            events(
                "{\"customer\":\"u3\",\"sku\":\"s7\",\"event\":\"AddedToCart\",\"ts\":1762000000}",
                "{\"customer\":\"u3\",\"sku\":\"s7\",\"event\":\"view\"}"));
    assertEquals(202, r.status, r.body());
    JsonObject answer = FunctionFixture.json(r);
    assertEquals(2, answer.get("accepted").getAsInt());
    assertEquals(0, answer.getAsJsonObject("rejected").get("unknown_event").getAsInt());
    assertEquals(before + 2.5, store.profile("u3").orElseThrow().scores().get("s7"), 1e-9);
    List<String> lines = Files.readAllLines(log());
    assertEquals(2, lines.size());
    assertEquals(
        "{\"customer\":\"u3\",\"sku\":\"s7\",\"event\":\"addedtocart\",\"ts\":1762000000,"
            + "\"batch\":\""
            + answer.get("id").getAsString()
            + "\"}",
        lines.get(0));
    long ts = Long.parseLong(lines.get(1).replaceAll(".*\"ts\":(\\d+).*", "$1"));
    assertTrue(Math.abs(ts - Instant.now().getEpochSecond()) < 60, "receive time " + ts);
  }

  /**
   * A forged token is well-formed (only the report can tell it names no matching answer) and a
   * malformed one is dropped and counted; neither makes an event rejected, and the line written for
   * the next build keeps what the build and the report need.
   */
  @Test
  void attributedEvents_forgedOrMalformed_areAccepted_countedAndReadBackByTheBuild()
      throws IOException {
    String token = AttributionToken.mint("home", "ease", "v3").toString();
    String forged = "AAAAAAAAAAAA.home.ease.v3";
    FakeHttp.Response r =
        f.post(
            "/events",
            events(
                "{\"customer\":\"u3\",\"sku\":\"s7\",\"event\":\"click\",\"attribution\":\""
                    + token
                    + "\"}",
                "{\"customer\":\"u3\",\"sku\":\"s8\",\"event\":\"buy\",\"attribution\":\""
                    + forged
                    + "\",\"price\":9.5,\"quantity\":2}",
                "{\"customer\":\"u3\",\"sku\":\"s7\",\"event\":\"cart\",\"attribution\":\"x"
                    + "y".repeat(AttributionToken.MAX_LENGTH)
                    + "\"}",
                "{\"customer\":\"u3\",\"sku\":\"s7\",\"event\":\"view\",\"attribution\":[1]}"));
    assertEquals(202, r.status, r.body());
    JsonObject answer = FunctionFixture.json(r);
    assertEquals(4, answer.get("accepted").getAsInt());
    assertEquals(2, answer.get("unattributed").getAsInt());
    IngestResult build =
        new EventReader(IngestOptions.defaults()).read(List.of(new LocalEventInput(log())));
    EventLog read = build.log();
    assertEquals(4, read.size());
    assertEquals(token, read.attributionToken(read.attribution(0)));
    assertEquals(forged, read.attributionToken(read.attribution(1)));
    assertEquals(EventLog.BAD_ATTRIBUTION, read.attribution(2));
    assertEquals(EventLog.BAD_ATTRIBUTION, read.attribution(3));
    assertEquals(2, build.report().unattributed());
    assertEquals(19.0, read.revenue(1));
  }

  @Test
  void aBatchWithOneBadEvent_isRefusedWhole_namingIt() {
    Map<String, Double> before = store.profile("u3").orElseThrow().scores();
    FakeHttp.Response r =
        f.post(
            "/events",
            events(
                "{\"customer\":\"u3\",\"sku\":\"s7\",\"event\":\"cart\"}",
                "{\"customer\":\"u3\",\"sku\":\"s8\",\"event\":\"wink\"}",
                "{\"customer\":\"\",\"sku\":\"s8\",\"event\":\"cart\"}"));
    assertEquals(400, r.status);
    JsonObject answer = FunctionFixture.json(r);
    assertEquals("events[1]", answer.getAsJsonObject("error").get("field").getAsString());
    assertTrue(
        answer.getAsJsonObject("error").get("message").getAsString().contains("unknown_event"));
    assertEquals(0, answer.get("accepted").getAsInt());
    assertEquals(1, answer.getAsJsonObject("rejected").get("unknown_event").getAsInt());
    assertEquals(1, answer.getAsJsonObject("rejected").get("empty_id").getAsInt());
    assertEquals(before, store.profile("u3").orElseThrow().scores());
    assertFalse(Files.exists(log()));
  }

  @Test
  void notABatch_tooManyEvents_orTooManyBytes_areRefused() {
    assertEquals(400, f.post("/events", "[1,2]").status);
    assertEquals(400, f.post("/events", "{\"customer\":\"u3\"}").status);
    assertEquals(400, f.post("/events", "{\"events\":[}").status);
    String one = "{\"customer\":\"u3\",\"sku\":\"s7\",\"event\":\"cart\"}";
    String tooMany =
        events(
            java.util.Collections.nCopies(EventBatch.MAX_EVENTS + 1, one).toArray(String[]::new));
    FakeHttp.Response r = f.post("/events", tooMany);
    assertEquals(400, r.status);
    assertTrue(r.body().contains("more than 500 events"), r.body());
    String huge =
        events(
            "{\"customer\":\"u3\",\"sku\":\""
                + "x".repeat(EventBatch.MAX_BYTES)
                + "\",\"event\":\"cart\"}");
    assertEquals(413, f.post("/events", huge).status);
    assertEquals(405, f.get("/events").status);
    assertFalse(Files.exists(log()));
  }

  @Test
  void anEventOfANewCustomer_changesTheirRecommendations() {
    String before = FunctionFixture.stable(f.get("/recommendations?customer=newcomer&n=5").body());
    assertEquals(
        202,
        f.post("/events", events("{\"customer\":\"newcomer\",\"sku\":\"s3\",\"event\":\"buy\"}"))
            .status);
    String after = FunctionFixture.stable(f.get("/recommendations?customer=newcomer&n=5").body());
    assertNotEquals(before, after);
    // s3 may appear in "because" (it is why the others are there), never as an item.
    assertFalse(
        com.google.gson.JsonParser.parseString(after)
            .getAsJsonObject()
            .getAsJsonArray("items")
            .asList()
            .stream()
            .anyMatch(i -> i.getAsJsonObject().get("sku").getAsString().equals("s3")),
        "the bought SKU is excluded: " + after);
  }

  @Test
  void browsersFromOtherOrigins_mayNotWrite() {
    FunctionFixture shop = fixture(Map.of(FunctionConfig.ALLOWED_ORIGINS, "https://shop.example"));
    String body = events("{\"customer\":\"u3\",\"sku\":\"s7\",\"event\":\"cart\"}");
    assertEquals(403, shop.call("POST", "/events", body, "Origin", "https://evil.example").status);
    assertEquals(202, shop.call("POST", "/events", body, "Origin", "https://shop.example").status);
    assertEquals(202, shop.call("POST", "/events", body).status, "a back end sends no Origin");
  }

  @Test
  void withTokensRequired_everyEventsCustomerNeedsTheToken() {
    FunctionFixture guarded = fixture(TokenModeTest.ENV);
    String token = TokenModeTest.MINT.mint("u3", Instant.now().plusSeconds(600));
    String mine = "{\"customer\":\"u3\",\"sku\":\"s7\",\"event\":\"cart\"}";
    String theirs = "{\"customer\":\"u4\",\"sku\":\"s7\",\"event\":\"cart\"}";
    Map<String, Double> u4 = store.profile("u4").orElseThrow().scores();
    assertEquals(401, guarded.post("/events", events(mine)).status);
    assertEquals(
        401,
        guarded.post(
                "/events", "{\"token\":\"" + token + "\",\"events\":[" + mine + "," + theirs + "]}")
            .status);
    assertEquals(u4, store.profile("u4").orElseThrow().scores());
    assertEquals(
        202,
        guarded.post("/events", "{\"token\":\"" + token + "\",\"events\":[" + mine + "]}").status);
    assertEquals(
        202,
        guarded.call("POST", "/events", events(mine), "Authorization", "Bearer " + token).status);
  }
}
