package dev.alike.model;

import java.util.Map;
import java.util.TreeMap;

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

  /**
   * The vector of {@code scoresById} over {@code index}: SKUs unknown to the index are ignored,
   * non-positive scores are ignored, and the SKUs come out in increasing index order. {"sku0": 0.5,
   * "sku1": 1, "unknown": 3} over {sku0, sku1, sku2} becomes [0.5, 1, 0].
   */
  public static CustomerVector vector(Map<String, ? extends Number> scoresById, IdIndex index) {
    TreeMap<Integer, Float> sorted = new TreeMap<>();
    for (Map.Entry<String, ? extends Number> e : scoresById.entrySet()) {
      int j = index.indexOf(e.getKey());
      float v = e.getValue().floatValue();
      if (j >= 0 && v > 0) {
        sorted.merge(j, v, Float::sum);
      }
    }
    int[] skus = new int[sorted.size()];
    float[] scores = new float[sorted.size()];
    int n = 0;
    for (Map.Entry<Integer, Float> e : sorted.entrySet()) {
      skus[n] = e.getKey();
      scores[n++] = e.getValue();
    }
    return new CustomerVector(skus, scores);
  }

  /** {@code v} in dense form over {@code skuCount} SKUs. */
  public static double[] dense(CustomerVector v, int skuCount) {
    double[] dense = new double[skuCount];
    for (int e = 0; e < v.size(); e++) {
      dense[v.skus()[e]] += v.scores()[e];
    }
    return dense;
  }
}
