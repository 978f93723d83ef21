package dev.alike.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final double EPS = 1e-12;

  @Test
  void handComputedCase_hitsAtRanks1And3() {
    // ranked [5, 7, 2, 9], relevant {2, 5, 8}, k = 4: hits at ranks 1 and 3.
    double[] m = Metrics.of(new int[] {5, 7, 2, 9}, new int[] {2, 5, 8}, 4);
    assertEquals(2.0 / 4, m[Metrics.PRECISION], EPS);
    assertEquals(2.0 / 3, m[Metrics.RECALL], EPS);
    double dcg = 1 + 1 / (Math.log(4) / Math.log(2));
    double idcg = 1 + 1 / (Math.log(3) / Math.log(2)) + 0.5;
    assertEquals(dcg / idcg, m[Metrics.NDCG], EPS);
    assertEquals((1 + 2.0 / 3) / 3, m[Metrics.MAP_AT_K], EPS);
    assertEquals((1 + 2.0 / 3) / 3, m[Metrics.MAP_RECOMMENDERS], EPS);
    assertEquals(1, m[Metrics.HIT_RATE], EPS);
    assertEquals(1, m[Metrics.MRR], EPS);
  }

  @Test
  void mapDefinitionsDiffer_whenMoreRelevantThanK() {
    // k = 2, 4 relevant, hit at rank 2 only: MAP@k divides by min(4, 2), Recommenders' by 4.
    double[] m = Metrics.of(new int[] {0, 1}, new int[] {1, 2, 3, 4}, 2);
    assertEquals(0.5 / 2, m[Metrics.MAP_AT_K], EPS);
    assertEquals(0.5 / 4, m[Metrics.MAP_RECOMMENDERS], EPS);
    assertEquals(0.5, m[Metrics.MRR], EPS);
    assertEquals(
        1 / (Math.log(3) / Math.log(2)) / (1 + 1 / (Math.log(3) / Math.log(2))),
        m[Metrics.NDCG],
        EPS);
  }

  @Test
  void noHit_allZero_shortListStillDividesByK() {
    double[] m = Metrics.of(new int[] {9}, new int[] {1}, 10);
    assertArrayEquals(new double[Metrics.NAMES.length], m, EPS);
    double[] one = Metrics.of(new int[] {1}, new int[] {1}, 10);
    assertEquals(0.1, one[Metrics.PRECISION], EPS);
    assertEquals(1, one[Metrics.NDCG], EPS);
  }

  @Test
  void onlyTheFirstKCount() {
    double[] m = Metrics.of(new int[] {0, 1, 2}, new int[] {2}, 2);
    assertEquals(0, m[Metrics.HIT_RATE], EPS);
  }

  @Test
  void emptyRelevant_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> Metrics.of(new int[] {1}, new int[0], 10));
  }

  @Test
  void randomLists_matchBruteForceDefinitions() {
    Random random = new Random(7);
    for (int trial = 0; trial < 500; trial++) {
      int k = 1 + random.nextInt(8);
      int[] ranked = distinct(random, 1 + random.nextInt(10), 20);
      int[] relevant = distinct(random, 1 + random.nextInt(6), 20);
      Arrays.sort(relevant);
      assertArrayEquals(bruteForce(ranked, relevant, k), Metrics.of(ranked, relevant, k), 1e-9);
    }
  }

  /** Each metric from its textbook definition, computed independently of the implementation. */
  private static double[] bruteForce(int[] ranked, int[] relevant, int k) {
    Set<Integer> rel = new HashSet<>();
    for (int r : relevant) {
      rel.add(r);
    }
    int n = Math.min(k, ranked.length);
    boolean[] hit = new boolean[n];
    for (int r = 0; r < n; r++) {
      hit[r] = rel.contains(ranked[r]);
    }
    double hits = 0;
    double ap = 0;
    double dcg = 0;
    double mrr = 0;
    for (int r = 0; r < n; r++) {
      if (hit[r]) {
        hits++;
        int upTo = 0;
        for (int q = 0; q <= r; q++) {
          upTo += hit[q] ? 1 : 0;
        }
        ap += upTo / (r + 1.0);
        dcg += Math.log(2) / Math.log(r + 2);
        mrr = mrr == 0 ? 1.0 / (r + 1) : mrr;
      }
    }
    double idcg = 0;
    for (int r = 0; r < Math.min(k, relevant.length); r++) {
      idcg += Math.log(2) / Math.log(r + 2);
    }
    return new double[] {
      hits / k,
      hits / relevant.length,
      dcg / idcg,
      ap / Math.min(k, relevant.length),
      ap / relevant.length,
      hits > 0 ? 1 : 0,
      mrr
    };
  }

  private static int[] distinct(Random random, int n, int range) {
    Set<Integer> seen = new HashSet<>();
    int[] out = new int[n];
    int at = 0;
    while (at < n) {
      int v = random.nextInt(range);
      if (seen.add(v)) {
        out[at++] = v;
      }
    }
    return out;
  }
}
