package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The per-SKU ridge regression against a dense solve of the same system, and its edge cases. */
class RestrictedRegressionTest {

  /**
   * The brute force: binary dense columns, G = X_C^T X_C + lambda I and b = X_C^T x_i written out
   * entry by entry, solved by LU (not Cholesky, so a shared bug cannot hide).
   */
  static double[] denseSolve(InteractionMatrix m, int i, int[] candidates, double lambda) {
    double[][] x = BruteForce.dense(m);
    int c = candidates.length;
    double[][] g = new double[c][c];
    double[] b = new double[c];
    for (int p = 0; p < c; p++) {
      for (int u = 0; u < x.length; u++) {
        double xp = x[u][candidates[p]] != 0 ? 1 : 0;
        b[p] += xp * (x[u][i] != 0 ? 1 : 0);
        for (int q = 0; q < c; q++) {
          g[p][q] += xp * (x[u][candidates[q]] != 0 ? 1 : 0);
        }
      }
      g[p][p] += lambda;
    }
    RealMatrix gram = new Array2DRowRealMatrix(g);
    return new LUDecomposition(gram).getSolver().solve(new ArrayRealVector(b)).toArray();
  }

  private static int[] randomCandidates(Random random, int skus, int self, int count) {
    return random.ints(0, skus).filter(j -> j != self).distinct().limit(count).toArray();
  }

  @RepeatedTest(25)
  void randomInputs_weightsMatchDenseSolve(RepetitionInfo info) {
    Random random = new Random(info.getCurrentRepetition());
    InteractionMatrix m = RandomMatrices.random(random, 30 + random.nextInt(40), 20, 0.25);
    double lambda = 0.01 + random.nextDouble() * 20;
    RestrictedRegression regression = new RestrictedRegression(m, lambda, 1);
    for (int i = 0; i < m.skuCount(); i++) {
      int[] candidates = randomCandidates(random, m.skuCount(), i, 1 + random.nextInt(15));
      double[] expected = denseSolve(m, i, candidates, lambda);
      double[] got = regression.solve(i, candidates);
      for (int p = 0; p < candidates.length; p++) {
        assertEquals(expected[p], got[p], 1e-9, "sku " + i + " candidate " + p);
      }
    }
  }

  @RepeatedTest(10)
  void weightsOf_packedCountsGatheredElsewhere_sameBitsAsTheBlockSolve(RepetitionInfo info) {
    Random random = new Random(100 + info.getCurrentRepetition());
    InteractionMatrix m = RandomMatrices.random(random, 40, 20, 0.3);
    double[][] x = BruteForce.dense(m);
    double lambda = 0.5 + random.nextDouble() * 10;
    RestrictedRegression regression = new RestrictedRegression(m, lambda, 1);
    for (int i = 0; i < m.skuCount(); i++) {
      int[] candidates = randomCandidates(random, m.skuCount(), i, 1 + random.nextInt(12));
      int size = candidates.length;
      int[] members = Arrays.copyOf(candidates, size + 1);
      members[size] = i;
      int[] packed = new int[(size + 1) * (size + 2) / 2];
      for (int p = 0, at = 0; p <= size; p++) {
        for (int q = 0; q <= p; q++, at++) {
          for (double[] row : x) {
            packed[at] += row[members[p]] != 0 && row[members[q]] != 0 ? 1 : 0;
          }
        }
      }
      assertArrayEquals(
          regression.solve(i, candidates),
          RestrictedRegression.weightsOf(packed, size, lambda),
          "sku " + i);
    }
  }

  @Test
  void weightsOf_wrongNumberOfCounts_isRejectedNamingBoth() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RestrictedRegression.weightsOf(new int[5], 2, 1));
    assertTrue(e.getMessage().contains("5 packed counts for 2 candidates"), e.getMessage());
  }

  @Test
  void skuWithNoCandidates_getsEmptyList() {
    // SKU 2's only customer has nothing else: no co-occurrence, so cosine gives it no candidates.
    InteractionMatrix m = matrix(new int[][] {{0, 1}, {0, 1}, {2}, {1}});
    NeighborLists candidates = new NeighborSearch(m, new CosineSimilarity(), 5, 1).run();
    assertEquals(0, candidates.length(2));
    NeighborLists weights = new RestrictedRegression(m, 1, 1).weights(candidates, 5);
    assertEquals(0, weights.length(2));
    assertEquals(1, weights.length(0));
    assertEquals(0, new RestrictedRegression(m, 1, 1).solve(2, new int[0]).length);
  }

  @Test
  void skuWithOneCustomer_matchesDenseSolve() {
    // SKU 3 has one customer (who also has 0 and 1); 0 and 1 are popular.
    InteractionMatrix m = matrix(new int[][] {{0, 1, 3}, {0, 1}, {0, 2}, {1, 2}, {0}});
    int[] candidates = {0, 1, 2};
    double[] got = new RestrictedRegression(m, 0.5, 1).solve(3, candidates);
    double[] expected = denseSolve(m, 3, candidates, 0.5);
    for (int p = 0; p < candidates.length; p++) {
      assertEquals(expected[p], got[p], 1e-9, "candidate " + p);
    }
    // SKU 2 never co-occurs with 3, yet gets a (negative) weight: it explains away 0 and 1.
    assertTrue(got[2] < 0, "weight of the non-co-occurring candidate: " + got[2]);
  }

  @Test
  void singularGram_identicalColumns_lambdaMakesItSolvableAndSplitsTheWeight() {
    // SKUs 0 and 1 have exactly the same customers: X_C^T X_C is singular without lambda.
    InteractionMatrix m = matrix(new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1}, {2}});
    int[] candidates = {0, 1};
    for (double lambda : new double[] {1e-6, 1, 100}) {
      double[] got = new RestrictedRegression(m, lambda, 1).solve(2, candidates);
      double[] expected = denseSolve(m, 2, candidates, lambda);
      assertEquals(expected[0], got[0], 1e-9, "lambda " + lambda);
      assertEquals(expected[1], got[1], 1e-9, "lambda " + lambda);
      assertEquals(got[0], got[1], 1e-9, "identical columns share the weight");
    }
  }

  @Test
  void lambdaNotPositive_isRejectedNamingTheValue() {
    InteractionMatrix m = matrix(new int[][] {{0, 1}});
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new RestrictedRegression(m, bad, 1));
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }

  @Test
  void choleskyOfSingularMatrix_failsNamingThePivot() {
    double[] singular = {1, 1, 1, 1};
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Cholesky.solveInPlace(singular, 2, 2, new double[] {1, 1}));
    assertTrue(e.getMessage().contains("pivot 1"), e.getMessage());
  }

  @Test
  void candidateListHoldingTheSkuItself_isRejected() {
    InteractionMatrix m = matrix(new int[][] {{0, 1}, {0, 1}});
    RestrictedRegression regression = new RestrictedRegression(m, 1, 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> regression.solve(0, new int[] {1, 0}));
    assertTrue(e.getMessage().contains("SKU 0"), e.getMessage());
  }

  @Test
  void weights_keepTheLargestK_bestFirst_sameOnAnyThreadCount() {
    Random random = new Random(7);
    InteractionMatrix m = RandomMatrices.random(random, 80, 40, 0.2);
    NeighborLists candidates = new NeighborSearch(m, new CosineSimilarity(), 15, 1).run();
    NeighborLists one = new RestrictedRegression(m, 5, 1).weights(candidates, 6);
    NeighborLists four = new RestrictedRegression(m, 5, 4).weights(candidates, 6);
    // A block bound of 1 count puts every target in a block of its own: same answer.
    NeighborLists tiny = new RestrictedRegression(m, 5, 2, 1).weights(candidates, 6);
    assertTrue(
        Arrays.equals(one.items(), tiny.items()) && Arrays.equals(one.scores(), tiny.scores()));
    assertTrue(Arrays.equals(one.ptr(), four.ptr()) && Arrays.equals(one.items(), four.items()));
    assertTrue(Arrays.equals(one.scores(), four.scores()));
    RestrictedRegression regression = new RestrictedRegression(m, 5, 1);
    for (int i = 0; i < m.skuCount(); i++) {
      int[] cand = Arrays.copyOfRange(candidates.items(), candidates.start(i), candidates.end(i));
      double[] w = regression.solve(i, cand);
      double[] sorted = Arrays.stream(w).map(x -> -x).sorted().map(x -> -x).toArray();
      assertEquals(Math.min(6, cand.length), one.length(i), "sku " + i);
      for (int r = 0; r < one.length(i); r++) {
        assertEquals(sorted[r], one.score(one.start(i) + r), 1e-6, "sku " + i + " rank " + r);
      }
    }
  }

  /** Customers' SKU lists (binary scores of 1). */
  static InteractionMatrix matrix(int[][] rows) {
    int skus = Arrays.stream(rows).flatMapToInt(Arrays::stream).max().orElse(0) + 1;
    String[] customers = new String[rows.length];
    float[][] values = new float[rows.length][];
    for (int u = 0; u < rows.length; u++) {
      customers[u] = "c" + u;
      values[u] = new float[rows[u].length];
      Arrays.fill(values[u], 1f);
    }
    String[] ids = new String[skus];
    for (int i = 0; i < skus; i++) {
      ids[i] = "s" + i;
    }
    return TestMatrices.ofRows(
        IdIndex.of(List.of(customers)), IdIndex.of(List.of(ids)), rows, values);
  }
}
