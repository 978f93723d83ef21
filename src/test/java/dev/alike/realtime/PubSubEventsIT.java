package dev.alike.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import dev.alike.events.EventBatch;
import dev.alike.events.EventType;
import dev.alike.events.EventWeights;
import dev.alike.store.InMemoryModelStore;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cloud path against the real Pub/Sub emulator: {@link PubSubEventSink} publishes, a push
 * subscription delivers to {@link PushHandler} over HTTP, profiles change once per message even
 * when the emulator redelivers it, and a message that can never be applied ends on the dead-letter
 * topic.
 */
@ExtendWith(PubSubEmulatorExtension.class)
class PubSubEventsIT {
  private final PubSubEmulatorExtension.Emulator emulator;
  private final String project;
  private final InMemoryModelStore store = new InMemoryModelStore();
  private final TopicAdminClient topics;
  private final SubscriptionAdminClient subscriptions;
  private PushServer server;
  private PubSubEventSink sink;

  PubSubEventsIT(PubSubEmulatorExtension.Emulator emulator) {
    this.emulator = emulator;
    this.project = emulator.newProject();
    this.topics = emulator.topics();
    this.subscriptions = emulator.subscriptions();
  }

  private String topic(String name) {
    return TopicName.of(project, name).toString();
  }

  /** Topic "events" with a push subscription to {@code server} and dead letters to "dead". */
  @BeforeEach
  void topics() {
    topics.createTopic(topic("events"));
    topics.createTopic(topic("dead"));
    subscriptions.createSubscription(
        Subscription.newBuilder()
            .setName(SubscriptionName.of(project, "dead-pull").toString())
            .setTopic(topic("dead"))
            .build());
    sink = PubSubEventSink.open(topic("events"), emulator.host());
  }

  private void pushTo(PushServer s) {
    server = s;
    subscriptions.createSubscription(
        Subscription.newBuilder()
            .setName(SubscriptionName.of(project, "push").toString())
            .setTopic(topic("events"))
            .setPushConfig(PushConfig.newBuilder().setPushEndpoint(s.endpoint()).build())
            .setAckDeadlineSeconds(10)
            .setDeadLetterPolicy(
                DeadLetterPolicy.newBuilder()
                    .setDeadLetterTopic(topic("dead"))
                    .setMaxDeliveryAttempts(5)
                    .build())
            .build());
  }

  @AfterEach
  void close() {
    sink.close();
    if (server != null) {
      server.close();
    }
    topics.close();
    subscriptions.close();
  }

  private static EventBatch.Event cart(String customer, String sku) {
    return new EventBatch.Event(customer, sku, EventType.CART, 2.0, 1_762_000_000L);
  }

  @Test
  void publishedEventsReachTheProfileThroughThePushSubscription() {
    pushTo(
        new PushServer(
            new PushHandler(() -> store, EventWeights.DEFAULT, dev.alike.store.Backend.inline()),
            d -> d.status()));
    String id = sink.accept(List.of(cart("c1", "s1"), cart("c1", "s1"), cart("c2", "s9")));
    waitFor(() -> store.profile("c2").isPresent(), "profile of c2");
    assertEquals(Map.of("s1", 4.0), store.profile("c1").orElseThrow().scores());
    assertEquals(Map.of("s9", 2.0), store.profile("c2").orElseThrow().scores());
    assertEquals(1, server.deliveriesOf(id));
  }

  @Test
  void aRedeliveredMessageCountsOnce() {
    AtomicBoolean failedOnce = new AtomicBoolean();
    // The first delivery is applied but answered 500, as if the acknowledgement were lost.
    pushTo(
        new PushServer(
            new PushHandler(() -> store, EventWeights.DEFAULT, dev.alike.store.Backend.inline()),
            d -> failedOnce.compareAndSet(false, true) ? 500 : d.status()));
    String id = sink.accept(List.of(cart("c1", "s1")));
    waitFor(() -> server.deliveriesOf(id) >= 2, "a redelivery of " + id);
    waitFor(() -> server.deliveries.get(server.deliveries.size() - 1).status() == 204, "an ack");
    assertEquals(Map.of("s1", 2.0), store.profile("c1").orElseThrow().scores());
  }

  @Test
  void aMessageThatCanNeverBeAppliedEndsOnTheDeadLetterTopic() throws Exception {
    pushTo(
        new PushServer(
            new PushHandler(() -> store, EventWeights.DEFAULT, dev.alike.store.Backend.inline()),
            d -> d.status()));
    String id = publishRaw("{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"wink\"}\n");
    waitFor(() -> server.deliveriesOf(id) >= 5, "5 delivery attempts of " + id);
    assertTrue(server.deliveries.stream().allMatch(d -> d.status() == 400), "all refused");
    PullResponse dead = pullDead(Duration.ofSeconds(60));
    assertEquals(1, dead.getReceivedMessagesCount(), "one dead letter");
    assertEquals(
        "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"wink\"}\n",
        dead.getReceivedMessages(0).getMessage().getData().toStringUtf8());
    assertTrue(store.profile("c1").isEmpty());
  }

  private String publishRaw(String data) throws Exception {
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(emulator.host()).usePlaintext().build();
    Publisher publisher =
        Publisher.newBuilder(topic("events"))
            .setChannelProvider(
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
            .setCredentialsProvider(NoCredentialsProvider.create())
            .build();
    try {
      return publisher
          .publish(
              PubsubMessage.newBuilder()
                  .setData(ByteString.copyFrom(data, StandardCharsets.UTF_8))
                  .build())
          .get();
    } finally {
      publisher.shutdown();
      channel.shutdownNow();
    }
  }

  private PullResponse pullDead(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    String sub = SubscriptionName.of(project, "dead-pull").toString();
    while (true) {
      PullResponse r = subscriptions.pull(sub, 10);
      if (r.getReceivedMessagesCount() > 0 || System.nanoTime() > deadline) {
        return r;
      }
      Thread.sleep(200);
    }
  }

  static void waitFor(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
