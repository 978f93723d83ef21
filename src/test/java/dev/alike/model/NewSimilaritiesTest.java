package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Each new similarity against a dense, textbook computation on random small matrices. */
class NewSimilaritiesTest {
  private static final int CUSTOMERS = 30;
  private static final int SKUS = 12;

  /** A random dense matrix with about 30% of the entries set to 1..5 (one all-zero column). */
  private static double[][] randomDense(long seed) {
    Random random = new Random(seed);
    double[][] a = new double[CUSTOMERS][SKUS];
    for (int u = 0; u < CUSTOMERS; u++) {
      for (int j = 0; j < SKUS - 1; j++) {
        if (random.nextDouble() < 0.3) {
          a[u][j] = 1 + random.nextInt(5);
        }
      }
    }
    return a;
  }

  private static InteractionMatrix sparse(double[][] a) {
    List<String> customers = new ArrayList<>();
    List<String> skus = new ArrayList<>();
    for (int u = 0; u < CUSTOMERS; u++) {
      customers.add("c" + u);
    }
    for (int j = 0; j < SKUS; j++) {
      skus.add(String.format("s%02d", j));
    }
    int[][] rows = new int[CUSTOMERS][];
    float[][] values = new float[CUSTOMERS][];
    for (int u = 0; u < CUSTOMERS; u++) {
      double[] row = a[u];
      rows[u] = java.util.stream.IntStream.range(0, SKUS).filter(j -> row[j] > 0).toArray();
      values[u] = new float[rows[u].length];
      for (int e = 0; e < rows[u].length; e++) {
        values[u][e] = (float) a[u][rows[u][e]];
      }
    }
    return TestMatrices.ofRows(IdIndex.of(customers), IdIndex.of(skus), rows, values);
  }

  /** Checks every pair i != j of the kernel's full lists against {@code expected(i, j)}. */
  private static void assertMatches(
      ItemSimilarity similarity, double[][] a, BiFunction<Integer, Integer, Double> expected) {
    NeighborLists lists = new NeighborSearch(sparse(a), similarity, SKUS, 1).run();
    int compared = 0;
    for (int i = 0; i < SKUS; i++) {
      for (int j = 0; j < SKUS; j++) {
        if (i != j) {
          double want = Math.max(0, expected.apply(i, j));
          assertEquals(
              want,
              TestMatrices.scoreOf(lists, i, j),
              1e-5 * Math.max(1, want),
              "pair " + i + "," + j);
          compared += want > 0 ? 1 : 0;
        }
      }
    }
    assertTrue(compared > 20, "the random matrix must produce neighbours");
  }

  private static double dot(double[][] a, int i, int j, java.util.function.DoubleUnaryOperator f) {
    double s = 0;
    for (double[] row : a) {
      s += f.applyAsDouble(row[i]) * f.applyAsDouble(row[j]);
    }
    return s;
  }

  private static int co(double[][] a, int i, int j) {
    int n = 0;
    for (double[] row : a) {
      n += row[i] > 0 && row[j] > 0 ? 1 : 0;
    }
    return n;
  }

  private static double cosine(double[][] a, int i, int j) {
    double d = dot(a, i, j, x -> x);
    return d == 0 ? 0 : d / Math.sqrt(dot(a, i, i, x -> x) * dot(a, j, j, x -> x));
  }

  @Test
  void shrunkCosine_isCosineTimesSupportFactor() {
    for (long seed = 0; seed < 5; seed++) {
      double[][] a = randomDense(seed);
      assertMatches(
          new ShrunkCosineSimilarity(4),
          a,
          (i, j) -> cosine(a, i, j) * co(a, i, j) / (co(a, i, j) + 4.0));
    }
  }

  @Test
  void supportThreshold_dropsPairsBelowMinimum() {
    for (long seed = 0; seed < 5; seed++) {
      double[][] a = randomDense(seed);
      assertMatches(
          new SupportThresholdSimilarity(new CosineSimilarity(), 3),
          a,
          (i, j) -> co(a, i, j) >= 3 ? cosine(a, i, j) : 0);
    }
  }

  @Test
  void asymmetricCosine_matchesDefinition_andHalfIsCosine() {
    for (long seed = 0; seed < 5; seed++) {
      double[][] a = randomDense(seed);
      assertMatches(
          new AsymmetricCosineSimilarity(0.2),
          a,
          (i, j) -> {
            double d = dot(a, i, j, x -> x);
            return d == 0
                ? 0
                : d / Math.pow(dot(a, i, i, x -> x), 0.2) / Math.pow(dot(a, j, j, x -> x), 0.8);
          });
      assertMatches(new AsymmetricCosineSimilarity(0.5), a, (i, j) -> cosine(a, i, j));
    }
  }

  @Test
  void tfidf_isCosineOfSqrtScoreTimesCustomerIdf() {
    for (long seed = 0; seed < 5; seed++) {
      double[][] a = randomDense(seed);
      double[][] w = new double[CUSTOMERS][SKUS];
      for (int u = 0; u < CUSTOMERS; u++) {
        long n = java.util.Arrays.stream(a[u]).filter(x -> x > 0).count();
        double idf = Math.max(1e-3, Math.log(SKUS / (1.0 + n)));
        for (int j = 0; j < SKUS; j++) {
          w[u][j] = Math.sqrt(a[u][j]) * idf;
        }
      }
      assertMatches(new TfIdfSimilarity(), a, (i, j) -> cosine(w, i, j));
    }
  }

  @Test
  void bm25_isDotOfSaturatedLengthNormalisedScores() {
    double k1 = 1.2;
    double b = 0.75;
    for (long seed = 0; seed < 5; seed++) {
      double[][] a = randomDense(seed);
      double[] total = new double[SKUS];
      double sum = 0;
      for (int j = 0; j < SKUS; j++) {
        for (double[] row : a) {
          total[j] += row[j];
        }
        sum += total[j];
      }
      double mean = sum / SKUS;
      double[][] w = new double[CUSTOMERS][SKUS];
      for (int u = 0; u < CUSTOMERS; u++) {
        long n = java.util.Arrays.stream(a[u]).filter(x -> x > 0).count();
        double idf = Math.max(1e-3, Math.log(SKUS / (1.0 + n)));
        for (int j = 0; j < SKUS; j++) {
          double len = (1 - b) + b * total[j] / mean;
          w[u][j] = a[u][j] * (k1 + 1) / (k1 * len + a[u][j]) * idf;
        }
      }
      assertMatches(new Bm25Similarity(k1, b), a, (i, j) -> dot(w, i, j, x -> x));
    }
  }

  @Test
  void registry_parsesNamesAndParameters_andRejectsUnknown() {
    assertInstanceOf(CosineSimilarity.class, Similarities.parse("cosine"));
    assertInstanceOf(JaccardSimilarity.class, Similarities.parse(" Jaccard "));
    assertEquals("shrunk-cosine:25", Similarities.parse("shrunk-cosine:25").name());
    assertEquals("bm25:2:0.5", Similarities.parse("bm25:2:0.5").name());
    assertEquals("tfidf+support:2", Similarities.parse("tfidf+support:2").name());
    assertEquals("asymmetric:0.25", Similarities.parse("asymmetric").name());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Similarities.parse("pearson"));
    assertTrue(e.getMessage().contains("pearson"));
    assertThrows(IllegalArgumentException.class, () -> Similarities.parse("cosine:3"));
    assertThrows(IllegalArgumentException.class, () -> Similarities.parse("bm25:x"));
    assertThrows(IllegalArgumentException.class, () -> Similarities.parse("cosine+support:0"));
  }
}
