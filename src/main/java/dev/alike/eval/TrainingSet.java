package dev.alike.eval;

import dev.alike.model.EventLog;
import dev.alike.model.InteractionMatrix;
import java.util.Arrays;

/**
 * What a candidate may learn from: the training events, and every customer's training SKUs (no cap,
 * no decay), which recommendations must leave out.
 *
 * @param events training events
 * @param seen the uncapped, undecayed training matrix; its rows are the SKUs to leave out
 * @param seed the split's seed, for candidates that draw random numbers
 */
public record TrainingSet(EventLog events, InteractionMatrix seen, long seed) {
  /** The training set of {@code split}. */
  public static TrainingSet of(Split split, long seed) {
    return new TrainingSet(
        split.train(), InteractionMatrix.build(split.train(), 0, Integer.MAX_VALUE), seed);
  }

  /** Whether customer {@code u} has SKU {@code j} in training. */
  public boolean hasSeen(int u, int j) {
    int[] ptr = seen.rowPtr();
    return Arrays.binarySearch(seen.rowSkus(), ptr[u], ptr[u + 1], j) >= 0;
  }

  /** Number of SKUs with at least one training event: the catalogue for coverage. */
  public int catalogueSize() {
    int[] colPtr = seen.colPtr();
    int n = 0;
    for (int j = 0; j < seen.skuCount(); j++) {
      if (colPtr[j + 1] > colPtr[j]) {
        n++;
      }
    }
    return n;
  }
}
