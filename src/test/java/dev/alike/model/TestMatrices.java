package dev.alike.model;

/** Test fixtures built on the model's public API. */
public final class TestMatrices {
  private TestMatrices() {}

  /**
   * A matrix from already aggregated rows, {@code rows[u]} being customer u's SKU indices with
   * {@code values[u]} their scores (duplicates not allowed).
   */
  public static InteractionMatrix ofRows(
      IdIndex customers, IdIndex skus, int[][] rows, float[][] values) {
    EventLog log = new EventLog(customers, skus, 16);
    for (int u = 0; u < rows.length; u++) {
      for (int e = 0; e < rows[u].length; e++) {
        log.add(u, rows[u][e], values[u][e], EventLog.NO_TIME);
      }
    }
    return InteractionMatrix.build(log, 0, Integer.MAX_VALUE);
  }

  /** The similarity of {@code neighbor} in {@code sku}'s list, or 0 if it is not there. */
  public static float scoreOf(NeighborLists lists, int sku, int neighbor) {
    for (int at = lists.start(sku); at < lists.end(sku); at++) {
      if (lists.item(at) == neighbor) {
        return lists.score(at);
      }
    }
    return 0f;
  }
}
