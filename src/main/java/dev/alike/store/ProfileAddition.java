package dev.alike.store;

import dev.alike.model.FitOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real-time addition to a profile, computed as the build would: each weight adds to the SKU's
 * stored score r_uj, and when the profile then holds more than the per-customer cap, only the
 * highest-scored SKUs are kept (ties by SKU id), the build's rule in {@code MatrixAssembler}.
 *
 * <p>The cap is {@link FitOptions#DEFAULT_MAX_SKUS_PER_CUSTOMER}, the build's default: a store does
 * not know which cap the last build used, and a build with another {@code --max-skus-per-customer}
 * rewrites every profile with its own cap anyway. With the default, a profile updated in real time
 * equals what the next build computes from the same events.
 */
public final class ProfileAddition {
  private ProfileAddition() {}

  /**
   * {@code old} (or an empty profile when null) plus {@code weights}, capped at {@code cap} SKUs.
   *
   * @throws IllegalArgumentException naming the SKU when a weight is not finite and &gt; 0
   */
  public static CustomerProfile add(
      CustomerProfile old, String customer, Map<String, Double> weights, int cap) {
    Map<String, Double> scores = new LinkedHashMap<>();
    if (old != null) {
      scores.putAll(old.scores());
    }
    weights.forEach(
        (sku, w) -> {
          if (sku == null || sku.isEmpty() || w == null || !(w > 0) || w.isInfinite()) {
            throw new IllegalArgumentException(
                "weight for SKU " + shortId(String.valueOf(sku)) + " is " + w);
          }
          scores.merge(sku, w, Double::sum);
        });
    if (scores.size() <= cap) {
      return new CustomerProfile(customer, scores);
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
    return new CustomerProfile(customer, kept);
  }

  private static String shortId(String id) {
    return id.length() <= 64 ? id : id.substring(0, 64) + "...";
  }

  /** {@link #add(CustomerProfile, String, Map, int)} with the build's default cap. */
  public static CustomerProfile add(
      CustomerProfile old, String customer, Map<String, Double> weights) {
    return add(old, customer, weights, FitOptions.DEFAULT_MAX_SKUS_PER_CUSTOMER);
  }
}
