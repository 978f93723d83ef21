package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.serving.ModelScorer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** EASE end to end: the served scores against dense scoring, and its command-line syntax. */
class EaseSimilarityTest {

  /**
   * The regression of SKU i gives B[j][i] (how much j predicts i); the recommender must use it as
   * s_ij in score(i) = sum_j s_ij r_uj. Brute force: for every i, solve i's regression densely on
   * all SKUs that co-occur with it (C exceeds the catalogue, so no tie at the cut can differ) and
   * sum the weights times the customer's scores; the serving scorer must serve exactly the positive
   * totals, best first, and nothing with a total <= 0.
   */
  @RepeatedTest(8)
  void servedScores_matchDenseScoring_andNeverANonPositiveTotal(RepetitionInfo info) {
    Random random = new Random(100 + info.getCurrentRepetition());
    InteractionMatrix m = RandomMatrices.random(random, 60, 25, 0.15);
    double lambda = 0.5 + random.nextDouble() * 10;
    int c = 40;
    ItemModel model =
        new ModelFit(
                FitOptions.defaults()
                    .withK(c)
                    .withThreads(2)
                    .withSimilarity(new EaseSimilarity(c, lambda, new CosineSimilarity())))
            .fit(m);
    double[][] weights = denseWeights(m, lambda);
    double[][] x = BruteForce.dense(m);
    ModelScorer recommender = new ModelScorer(model);
    int negativeTotals = 0;
    for (int u = 0; u < m.customerCount(); u++) {
      double[] expected = new double[m.skuCount()];
      List<Integer> ranked = new ArrayList<>();
      for (int i = 0; i < m.skuCount(); i++) {
        for (int j = 0; j < m.skuCount(); j++) {
          expected[i] += weights[i][j] * x[u][j];
        }
        if (x[u][i] == 0 && expected[i] > 1e-6) {
          ranked.add(i);
        }
        negativeTotals += x[u][i] == 0 && expected[i] < -1e-6 ? 1 : 0;
      }
      ranked.sort(Comparator.<Integer>comparingDouble(i -> -expected[i]));
      List<ScoredSku> got = recommender.recommend(CustomerVector.row(m, u), 25, true, null);
      List<ScoredSku> personalized =
          got.stream().filter(s -> s.source() == ScoredSku.Source.PERSONALIZED).toList();
      assertEquals(ranked.size(), personalized.size(), "customer " + u + ": positive totals");
      for (int r = 0; r < personalized.size(); r++) {
        ScoredSku s = personalized.get(r);
        assertTrue(s.score() > 0, "customer " + u + " got " + s);
        assertEquals(expected[s.sku()], s.score(), 1e-4, "customer " + u + " sku " + s.sku());
        assertEquals(expected[ranked.get(r)], s.score(), 1e-4, "customer " + u + " rank " + r);
      }
    }
    assertTrue(negativeTotals > 0, "the random inputs should produce negative totals");
  }

  /** weights[i][j]: j's weight in the dense ridge regression of i on every SKU co-occurring. */
  private static double[][] denseWeights(InteractionMatrix m, double lambda) {
    double[][] cosine = BruteForce.cosine(m);
    int n = m.skuCount();
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      int self = i;
      int[] candidates =
          IntStream.range(0, n).filter(j -> j != self && cosine[self][j] > 0).toArray();
      if (candidates.length == 0) {
        continue;
      }
      double[] solved = RestrictedRegressionTest.denseSolve(m, i, candidates, lambda);
      for (int p = 0; p < candidates.length; p++) {
        w[i][candidates[p]] = solved[p];
      }
    }
    return w;
  }

  @Test
  void similarProducts_stayOnTheBaseSimilarity() {
    InteractionMatrix m = RandomMatrices.random(new Random(3), 60, 25, 0.15);
    FitOptions options = FitOptions.defaults().withK(5).withThreads(1);
    ItemModel cosine = new ModelFit(options.withSimilarity(new CosineSimilarity())).fit(m);
    ItemModel ease =
        new ModelFit(options.withSimilarity(new EaseSimilarity(12, 3, new CosineSimilarity())))
            .fit(m);
    assertTrue(java.util.Arrays.equals(cosine.neighbors().items(), ease.neighbors().items()));
    assertTrue(java.util.Arrays.equals(cosine.neighbors().scores(), ease.neighbors().scores()));
  }

  @Test
  void parse_defaultsAndParameters() {
    assertEquals("ease:100:300", Similarities.parse("ease").name());
    assertEquals("ease:200:300", Similarities.parse("ease:200").name());
    assertEquals("ease:150:50.5", Similarities.parse("EASE:150:50.5").name());
    assertEquals("ease:150:300", Similarities.parse("ease:150::tfidf").name());
    assertEquals("ease:150:300:cosine", Similarities.parse("ease:150::cosine").name());
    assertEquals("ease:80:20:bm25:1.2:0.75", Similarities.parse("ease:80:20:bm25:1.2:0.75").name());
    assertEquals(
        "ease:80:20:cosine+support:2", Similarities.parse("ease:80:20:cosine+support:2").name());
    ItemSimilarity ease = Similarities.parse("ease:80");
    assertEquals(80, ease.candidates(50));
    assertEquals(120, ease.candidates(120));
    NeighborLists none = new NeighborLists(new int[] {0}, new int[0], new float[0]);
    assertSame(none, new CosineSimilarity().scoringWeights(null, none, 5, 1));
  }

  @Test
  void parse_badParameters_areRejectedNamingThem() {
    for (String bad :
        new String[] {
          "ease:0", "ease:1.5", "ease:x", "ease:10:0", "ease:10:-3", "ease:10:1:nope"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Similarities.parse(bad), bad);
      assertTrue(e.getMessage().contains(bad) || e.getMessage().contains("nope"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Similarities.parse("ease+support:2"));
    assertThrows(IllegalArgumentException.class, () -> Similarities.parse("ease:10:1:ease"));
  }
}
