package dev.alike.realtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.alike.events.EventBatch;
import dev.alike.events.EventWeights;
import dev.alike.store.Backend;
import dev.alike.store.ModelStore;
import dev.alike.store.StoreException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Handles one Pub/Sub push request: the JSON envelope {@code {"message": {"data": base64,
 * "messageId": "..."}, "subscription": "..."}} whose data {@link PubSubEventSink} published. The
 * events are added to the profiles under the batch id their lines carry (the message id for lines
 * without one) ({@link ProfileDeltas}), so a redelivery of the same message changes nothing, and a
 * build's replay of the same lines from the events bucket ({@link RealtimeReplay}) recognises them.
 *
 * <p>Answers: 204 when applied (or already applied), which acknowledges the message; 400 for a
 * message that can never be applied (not an envelope, data not base64 or not valid events), which
 * Pub/Sub redelivers until the subscription's maximum delivery attempts and then moves to the
 * dead-letter topic; 503 when the store fails, redelivered with backoff.
 */
public final class PushHandler {
  private static final System.Logger LOG = System.getLogger(PushHandler.class.getName());

  private final Supplier<ModelStore> store;
  private final EventWeights weights;
  private final Backend backend;

  /** What to answer: status and a short text for the log and the body. */
  public record Outcome(int status, String message) {}

  /**
   * @param store asked for on each message (opened lazily by the caller)
   * @param weights of event types, the build's ({@code ALIKE_WEIGHTS})
   * @param backend the deadline and breaker of the profile updates: a message not applied in time
   *     is answered 503 and redelivered (what was applied of it is skipped then)
   */
  public PushHandler(Supplier<ModelStore> store, EventWeights weights, Backend backend) {
    this.store = Objects.requireNonNull(store, "store");
    this.weights = Objects.requireNonNull(weights, "weights");
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  /** Handles a push request's body. Never throws for bad input: see the class comment. */
  public Outcome handle(String body) {
    String messageId;
    String data;
    try {
      JsonObject message =
          JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("message");
      messageId = text(message, "messageId", "message_id");
      data = new String(Base64.getDecoder().decode(text(message, "data")), StandardCharsets.UTF_8);
    } catch (JsonParseException
        | IllegalStateException
        | IllegalArgumentException
        | NullPointerException e) {
      return poison("not a Pub/Sub push envelope with message.data and message.messageId");
    }
    EventBatch.Parsed parsed;
    try {
      parsed = EventBatch.parseLines(data, weights, System.currentTimeMillis() / 1000);
    } catch (EventBatch.BadBatch e) {
      return poison("message " + messageId + ": " + e.getMessage());
    }
    if (!parsed.ok()) {
      return poison("message " + messageId + ": " + parsed.first().message());
    }
    try {
      String batch = parsed.batch() != null ? parsed.batch() : "pubsub:" + messageId;
      ProfileDeltas.Applied applied =
          backend.call(
              "apply message " + messageId,
              () ->
                  ProfileDeltas.apply(
                      store.get(), batch, parsed.events(), ModelStore.Delivery.LIVE));
      return new Outcome(
          204,
          "message "
              + messageId
              + ": "
              + parsed.events().size()
              + " events, "
              + applied.updated()
              + " profiles updated, "
              + applied.duplicates()
              + " already applied");
    } catch (StoreException e) {
      LOG.log(
          Level.WARNING,
          "message " + messageId + " not applied, redelivery asked: " + e.getMessage());
      return new Outcome(503, "the model store is unavailable");
    }
  }

  private static Outcome poison(String why) {
    LOG.log(Level.ERROR, "push message refused (it goes to the dead-letter topic): " + why);
    return new Outcome(400, why);
  }

  /** The first of {@code names} present as a string in {@code o}; throws when none is. */
  private static String text(JsonObject o, String... names) {
    for (String name : names) {
      JsonElement e = o.get(name);
      if (e != null && e.isJsonPrimitive()) {
        return e.getAsString();
      }
    }
    throw new IllegalArgumentException("no " + names[0]);
  }
}
