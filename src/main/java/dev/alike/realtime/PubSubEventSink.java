package dev.alike.realtime;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import dev.alike.events.EventBatch;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes each accepted batch as one Pub/Sub message: the events as JSON Lines ({@link
 * EventBatch#toJsonLines}, each line naming the batch by a new random id), the format of an events
 * file, so that the Cloud Storage subscription can write message data straight into the events
 * bucket, and the attribute {@value #COUNT}. The push subscription's handler ({@link PushHandler})
 * reads the same data back.
 *
 * <p>{@link #accept} waits for the topic to acknowledge the publish (at most {@link #TIMEOUT}), so
 * a 202 means Pub/Sub holds the events. The publisher stops retrying after {@link #TIMEOUT} too, so
 * a publish the function gave up on (answered 503) lands within that time or never; either way it
 * is one message, so a batch is never split.
 */
public final class PubSubEventSink implements EventSink {
  private static final System.Logger LOG = System.getLogger(PubSubEventSink.class.getName());

  /** Message attribute: the number of events in the message. */
  public static final String COUNT = "events";

  /** Ten seconds: a publish normally takes tens of milliseconds; beyond this, tell the client. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Publishing topic;

  private PubSubEventSink(Publishing topic) {
    this.topic = topic;
  }

  /**
   * A sink publishing to {@code topic} ({@code projects/P/topics/T}).
   *
   * @param emulatorHost host:port of a Pub/Sub emulator (plain text, no credentials), or null for
   *     Google Cloud with the environment's credentials
   * @throws IllegalArgumentException naming the topic when it is not {@code projects/P/topics/T}
   */
  public static PubSubEventSink open(String topic, String emulatorHost) {
    return new PubSubEventSink(Publishing.open(topic, emulatorHost, TIMEOUT));
  }

  /**
   * A publisher to one topic whose publishes are waited for at most a timeout, and its emulator
   * channel: what the event and answer sinks share. A publish not acknowledged in time is reported
   * as failed; under {@link #TIMEOUT} it may still land later (the client retries for at least that
   * long).
   */
  record Publishing(Publisher publisher, ManagedChannel channel, Duration timeout) {
    /**
     * @throws IllegalArgumentException naming the topic when it is not {@code projects/P/topics/T}
     */
    static Publishing open(String topic, String emulatorHost, Duration timeout) {
      if (!TopicName.isParsableFrom(topic)) {
        throw new IllegalArgumentException(
            "topic \"" + topic + "\" is not of the form projects/PROJECT/topics/TOPIC");
      }
      // The client refuses retry timeouts under 10 s; a shorter timeout (tests) bounds the wait.
      Duration retries = timeout.compareTo(TIMEOUT) < 0 ? TIMEOUT : timeout;
      Publisher.Builder builder =
          Publisher.newBuilder(TopicName.parse(topic))
              .setRetrySettings(
                  RetrySettings.newBuilder()
                      .setInitialRetryDelayDuration(Duration.ofMillis(100))
                      .setRetryDelayMultiplier(2)
                      .setMaxRetryDelayDuration(Duration.ofSeconds(1))
                      .setInitialRpcTimeoutDuration(retries)
                      .setRpcTimeoutMultiplier(1)
                      .setMaxRpcTimeoutDuration(retries)
                      .setTotalTimeoutDuration(retries)
                      .build());
      ManagedChannel channel = null;
      if (emulatorHost != null && !emulatorHost.isBlank()) {
        channel = ManagedChannelBuilder.forTarget(emulatorHost).usePlaintext().build();
        builder
            .setChannelProvider(
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
            .setCredentialsProvider(NoCredentialsProvider.create());
      }
      try {
        return new Publishing(builder.build(), channel, timeout);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a publisher for " + topic, e);
      }
    }

    /**
     * Publishes {@code message} and waits for the topic's acknowledgement.
     *
     * @return the message id
     * @throws Unavailable naming {@code what} when the publish failed or took over the timeout
     */
    String publish(PubsubMessage message, String what) {
      try {
        return publisher.publish(message).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Unavailable("interrupted while publishing " + what, e);
      } catch (ExecutionException e) {
        throw new Unavailable("publishing " + what + " failed: " + e.getCause().getMessage(), e);
      } catch (TimeoutException e) {
        throw new Unavailable("publishing " + what + " took over " + timeout.toMillis() + " ms", e);
      }
    }

    /** Sends what is batched and stops (waiting at most the timeout). */
    void close() {
      publisher.shutdown();
      try {
        if (!publisher.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.log(Level.WARNING, "publisher did not stop within " + timeout.toMillis() + " ms");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (channel != null) {
        channel.shutdownNow();
      }
    }
  }

  @Override
  public String accept(List<EventBatch.Event> events) {
    PubsubMessage message =
        PubsubMessage.newBuilder()
            .setData(
                ByteString.copyFrom(
                    EventBatch.toJsonLines("pubsub:" + UUID.randomUUID(), events),
                    StandardCharsets.UTF_8))
            .putAttributes(COUNT, Integer.toString(events.size()))
            .build();
    return topic.publish(message, "events");
  }

  @Override
  public void close() {
    topic.close();
  }
}
