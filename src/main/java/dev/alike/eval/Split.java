package dev.alike.eval;

import dev.alike.model.EventLog;

/**
 * A train/test split: the training events (sharing the full log's id indices, so customer and SKU
 * indices mean the same on both sides) and, per customer index, the distinct SKUs held out.
 *
 * @param train events to fit on
 * @param heldOut heldOut[u] = SKU indices customer u has in the test part, increasing; empty for
 *     customers with nothing held out
 */
public record Split(EventLog train, int[][] heldOut) {
  /** Number of customers with at least one held-out SKU: the ones metrics average over. */
  public int testCustomers() {
    int n = 0;
    for (int[] items : heldOut) {
      if (items.length > 0) {
        n++;
      }
    }
    return n;
  }
}
