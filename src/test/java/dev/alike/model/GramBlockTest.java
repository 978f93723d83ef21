package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The packed co-occurrence counts against dense counting, including counts above 16 bits. */
class GramBlockTest {
  @Test
  void systems_equalDenseCounts_narrowAndWide() {
    Random random = new Random(11);
    InteractionMatrix m = RandomMatrices.random(random, 50, 12, 0.3);
    double[][] x = BruteForce.dense(m);
    int[] targets = {3, 0, 7};
    int[] candPtr = {0, 4, 4, 9};
    int[] candItems = {1, 5, 0, 11, 2, 3, 4, 8, 10};
    {
      GramBlock block = new GramBlock(targets, candPtr, candItems);
      block.fill(m, 2);
      for (int t = 0; t < targets.length; t++) {
        int c = block.candidates(t);
        double[] a = new double[c * c];
        double[] b = new double[c];
        block.system(t, 0.5, a, b);
        double[] expectedB = new double[c];
        for (int p = 0; p < c; p++) {
          for (int q = 0; q <= p; q++) {
            double both = 0;
            for (double[] row : x) {
              both += row[block.candidate(t, p)] != 0 && row[block.candidate(t, q)] != 0 ? 1 : 0;
            }
            assertEquals(
                both + (p == q ? 0.5 : 0), a[p * c + q], "target " + t + " " + p + "," + q);
          }
          for (double[] row : x) {
            expectedB[p] += row[block.candidate(t, p)] != 0 && row[targets[t]] != 0 ? 1 : 0;
          }
        }
        assertArrayEquals(expectedB, b, "target " + t);
      }
    }
  }

  @Test
  void countsAbove65534_areExact() {
    // 70,000 customers with SKUs 0 and 1, 5 with SKU 2 as well: counts of 70,000 and 5.
    int customers = 70_000;
    int[][] rows = new int[customers][];
    for (int u = 0; u < customers; u++) {
      rows[u] = u < 5 ? new int[] {0, 1, 2} : new int[] {0, 1};
    }
    InteractionMatrix m = RestrictedRegressionTest.matrix(rows);
    GramBlock block = new GramBlock(new int[] {2}, new int[] {0, 2}, new int[] {0, 1});
    block.fill(m, 2);
    double[] a = new double[4];
    double[] b = new double[2];
    block.system(0, 1, a, b);
    assertEquals(70_001, a[0]);
    assertEquals(70_000, a[2]);
    assertEquals(70_001, a[3]);
    assertArrayEquals(new double[] {5, 5}, b);
  }
}
