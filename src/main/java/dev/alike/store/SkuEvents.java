package dev.alike.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a batch of real-time events adds to one SKU of a customer's profile ({@link
 * ModelStore#addToProfile}).
 *
 * @param weight the events' summed weight, finite and &gt; 0
 * @param seen epoch seconds of the newest event, or {@link CustomerProfile#NO_TIME}
 * @param bought epoch seconds of the newest purchase ({@link CustomerProfile#NO_TIME} when it had
 *     no time), or {@link #NOT_BOUGHT}
 */
public record SkuEvents(double weight, long seen, long bought) {
  /** {@link #bought} of events without a purchase. */
  public static final long NOT_BOUGHT = -1;

  /** Events without a time or a purchase: their weight alone. */
  public static SkuEvents weight(double weight) {
    return new SkuEvents(weight, CustomerProfile.NO_TIME, NOT_BOUGHT);
  }

  /** Each SKU's weight as events without a time or a purchase. */
  public static Map<String, SkuEvents> weights(Map<String, Double> weights) {
    Map<String, SkuEvents> out = new LinkedHashMap<>();
    weights.forEach((sku, w) -> out.put(sku, weight(w)));
    return out;
  }

  /** Both together: weights summed, the newer time and purchase kept. */
  public SkuEvents plus(SkuEvents o) {
    return new SkuEvents(weight + o.weight, Math.max(seen, o.seen), Math.max(bought, o.bought));
  }
}
