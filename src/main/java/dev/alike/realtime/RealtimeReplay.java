package dev.alike.realtime;

import dev.alike.events.EventBatch;
import dev.alike.events.EventWeights;
import dev.alike.store.ModelStore;
import java.util.ArrayList;
import java.util.List;

/**
 * After a build replaced the profiles, applies the real-time events it did not count: those
 * accepted while it ran, which the profiles held before the replacement dropped them (or which
 * arrived after). Each batch is applied as the live path applied it, under the batch id its lines
 * carry, with {@link ModelStore.Delivery#REPLAY}: a customer whose new profile already holds the
 * update (applied live after the replacement) is skipped, any other gets it once. Lines without a
 * batch id (written before batch ids existed) are left to the next build, which counts them.
 */
public final class RealtimeReplay {
  private RealtimeReplay() {}

  /**
   * What a replay did.
   *
   * @param events events read from batch-carrying lines
   * @param updates customer profiles changed
   * @param alreadyApplied customer updates the new profiles already held
   * @param rejected lines that are not valid events
   * @param withoutBatch valid lines without a batch id, not replayed
   */
  public record Replayed(
      long events, long updates, long alreadyApplied, long rejected, long withoutBatch) {
    /** Both replays' counts summed. */
    public Replayed plus(Replayed o) {
      return new Replayed(
          events + o.events,
          updates + o.updates,
          alreadyApplied + o.alreadyApplied,
          rejected + o.rejected,
          withoutBatch + o.withoutBatch);
    }
  }

  /** Nothing replayed. */
  public static final Replayed NONE = new Replayed(0, 0, 0, 0, 0);

  /**
   * Replays the JSON Lines {@code text} (the local live file, or an events-bucket object) into
   * {@code store}'s profiles.
   *
   * @param weights the build's event weights
   * @throws dev.alike.store.StoreException when the store fails
   */
  public static Replayed replay(ModelStore store, String text, EventWeights weights) {
    long now = System.currentTimeMillis() / 1000;
    Replayed done = NONE;
    String batch = null;
    List<EventBatch.Event> events = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      EventBatch.Parsed parsed = EventBatch.parseLines(line, weights, now);
      if (!parsed.ok() || parsed.events().isEmpty()) {
        done = done.plus(new Replayed(0, 0, 0, 1, 0));
        continue;
      }
      if (parsed.batch() == null) {
        done = done.plus(new Replayed(0, 0, 0, 0, 1));
        continue;
      }
      if (!parsed.batch().equals(batch)) {
        done = done.plus(apply(store, batch, events));
        batch = parsed.batch();
        events = new ArrayList<>();
      }
      events.addAll(parsed.events());
    }
    return done.plus(apply(store, batch, events));
  }

  private static Replayed apply(ModelStore store, String batch, List<EventBatch.Event> events) {
    if (events.isEmpty()) {
      return NONE;
    }
    ProfileDeltas.Applied a = ProfileDeltas.apply(store, batch, events, ModelStore.Delivery.REPLAY);
    return new Replayed(events.size(), a.updated(), a.duplicates(), 0, 0);
  }
}
