package dev.alike.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random sparse interaction matrices for cross-checks. */
final class RandomMatrices {
  private RandomMatrices() {}

  /**
   * customers x skus with each cell present with probability {@code density}; scores are sums of
   * the design's weights (0.5, 2, 6) so that ties and repeated values occur.
   */
  static InteractionMatrix random(Random random, int customers, int skus, double density) {
    List<String> customerIds = new ArrayList<>();
    List<String> skuIds = new ArrayList<>();
    for (int u = 0; u < customers; u++) {
      customerIds.add("c" + u);
    }
    for (int i = 0; i < skus; i++) {
      skuIds.add("sku-" + Integer.toString(random.nextInt(1 << 20), 36) + "-" + i);
    }
    EventLog log = new EventLog(IdIndex.of(customerIds), IdIndex.of(skuIds), 64);
    double[] weights = {0.5, 2, 6};
    for (int u = 0; u < customers; u++) {
      for (int i = 0; i < skus; i++) {
        if (random.nextDouble() < density) {
          int events = 1 + random.nextInt(3);
          for (int e = 0; e < events; e++) {
            log.add(u, i, weights[random.nextInt(3)], EventLog.NO_TIME);
          }
        }
      }
    }
    return InteractionMatrix.build(log, 0, Integer.MAX_VALUE);
  }
}
