package dev.alike.realtime;

import dev.alike.events.EventBatch;
import dev.alike.events.EventType;
import dev.alike.store.ModelStore;
import dev.alike.store.SkuEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch of events into one profile update per customer (the sum of the weights per SKU, as
 * the build sums them, with the newest event's and purchase's time, as the build records them) and
 * applies them through {@link ModelStore#addToProfile}, each under the update id {@code batchId +
 * "\n" + customer}: a batch applied twice (a redelivered Pub/Sub message) changes each customer's
 * profile once.
 */
public final class ProfileDeltas {
  private ProfileDeltas() {}

  /** What {@link #apply} did: customers whose profile changed, and those already applied. */
  public record Applied(int updated, int duplicates) {}

  /** Customer -> SKU -> its events summed, in first-seen order. */
  static Map<String, Map<String, SkuEvents>> byCustomer(List<EventBatch.Event> events) {
    Map<String, Map<String, SkuEvents>> out = new LinkedHashMap<>();
    for (EventBatch.Event e : events) {
      long bought = e.type() == EventType.PURCHASE ? e.ts() : SkuEvents.NOT_BOUGHT;
      out.computeIfAbsent(e.customer(), c -> new LinkedHashMap<>())
          .merge(e.sku(), new SkuEvents(e.weight(), e.ts(), bought), SkuEvents::plus);
    }
    return out;
  }

  /**
   * Applies {@code events} to {@code store}, customer by customer. A failure part way leaves the
   * customers before it applied; applying the same batch again then skips them and does the rest.
   *
   * @throws dev.alike.store.StoreException when the store fails
   */
  public static Applied apply(
      ModelStore store,
      String batchId,
      List<EventBatch.Event> events,
      ModelStore.Delivery delivery) {
    int updated = 0;
    int duplicates = 0;
    for (Map.Entry<String, Map<String, SkuEvents>> e : byCustomer(events).entrySet()) {
      if (store.addToProfile(batchId + "\n" + e.getKey(), e.getKey(), e.getValue(), delivery)) {
        updated++;
      } else {
        duplicates++;
      }
    }
    return new Applied(updated, duplicates);
  }
}
