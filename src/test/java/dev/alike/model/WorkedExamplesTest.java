package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alike.serving.ModelScorer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The design's worked examples 2-4 (example 1, the session format, is in the events tests). */
class WorkedExamplesTest {
  private static final float[][] INTERACTIONS = {{0.5f}, {8.5f, 0.5f}, {2.5f, 8.5f}};
  private static final int[][] ROWS = {{0}, {1, 2}, {1, 2}};

  private static InteractionMatrix example() {
    return TestMatrices.ofRows(
        IdIndex.of(List.of("customer0", "customer1", "customer2")),
        IdIndex.of(List.of("sku0", "sku1", "sku2")),
        ROWS,
        INTERACTIONS);
  }

  @Test
  void example2_cosineOfTheThreeSkus() {
    NeighborLists lists = new NeighborSearch(example(), new CosineSimilarity(), 50, 1).run();
    assertEquals(0, lists.length(0), "sku0 shares no customer with anyone");
    assertEquals(1, lists.length(1));
    assertEquals(2, lists.item(lists.start(1)));
    assertEquals(0.33801529, lists.score(lists.start(1)), 1e-7);
    assertEquals(0.33801529, TestMatrices.scoreOf(lists, 2, 1), 1e-7);
  }

  @Test
  void example3_rankingFromFullSimilarityWithSeenKept() {
    double[][] sim = {{1, 0.3, 0.2}, {0.3, 1, 0.8}, {0.2, 0.8, 1}};
    NeighborLists full = denseLists(sim);
    IdIndex skus = IdIndex.of(List.of("sku0", "sku1", "sku2"));
    ItemModel model =
        new ItemModel(
            skus, full, full.reverse(10, skus, null), new PopularSkus(new int[0], new float[0]));
    CustomerVector customer = new CustomerVector(new int[] {0, 2}, new float[] {1, 2});
    List<ScoredSku> ranking = new ModelScorer(model).recommend(customer, 3, false, null);
    assertArrayEquals(new int[] {2, 1, 0}, ranking.stream().mapToInt(ScoredSku::sku).toArray());
    assertEquals(2.2, ranking.get(0).score(), 1e-6);
    assertEquals(1.9, ranking.get(1).score(), 1e-6);
    assertEquals(1.4, ranking.get(2).score(), 1e-6);
  }

  @Test
  void example4_unknownSkuIgnoredInCustomerVector() {
    Map<String, Double> input = new LinkedHashMap<>();
    input.put("sku0", 0.5);
    input.put("sku1", 1.0);
    input.put("skuUnknown", 3.0);
    CustomerVector v = TestMatrices.vector(input, IdIndex.of(List.of("sku0", "sku1", "sku2")));
    assertArrayEquals(new double[] {0.5, 1, 0}, TestMatrices.dense(v, 3), 0);
  }

  /** Lists holding every non-zero entry of a dense matrix, diagonal included. */
  static NeighborLists denseLists(double[][] sim) {
    int n = sim.length;
    int[] ptr = new int[n + 1];
    int[] items = new int[n * n];
    float[] scores = new float[n * n];
    int at = 0;
    for (int i = 0; i < n; i++) {
      Integer[] order = new Integer[n];
      for (int j = 0; j < n; j++) {
        order[j] = j;
      }
      int row = i;
      java.util.Arrays.sort(order, (a, b) -> Double.compare(sim[row][b], sim[row][a]));
      for (int j : order) {
        if (sim[i][j] > 0) {
          items[at] = j;
          scores[at++] = (float) sim[i][j];
        }
      }
      ptr[i + 1] = at;
    }
    return new NeighborLists(
        ptr, java.util.Arrays.copyOf(items, at), java.util.Arrays.copyOf(scores, at));
  }
}
