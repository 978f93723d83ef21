package dev.alike.eval;

/**
 * Ranking metrics of one top-k list against a customer's held-out SKUs, binary relevance.
 * Definitions (rel_r = 1 when the SKU at rank r, 1-based, is held out; R = number held out):
 *
 * <ul>
 *   <li>precision@k = hits / k (a list shorter than k still divides by k)
 *   <li>recall@k = hits / R
 *   <li>nDCG@k = sum rel_r / log2(r + 1) over the ideal sum for min(R, k) hits
 *   <li>MAP@k = sum over hit ranks of precision@r, divided by min(R, k)
 *   <li>"MAP" as Microsoft Recommenders computes it: the same sum divided by R
 *   <li>hit rate = 1 if any hit; MRR = 1 / rank of the first hit, 0 if none
 * </ul>
 */
public final class Metrics {
  /** Metric names in the order of {@link #of}'s result. */
  public static final String[] NAMES = {
    "precision", "recall", "ndcg", "map_at_k", "map_recommenders", "hit_rate", "mrr"
  };

  public static final int PRECISION = 0;
  public static final int RECALL = 1;
  public static final int NDCG = 2;
  public static final int MAP_AT_K = 3;
  public static final int MAP_RECOMMENDERS = 4;
  public static final int HIT_RATE = 5;
  public static final int MRR = 6;

  private Metrics() {}

  /**
   * The metrics of {@code ranked} (best first; only the first k count) against {@code relevant}
   * (SKU indices, increasing, non-empty).
   *
   * @throws IllegalArgumentException when {@code relevant} is empty or k < 1
   */
  public static double[] of(int[] ranked, int[] relevant, int k) {
    if (relevant.length == 0) {
      throw new IllegalArgumentException("no relevant items: the customer has no held-out SKU");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    int hits = 0;
    double dcg = 0;
    double precisionSum = 0;
    double firstHit = 0;
    int n = Math.min(k, ranked.length);
    for (int r = 0; r < n; r++) {
      if (java.util.Arrays.binarySearch(relevant, ranked[r]) >= 0) {
        hits++;
        dcg += 1 / log2(r + 2);
        precisionSum += (double) hits / (r + 1);
        if (firstHit == 0) {
          firstHit = 1.0 / (r + 1);
        }
      }
    }
    double idcg = 0;
    for (int r = 0; r < Math.min(relevant.length, k); r++) {
      idcg += 1 / log2(r + 2);
    }
    double[] m = new double[NAMES.length];
    m[PRECISION] = (double) hits / k;
    m[RECALL] = (double) hits / relevant.length;
    m[NDCG] = dcg / idcg;
    m[MAP_AT_K] = precisionSum / Math.min(relevant.length, k);
    m[MAP_RECOMMENDERS] = precisionSum / relevant.length;
    m[HIT_RATE] = hits > 0 ? 1 : 0;
    m[MRR] = firstHit;
    return m;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
