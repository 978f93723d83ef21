package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.gson.JsonObject;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import dev.alike.experiment.AnswerRecorder;
import dev.alike.experiment.AnswerRecords;
import dev.alike.experiment.AttributionToken;
import dev.alike.experiment.Exposure;
import dev.alike.logging.JsonLog;
import dev.alike.realtime.PubSubAnswerSink;
import dev.alike.realtime.PubSubEmulatorExtension;
import dev.alike.realtime.PubSubEmulatorExtension.Emulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers recorded to the answers topic of a Pub/Sub emulator of this class's own: one JSON line
 * per answer with the token's request id; and with the emulator paused ({@code SIGSTOP}), answers
 * still go out at once while the lost records are counted, and recording resumes with it.
 */
class AnswersPubSubIT {
  /** Far above an in-process answer (about a millisecond), far below a publish timeout. */
  private static final long BOUND_MS = 500;

  private static Emulator emulator;

  @BeforeAll
  static void start() {
    emulator = PubSubEmulatorExtension.startOwn();
    Assumptions.assumeTrue(emulator.host() != null, "PUBSUB EMULATOR NOT FOUND");
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close(); // resumes it first
    }
  }

  /** A new topic with a pull subscription "SUB" in a new project; the topic's name. */
  private static String topicWithSubscription(String project) {
    String topic = TopicName.of(project, "answers").toString();
    try (TopicAdminClient topics = emulator.topics();
        SubscriptionAdminClient subscriptions = emulator.subscriptions()) {
      topics.createTopic(topic);
      subscriptions.createSubscription(
          Subscription.newBuilder()
              .setName(SubscriptionName.of(project, "sub").toString())
              .setTopic(topic)
              .build());
    }
    return topic;
  }

  /** Records pulled from the subscription until {@code want} arrived (or a minute passed). */
  private static List<Exposure> pull(String project, int want) throws Exception {
    List<Exposure> out = new ArrayList<>();
    int messageCounts = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (SubscriptionAdminClient subscriptions = emulator.subscriptions()) {
      String sub = SubscriptionName.of(project, "sub").toString();
      while (out.size() < want && System.nanoTime() < deadline) {
        PullResponse r = subscriptions.pull(sub, 100);
        List<String> acks = new ArrayList<>();
        for (ReceivedMessage m : r.getReceivedMessagesList()) {
          String data = m.getMessage().getData().toStringUtf8();
          assertFalse(data.endsWith("\n"), "the subscription adds the newline between messages");
          AnswerRecords.Counts counts =
              AnswerRecords.read(
                  new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)),
                  "message",
                  out::add);
          assertEquals(0, counts.rejected(), counts.examples().toString());
          messageCounts +=
              Integer.parseInt(m.getMessage().getAttributesOrThrow(PubSubAnswerSink.COUNT));
          acks.add(m.getAckId());
        }
        if (!acks.isEmpty()) {
          subscriptions.acknowledge(sub, acks);
        }
      }
    }
    assertEquals(out.size(), messageCounts, "the messages' count attributes");
    return out;
  }

  @Test
  void answersTopic_oneLinePerAnswer_withTheTokensRequestId() throws Exception {
    String project = emulator.newProject();
    String topic = topicWithSubscription(project);
    FunctionFixture f =
        new FunctionFixture(
            TestModels.store(3),
            Map.of(
                FunctionConfig.STORE,
                "firestore",
                FunctionConfig.ANSWERS_TOPIC,
                topic,
                FunctionConfig.RECORD_ANSWERS,
                "true",
                "PUBSUB_EMULATOR_HOST",
                emulator.host()));
    Map<String, AttributionToken> byRequest = new HashMap<>();
    Map<String, List<String>> skus = new HashMap<>();
    for (String target :
        List.of(
            "/recommendations?customer=u1&n=5",
            "/similar?sku=s3&n=4&session=anon-1",
            "/trending?n=3",
            "/recommendations?customer=u2&n=2")) {
      FakeHttp.Response r = f.get(target);
      assertEquals(200, r.status, r.body());
      JsonObject body = FunctionFixture.json(r);
      AttributionToken t =
          AttributionToken.parse(body.get("attribution").getAsString()).orElseThrow();
      byRequest.put(t.request(), t);
      List<String> served = new ArrayList<>();
      body.getAsJsonArray("items")
          .forEach(i -> served.add(i.getAsJsonObject().get("sku").getAsString()));
      skus.put(t.request(), served);
    }
    f.function.answers().close(); // publishes what is queued

    List<Exposure> recorded = pull(project, byRequest.size());
    assertEquals(byRequest.size(), recorded.size());
    for (Exposure e : recorded) {
      AttributionToken t = byRequest.get(e.request());
      assertTrue(t != null, "a recorded answer no token named: " + e);
      assertEquals(skus.get(e.request()), e.skus());
      assertEquals(t.version(), e.version());
      assertEquals(t.variant(), e.variant());
    }
    assertEquals(
        Set.of("anon-1", "u1", "u2", "-"),
        recorded.stream().map(Exposure::customer).collect(Collectors.toSet()));
  }

  @Test
  void pausedTopic_answersStillImmediate_lossCounted_recordingResumes() throws Exception {
    String project = emulator.newProject();
    String topic = topicWithSubscription(project);
    ByteArrayOutputStream recorderLog = new ByteArrayOutputStream();
    AnswerRecorder recorder =
        AnswerRecorder.start(
            PubSubAnswerSink.open(topic, emulator.host(), Duration.ofSeconds(1)),
            4,
            JsonLog.to(recorderLog, "answers"));
    FunctionFixture f = new FunctionFixture(TestModels.store(3), Map.of(), recorder);
    try {
      assertEquals(200, f.get("/recommendations?customer=u1&n=5").status);
      waitFor(() -> recorder.state().recorded() == 1, "the first answer published");

      emulator.signal("STOP");
      try {
        for (int i = 0; i < 20; i++) {
          long start = System.nanoTime();
          FakeHttp.Response r = f.get("/recommendations?customer=u1&n=5");
          long ms = (System.nanoTime() - start) / 1_000_000;
          assertEquals(200, r.status, r.body());
          assertTrue(FunctionFixture.json(r).has("attribution"));
          assertTrue(ms < BOUND_MS, "answer " + i + " took " + ms + " ms with the topic paused");
        }
        waitFor(() -> recorder.state().lost() == 20, "all 20 answers counted lost");
        JsonObject answers = FunctionFixture.json(f.get("/healthz")).getAsJsonObject("answers");
        assertEquals(20, answers.get("lost").getAsLong(), answers.toString());
        assertEquals(1, answers.get("recorded").getAsLong(), answers.toString());
        assertTrue(answers.has("last_error"), answers.toString());
        String logged = recorderLog.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains(topic) && logged.contains("lost"), logged);
      } finally {
        emulator.signal("CONT");
      }

      long resumed = System.nanoTime();
      waitFor(
          () -> {
            f.get("/recommendations?customer=u2&n=3");
            return recorder.state().recorded() > 1;
          },
          "recording again after the topic is back");
      System.err.println(
          "AnswersPubSubIT: recording again "
              + (System.nanoTime() - resumed) / 1_000_000
              + " ms after resuming");
    } finally {
      recorder.close();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
