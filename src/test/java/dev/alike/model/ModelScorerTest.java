package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.serving.ModelScorer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The serving scorer over an in-memory model, checked against the brute-force formula. */
class ModelScorerTest {

  private static ItemModel fit(InteractionMatrix m, int k) {
    // The brute-force formula scores over the neighbour lists themselves: a cosine-family model.
    return new ModelFit(
            FitOptions.defaults().withSimilarity(new TfIdfSimilarity()).withK(k).withThreads(2))
        .fit(m);
  }

  @RepeatedTest(20)
  void randomInputs_matchBruteForceFormula(RepetitionInfo info) {
    Random random = new Random(info.getCurrentRepetition());
    InteractionMatrix m = RandomMatrices.random(random, 40, 25, 0.2);
    int k = 1 + random.nextInt(8);
    ItemModel model = fit(m, k);
    ModelScorer recommender = new ModelScorer(model);
    for (int u = 0; u < m.customerCount(); u++) {
      CustomerVector v = CustomerVector.row(m, u);
      double[] expected =
          BruteForce.recommendScores(model.neighbors(), TestMatrices.dense(v, m.skuCount()));
      List<Integer> ranked = new ArrayList<>();
      for (int i = 0; i < expected.length; i++) {
        if (expected[i] > 0 && m.value(u, i) == 0) {
          ranked.add(i);
        }
      }
      ranked.sort(
          Comparator.<Integer>comparingDouble(i -> -expected[i])
              .thenComparing(i -> m.skus().id(i)));
      int n = 5;
      List<ScoredSku> got = recommender.recommend(v, n, true, null);
      int personalized = Math.min(n, ranked.size());
      for (int r = 0; r < personalized; r++) {
        assertEquals(ScoredSku.Source.PERSONALIZED, got.get(r).source());
        assertEquals(expected[got.get(r).sku()], got.get(r).score(), 1e-5);
        assertEquals(expected[ranked.get(r)], got.get(r).score(), 1e-5, "rank " + r);
      }
      for (int r = personalized; r < got.size(); r++) {
        assertEquals(ScoredSku.Source.POPULAR, got.get(r).source());
      }
    }
  }

  @Test
  void emptyCustomer_getsPopularSkus() {
    InteractionMatrix m = RandomMatrices.random(new Random(5), 30, 20, 0.2);
    ItemModel model = fit(m, 10);
    List<ScoredSku> got =
        new ModelScorer(model)
            .recommend(new CustomerVector(new int[0], new float[0]), 5, true, null);
    assertEquals(5, got.size());
    for (int r = 0; r < 5; r++) {
      assertEquals(model.popular().sku(r), got.get(r).sku());
      assertEquals(ScoredSku.Source.POPULAR, got.get(r).source());
    }
  }

  @Test
  void onlyUnknownSkus_getsPopularSkus() {
    InteractionMatrix m = RandomMatrices.random(new Random(6), 30, 20, 0.2);
    ItemModel model = fit(m, 10);
    CustomerVector v = TestMatrices.vector(Map.of("nope", 3.0, "also/nope", 1.0), m.skus());
    assertEquals(0, v.size());
    List<ScoredSku> got = new ModelScorer(model).recommend(v, 3, true, null);
    assertEquals(model.popular().sku(0), got.get(0).sku());
  }

  @Test
  void seenSkusAreExcludedEvenFromTheTopUp() {
    InteractionMatrix m = RandomMatrices.random(new Random(8), 30, 12, 0.4);
    ItemModel model = fit(m, 3);
    ModelScorer recommender = new ModelScorer(model);
    for (int u = 0; u < m.customerCount(); u++) {
      CustomerVector v = CustomerVector.row(m, u);
      List<ScoredSku> got = recommender.recommend(v, 12, true, null);
      Set<Integer> distinct = new HashSet<>();
      for (ScoredSku s : got) {
        assertEquals(0f, m.value(u, s.sku()), "seen sku " + s.sku() + " for customer " + u);
        assertTrue(distinct.add(s.sku()), "duplicate " + s.sku());
      }
      assertEquals(
          Math.min(12, m.skuCount() - v.size()),
          got.size(),
          "lists are topped up to n while SKUs remain");
    }
  }

  @Test
  void filterApplies_toPersonalizedAndPopularAlike() {
    InteractionMatrix m = RandomMatrices.random(new Random(9), 40, 30, 0.2);
    ItemModel model = fit(m, 10);
    ModelScorer recommender = new ModelScorer(model);
    for (int u = 0; u < m.customerCount(); u++) {
      for (ScoredSku s :
          recommender.recommend(CustomerVector.row(m, u), 10, true, i -> i % 3 == 0)) {
        assertEquals(0, s.sku() % 3);
      }
    }
  }

  @Test
  void similar_returnsOwnListThenPopularWithoutTheSkuItself() {
    InteractionMatrix m = RandomMatrices.random(new Random(10), 40, 30, 0.1);
    ItemModel model = fit(m, 2);
    ModelScorer recommender = new ModelScorer(model);
    for (int i = 0; i < m.skuCount(); i++) {
      List<ScoredSku> got = recommender.similar(i, 6, null);
      NeighborLists lists = model.neighbors();
      for (int r = 0; r < lists.length(i); r++) {
        assertEquals(lists.item(lists.start(i) + r), got.get(r).sku());
        assertEquals(ScoredSku.Source.SIMILAR, got.get(r).source());
      }
      int sku = i;
      assertFalse(got.stream().anyMatch(s -> s.sku() == sku));
    }
  }

  @Test
  void unknownSku_similarFallsBackToPopular() {
    InteractionMatrix m = RandomMatrices.random(new Random(12), 20, 10, 0.3);
    ItemModel model = fit(m, 5);
    List<ScoredSku> got = new ModelScorer(model).similar(-1, 3, null);
    assertEquals(3, got.size());
    assertTrue(got.stream().allMatch(s -> s.source() == ScoredSku.Source.POPULAR));
  }
}
