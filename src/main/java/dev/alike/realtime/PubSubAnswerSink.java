package dev.alike.realtime;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.alike.experiment.AnswerRecorder;
import dev.alike.experiment.AnswerRecords;
import dev.alike.experiment.Exposure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Publishes recorded answers to the answers topic, a batch per message: {@link AnswerRecords} lines
 * separated by newlines, so the Cloud Storage subscription (which puts a newline between messages)
 * writes JSON Lines under the bucket's {@code answers/} prefix. Waits for the topic's
 * acknowledgement (at most the timeout): only the recorder's writer thread waits, never a request.
 */
public final class PubSubAnswerSink implements AnswerRecorder.Sink {
  /** Message attribute: the number of answers in the message. */
  public static final String COUNT = "answers";

  /** As for events: a publish normally takes tens of milliseconds. */
  public static final Duration TIMEOUT = PubSubEventSink.TIMEOUT;

  private final PubSubEventSink.Publishing topic;
  private final String name;

  private PubSubAnswerSink(PubSubEventSink.Publishing topic, String name) {
    this.topic = topic;
    this.name = name;
  }

  /**
   * A sink publishing to {@code topic} ({@code projects/P/topics/T}).
   *
   * @param emulatorHost a Pub/Sub emulator's host:port, or null for Google Cloud
   * @param timeout how long one publish may take before its answers count as lost
   * @throws IllegalArgumentException naming the topic when it is not {@code projects/P/topics/T}
   */
  public static PubSubAnswerSink open(String topic, String emulatorHost, Duration timeout) {
    return new PubSubAnswerSink(
        PubSubEventSink.Publishing.open(topic, emulatorHost, timeout), topic);
  }

  @Override
  public void write(List<Exposure> answers) {
    StringBuilder data = new StringBuilder(answers.size() * 200);
    for (Exposure e : answers) {
      if (data.length() > 0) {
        data.append('\n'); // the subscription separates messages by a newline of its own
      }
      data.append(AnswerRecords.line(e));
    }
    topic.publish(
        PubsubMessage.newBuilder()
            .setData(ByteString.copyFrom(data.toString(), StandardCharsets.UTF_8))
            .putAttributes(COUNT, Integer.toString(answers.size()))
            .build(),
        answers.size() + " answers");
  }

  @Override
  public String where() {
    return name;
  }

  @Override
  public void close() {
    topic.close();
  }
}
