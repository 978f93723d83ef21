package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.function.Scorer.Item;
import dev.alike.model.CustomerVector;
import dev.alike.model.EaseSimilarity;
import dev.alike.model.FitOptions;
import dev.alike.model.IdIndex;
import dev.alike.model.Recommender;
import dev.alike.model.ScoredSku;
import dev.alike.model.ScoredSku.Source;
import dev.alike.model.TfIdfSimilarity;
import dev.alike.store.InMemoryModelStore;
import dev.alike.store.LocalModelStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store-backed scorer must give the in-memory {@link Recommender}'s answers: same SKUs, same
 * order, same scores (up to float vs double products), same sources, on a random model.
 */
class ScorerMatchesRecommenderTest {
  private static final int CATEGORIES = 5;
  private static TestModels.Fitted fitted;
  private static Recommender recommender;
  private static RecommendService service;

  @BeforeAll
  static void setUp() {
    fitted = TestModels.random(42, 1500, 300, 2, 25, 20);
    InMemoryModelStore store = new InMemoryModelStore();
    TestModels.write(store, "v1", fitted, CATEGORIES);
    recommender = new Recommender(fitted.model());
    service = new RecommendService(store, 1000, 0, System::nanoTime, e -> {});
  }

  @Test
  void recommend_sameAsRecommender_forEveryCustomer() {
    for (int u = 0; u < fitted.matrix().customers().size(); u += 3) {
      List<ScoredSku> expected =
          recommender.recommend(CustomerVector.row(fitted.matrix(), u), 10, true, null);
      List<Item> actual = service.recommend(query("u" + u, null, Filter.NONE)).items();
      assertSameRanking(expected, actual, "customer u" + u);
    }
  }

  @Test
  void recommend_withCategoryFilter_sameAsRecommenderWithPredicate() {
    IdIndex skus = fitted.model().skus();
    IntPredicate inC2 = i -> TestModels.category(skus.id(i), CATEGORIES).equals("c2");
    Filter filter = new Filter("c2", Map.of(), Set.of());
    for (int u = 0; u < 200; u++) {
      List<ScoredSku> expected =
          recommender.recommend(CustomerVector.row(fitted.matrix(), u), 8, true, inC2);
      assertSameRanking(expected, service.recommend(query("u" + u, null, filter)).items(), "u" + u);
    }
  }

  @Test
  void similar_sameAsRecommender_forEverySku() {
    IdIndex skus = fitted.model().skus();
    for (int i = 0; i < skus.size(); i++) {
      List<ScoredSku> expected = recommender.similar(i, 10, null);
      List<Item> actual =
          service.similar(new Queries.Similar(skus.id(i), false, 10, Filter.NONE)).items();
      assertSameRanking(expected, actual, "sku " + skus.id(i));
    }
  }

  /**
   * EASE's weights may be negative: over a local store (which validates what it reads back) the
   * function still answers as the Recommender does, and neither returns a SKU whose total is <= 0.
   */
  @Test
  void recommend_withNegativeEaseWeights_sameAsRecommender_neverANonPositiveTotal(
      @TempDir Path dir) {
    FitOptions options =
        FitOptions.defaults()
            .withK(30)
            .withSimilarity(new EaseSimilarity(30, 2, new TfIdfSimilarity()));
    TestModels.Fitted ease = TestModels.random(7, 400, 60, 2, 12, options);
    float[] weights = ease.model().reverse().scores();
    assertTrue(
        IntStream.range(0, weights.length).anyMatch(e -> weights[e] < 0),
        "the model should carry negative weights");
    LocalModelStore store = new LocalModelStore(dir);
    TestModels.write(store, "v1", ease, CATEGORIES);
    RecommendService local = new RecommendService(store, 1000, 0, System::nanoTime, e -> {});
    Recommender easeRecommender = new Recommender(ease.model());
    int popularTopUps = 0;
    for (int u = 0; u < ease.matrix().customers().size(); u++) {
      List<ScoredSku> expected =
          easeRecommender.recommend(CustomerVector.row(ease.matrix(), u), 45, true, null);
      List<Item> actual =
          local
              .recommend(
                  new Queries.Recommend("u" + u, Map.of(), null, false, 45, Filter.NONE, null))
              .items();
      assertSameRanking(ease.model().skus(), expected, actual, "customer u" + u);
      for (Item item : actual) {
        assertTrue(item.source() != Source.PERSONALIZED || item.score() > 0, "u" + u + ": " + item);
        popularTopUps += item.source() == Source.POPULAR ? 1 : 0;
      }
    }
    assertTrue(popularTopUps > 0, "45 of 60 SKUs: some customers run out of positive totals");
    store.close();
  }

  private static Queries.Recommend query(String customer, String context, Filter filter) {
    return new Queries.Recommend(
        customer, Map.of(), context, false, filter == Filter.NONE ? 10 : 8, filter, null);
  }

  /**
   * Equal lists, except that SKUs whose scores tie (within float rounding: the Recommender
   * multiplies in float, the scorer in double) may swap places.
   */
  private static void assertSameRanking(List<ScoredSku> expected, List<Item> actual, String what) {
    assertSameRanking(fitted.model().skus(), expected, actual, what);
  }

  private static void assertSameRanking(
      IdIndex skus, List<ScoredSku> expected, List<Item> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": length");
    Map<String, Double> actualScores = new HashMap<>();
    for (Item item : actual) {
      actualScores.put(item.sku(), item.score());
    }
    for (int p = 0; p < expected.size(); p++) {
      ScoredSku e = expected.get(p);
      Item a = actual.get(p);
      assertEquals(e.source(), a.source(), what + ": source at " + p);
      assertEquals(e.score(), a.score(), 1e-5 * Math.max(1, e.score()), what + ": score at " + p);
      String id = skus.id(e.sku());
      if (!id.equals(a.sku())) {
        Double sameSkuScore = actualScores.get(id);
        assertTrue(
            sameSkuScore != null && Math.abs(sameSkuScore - e.score()) < 1e-5,
            what + ": " + id + " expected at " + p + " but got " + a.sku() + " (not a tie)");
      }
    }
  }
}
