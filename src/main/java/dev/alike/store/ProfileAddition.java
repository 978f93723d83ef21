package dev.alike.store;

import com.google.common.hash.Hashing;
import dev.alike.model.FitOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real-time addition to a profile, computed as the build would: each weight adds to the SKU's
 * stored score r_uj, the newest event and purchase times replace older ones, and when the profile
 * then holds more than the per-customer cap, only the highest-scored SKUs are kept (ties by SKU
 * id), the build's rule in {@code MatrixAssembler}.
 *
 * <p>The cap is {@link FitOptions#DEFAULT_MAX_SKUS_PER_CUSTOMER}, the build's default: a store does
 * not know which cap the last build used, and a build with another {@code --max-skus-per-customer}
 * rewrites every profile with its own cap anyway. With the default, a profile updated in real time
 * equals what the next build computes from the same events.
 */
public final class ProfileAddition {
  /**
   * Update keys a profile keeps ({@link CustomerProfile#updates}), oldest dropped first: a customer
   * with more real-time batches than this between two builds risks a replay counting the oldest
   * twice; at 34 bytes each they take at most 34 KB of the document.
   */
  public static final int MAX_UPDATE_KEYS = 1000;

  private ProfileAddition() {}

  /** The key a profile keeps for {@code updateId}: 128 bits of its SHA-256, hex. */
  public static String key(String updateId) {
    return Hashing.sha256()
        .hashString(updateId, StandardCharsets.UTF_8)
        .toString()
        .substring(0, 32);
  }

  /** Whether {@code profile} (null: none) holds the update {@code updateId}. */
  public static boolean holds(CustomerProfile profile, String updateId) {
    return profile != null && profile.updates().contains(key(updateId));
  }

  /**
   * {@code old} (or an empty profile when null) plus {@code events}, capped at {@code cap} SKUs,
   * with {@code updateId}'s key appended to its updates (none when null).
   *
   * @throws IllegalArgumentException naming the SKU when a weight is not finite and &gt; 0 or a
   *     time is negative
   */
  public static CustomerProfile add(
      CustomerProfile old,
      String customer,
      Map<String, SkuEvents> events,
      int cap,
      String updateId) {
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, Long> seen = new LinkedHashMap<>();
    Map<String, Long> bought = new LinkedHashMap<>();
    List<String> updates = new ArrayList<>();
    if (old != null) {
      scores.putAll(old.scores());
      seen.putAll(old.seen());
      bought.putAll(old.bought());
      updates.addAll(old.updates());
    }
    events.forEach(
        (sku, e) -> {
          double w = e == null ? Double.NaN : e.weight();
          if (sku == null || sku.isEmpty() || !(w > 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException(
                "weight for SKU " + shortId(String.valueOf(sku)) + " is " + w);
          }
          if (e.seen() < 0 || e.bought() < SkuEvents.NOT_BOUGHT) {
            throw new IllegalArgumentException(
                "time for SKU " + shortId(sku) + " is " + Math.min(e.seen(), e.bought()));
          }
          scores.merge(sku, w, Double::sum);
          if (e.seen() != CustomerProfile.NO_TIME) {
            seen.merge(sku, e.seen(), Math::max);
          }
          if (e.bought() != SkuEvents.NOT_BOUGHT) {
            bought.merge(sku, e.bought(), Math::max);
          }
        });
    if (updateId != null) {
      updates.add(key(updateId));
      if (updates.size() > MAX_UPDATE_KEYS) {
        updates = updates.subList(updates.size() - MAX_UPDATE_KEYS, updates.size());
      }
    }
    if (scores.size() <= cap) {
      return new CustomerProfile(customer, scores, seen, bought, updates);
    }
    List<Map.Entry<String, Double>> entries = new ArrayList<>(scores.entrySet());
    entries.sort(
        Map.Entry.<String, Double>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Double> kept = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : entries.subList(0, cap)) {
      kept.put(e.getKey(), e.getValue());
    }
    return new CustomerProfile(customer, kept, seen, bought, updates);
  }

  private static String shortId(String id) {
    return id.length() <= 64 ? id : id.substring(0, 64) + "...";
  }

  /** {@code old} plus {@code events} with the build's default cap, remembering {@code updateId}. */
  public static CustomerProfile add(
      CustomerProfile old, String customer, Map<String, SkuEvents> events, String updateId) {
    return add(old, customer, events, FitOptions.DEFAULT_MAX_SKUS_PER_CUSTOMER, updateId);
  }
}
