package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.pubsub.v1.TopicName;
import dev.alike.realtime.PubSubEmulatorExtension;
import dev.alike.realtime.PubSubEmulatorExtension.Emulator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /events} over a Pub/Sub emulator of its own that the test pauses ({@code SIGSTOP} of
 * its Java process) and resumes: 503 with {@code Retry-After} within 2.5 s while it is paused,
 * recommendations unaffected, and 202 again without a restart once it is back.
 */
class PubSubOutageIT {
  private static final long BOUND_MS = 2_500;
  private static final long RECOVERY_MS = 12_000;
  private static final String BATCH =
      "{\"events\":[{\"customer\":\"u1\",\"sku\":\"s3\",\"event\":\"view\"},"
          + "{\"customer\":\"u2\",\"sku\":\"s4\",\"event\":\"view\"}]}";

  private Emulator emulator;

  @AfterEach
  void stopEmulator() {
    if (emulator != null) {
      emulator.close(); // resumes it first
    }
  }

  @Test
  void pausedTopic_eventsAnswer503WithinBound_andRecoverAlone() throws Exception {
    emulator = PubSubEmulatorExtension.startOwn();
    Assumptions.assumeTrue(emulator.host() != null, "PUBSUB EMULATOR NOT FOUND");
    String topic = TopicName.of(emulator.newProject(), "events").toString();
    try (var topics = emulator.topics()) {
      topics.createTopic(topic);
    }
    FunctionFixture f =
        new FunctionFixture(
            TestModels.store(3),
            Map.of(
                "ALIKE_STORE",
                "firestore",
                "ALIKE_EVENTS_TOPIC",
                topic,
                "PUBSUB_EMULATOR_HOST",
                emulator.host()));
    assertEquals(202, f.post("/events", BATCH).status);

    emulator.signal("STOP");
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      FakeHttp.Response r = f.post("/events", BATCH);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(503, r.status, r.body());
      assertEquals("1", r.header("Retry-After"));
      assertTrue(ms < BOUND_MS, "503 after " + ms + " ms");
    }
    JsonObject health = FunctionFixture.json(f.get("/healthz"));
    assertEquals("degraded", health.get("status").getAsString());
    assertEquals("open", health.getAsJsonObject("events").get("state").getAsString());
    assertEquals(200, f.get("/recommendations?customer=u1&n=5").status, "serving unaffected");

    emulator.signal("CONT");
    long start = System.nanoTime();
    while (true) {
      FakeHttp.Response r = f.post("/events", BATCH);
      long waited = (System.nanoTime() - start) / 1_000_000;
      if (r.status == 202) {
        System.err.println("PubSubOutageIT: recovered " + waited + " ms after resuming");
        break;
      }
      assertEquals(503, r.status, r.body());
      assertTrue(waited < RECOVERY_MS, "still 503 after " + waited + " ms");
      Thread.sleep(100);
    }
    assertEquals(
        "ok", FunctionFixture.json(f.get("/healthz")).get("status").getAsString(), "healthy again");
  }
}
