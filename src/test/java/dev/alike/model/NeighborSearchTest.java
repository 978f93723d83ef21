package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class NeighborSearchTest {

  @RepeatedTest(20)
  void randomSmallInputs_matchBruteForceDenseCosine(org.junit.jupiter.api.RepetitionInfo info) {
    Random random = new Random(info.getCurrentRepetition());
    InteractionMatrix m = RandomMatrices.random(random, 30, 12, 0.25);
    int k = 1 + random.nextInt(6);
    double[][] dense = BruteForce.cosine(m);
    NeighborLists lists = new NeighborSearch(m, new CosineSimilarity(), k, 2).run();
    for (int i = 0; i < m.skuCount(); i++) {
      int[] expected = BruteForce.topK(dense[i], i, k, m.skus());
      assertEquals(expected.length, lists.length(i), "list length of sku " + i);
      for (int r = 0; r < expected.length; r++) {
        int at = lists.start(i) + r;
        assertEquals(expected[r], lists.item(at), "rank " + r + " of sku " + i);
        assertEquals(dense[i][expected[r]], lists.score(at), 1e-5);
      }
    }
  }

  @RepeatedTest(10)
  void jaccard_matchesBruteForceCounts(org.junit.jupiter.api.RepetitionInfo info) {
    Random random = new Random(100 + info.getCurrentRepetition());
    InteractionMatrix m = RandomMatrices.random(random, 25, 10, 0.3);
    NeighborLists lists = new NeighborSearch(m, new JaccardSimilarity(), 10, 1).run();
    double[][] dense = BruteForce.jaccard(m);
    for (int i = 0; i < m.skuCount(); i++) {
      int[] expected = BruteForce.topK(dense[i], i, 10, m.skus());
      assertEquals(expected.length, lists.length(i));
      for (int r = 0; r < expected.length; r++) {
        assertEquals(dense[i][expected[r]], lists.score(lists.start(i) + r), 1e-6);
      }
    }
  }

  /** {@code similarity} with its pair score hidden behind a lambda: the kernel's general path. */
  private static ItemSimilarity scoredOneByOne(ItemSimilarity similarity) {
    return new ItemSimilarity() {
      @Override
      public String name() {
        return similarity.name() + "-scored";
      }

      @Override
      public Prepared prepare(InteractionMatrix m) {
        Prepared p = similarity.prepare(m);
        return ItemSimilarity.prepared(
            p.rowValues(),
            p.columnValues(),
            p.needsCounts(),
            (i, j, dot, co) -> p.score(i, j, dot, co));
      }
    };
  }

  @RepeatedTest(12)
  void dotSimilarities_selectTheSameLists_asScoringEachPair(
      org.junit.jupiter.api.RepetitionInfo info) {
    // The kernel selects straight from the accumulator when the dot is the score; it must keep
    // exactly what scoring pair by pair keeps, ties (repeated weights) included.
    Random random = new Random(300 + info.getCurrentRepetition());
    InteractionMatrix m = RandomMatrices.random(random, 60, 40, 0.2);
    for (ItemSimilarity similarity :
        List.of(
            new CosineSimilarity(),
            new TfIdfSimilarity(),
            new Bm25Similarity(Bm25Similarity.DEFAULT_K1, Bm25Similarity.DEFAULT_B))) {
      assertTrue(similarity.prepare(m).scoreIsDot(), similarity.name());
      for (int k : new int[] {1, 3, 10, 50}) {
        NeighborLists fast = new NeighborSearch(m, similarity, k, 2).run();
        NeighborLists scored = new NeighborSearch(m, scoredOneByOne(similarity), k, 2).run();
        String what = similarity.name() + " k=" + k;
        assertEquals(scored.entries(), fast.entries(), what);
        for (int at = 0; at < scored.entries(); at++) {
          assertEquals(scored.item(at), fast.item(at), what + " entry " + at);
          assertEquals(scored.score(at), fast.score(at), what + " entry " + at);
        }
      }
    }
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    InteractionMatrix m = RandomMatrices.random(new Random(7), 400, 300, 0.03);
    NeighborLists one = new NeighborSearch(m, new CosineSimilarity(), 5, 1).run();
    for (int threads : new int[] {2, 3, 8}) {
      NeighborLists many = new NeighborSearch(m, new CosineSimilarity(), 5, threads).run();
      assertEquals(one.entries(), many.entries());
      for (int at = 0; at < one.entries(); at++) {
        assertEquals(one.item(at), many.item(at));
        assertEquals(one.score(at), many.score(at));
      }
    }
  }

  @Test
  void tiesAreBrokenBySkuIdNotByIndex() {
    // Customer c0 has a, z, m with equal scores: every pair has cosine 1/... the same. Indices are
    // assigned z=0, m=1, a=2, so index order and id order disagree.
    IdIndex skus = IdIndex.of(List.of("z", "m", "a", "q"));
    IdIndex customers = IdIndex.of(List.of("c0"));
    InteractionMatrix m =
        TestMatrices.ofRows(
            customers, skus, new int[][] {{0, 1, 2, 3}}, new float[][] {{1, 1, 1, 1}});
    NeighborLists lists = new NeighborSearch(m, new CosineSimilarity(), 2, 1).run();
    // q's neighbours: a, m, z all score 1; the two with the smallest ids are a and m.
    int q = skus.indexOf("q");
    assertEquals(skus.indexOf("a"), lists.item(lists.start(q)));
    assertEquals(skus.indexOf("m"), lists.item(lists.start(q) + 1));
  }

  @Test
  void singleSku_hasNoNeighbours() {
    InteractionMatrix m =
        TestMatrices.ofRows(
            IdIndex.of(List.of("c0", "c1")),
            IdIndex.of(List.of("only")),
            new int[][] {{0}, {0}},
            new float[][] {{1}, {2}});
    NeighborLists lists = new NeighborSearch(m, new CosineSimilarity(), 50, 2).run();
    assertEquals(0, lists.entries());
  }

  @Test
  void selfIsExcludedAndOnlyPositiveScoresKept() {
    InteractionMatrix m = RandomMatrices.random(new Random(3), 50, 40, 0.1);
    NeighborLists lists = new NeighborSearch(m, new CosineSimilarity(), 50, 2).run();
    for (int i = 0; i < lists.size(); i++) {
      for (int at = lists.start(i); at < lists.end(i); at++) {
        assertTrue(lists.item(at) != i, "self in list of " + i);
        assertTrue(lists.score(at) > 0);
      }
    }
  }

  @Test
  void reverseListsHoldExactlyTheForwardEntries() {
    InteractionMatrix m = RandomMatrices.random(new Random(11), 60, 30, 0.15);
    NeighborLists forward = new NeighborSearch(m, new CosineSimilarity(), 4, 2).run();
    NeighborLists reverse = forward.reverse(1000, m.skus(), null);
    assertEquals(forward.entries(), reverse.entries());
    for (int i = 0; i < forward.size(); i++) {
      for (int at = forward.start(i); at < forward.end(i); at++) {
        assertEquals(forward.score(at), TestMatrices.scoreOf(reverse, forward.item(at), i));
      }
    }
  }

  @RepeatedTest(10)
  void reverseLists_matchABruteForceSort_forAnyCapAndThreadCount(
      org.junit.jupiter.api.RepetitionInfo info) {
    Random random = new Random(500 + info.getCurrentRepetition());
    int n = 2 + random.nextInt(60);
    // Ranks in a random order, so index order and tie order disagree; scores from a small set
    // (ties everywhere) plus odd floats, including the smallest positive one.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, random);
    int[] ranks = order.stream().mapToInt(Integer::intValue).toArray();
    // SKU i's id sorts at position ranks[i].
    List<String> skuIds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      skuIds.add(String.format("sku-%03d", ranks[i]));
    }
    IdIndex skus = IdIndex.of(skuIds);
    float[] palette = {1f, 0.5f, 0.25f, 0.3380153f, Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f};
    int[] ptr = new int[n + 1];
    List<Integer> items = new ArrayList<>();
    List<Float> scores = new ArrayList<>();
    List<List<float[]>> expected = new ArrayList<>(); // per j: {i, score} pairs
    for (int j = 0; j < n; j++) {
      expected.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (j != i && random.nextInt(3) == 0) {
          float score = palette[random.nextInt(palette.length)];
          items.add(j);
          scores.add(score);
          expected.get(j).add(new float[] {i, score});
        }
      }
      ptr[i + 1] = items.size();
    }
    NeighborLists forward =
        new NeighborLists(
            ptr, items.stream().mapToInt(Integer::intValue).toArray(), toArray(scores));
    for (int cap : new int[] {1, 2, 5, 1000}) {
      for (int threads : new int[] {1, 3}) {
        int[] hits = new int[1];
        NeighborLists reverse = forward.reverse(cap, skus, hits, threads);
        int expectedHits = 0;
        for (int j = 0; j < n; j++) {
          List<float[]> list = new ArrayList<>(expected.get(j));
          list.sort(
              (a, b) ->
                  a[1] != b[1]
                      ? Float.compare(b[1], a[1])
                      : Integer.compare(ranks[(int) a[0]], ranks[(int) b[0]]));
          expectedHits += list.size() > cap ? 1 : 0;
          List<float[]> kept = list.subList(0, Math.min(cap, list.size()));
          String what = "list " + j + " cap " + cap + " threads " + threads;
          assertEquals(kept.size(), reverse.length(j), what);
          for (int r = 0; r < kept.size(); r++) {
            assertEquals((int) kept.get(r)[0], reverse.item(reverse.start(j) + r), what);
            assertEquals(kept.get(r)[1], reverse.score(reverse.start(j) + r), what);
          }
        }
        assertEquals(expectedHits, hits[0], "cap hits, cap " + cap);
      }
    }
  }

  @Test
  void reverseCap_keepsTheHighestAndCountsHits() {
    // Every SKU's only neighbour is SKU 0 with scores 0.1 .. 0.9: SKU 0's reverse list has 9.
    int n = 10;
    int[] ptr = new int[n + 1];
    List<Integer> items = new ArrayList<>();
    List<Float> scores = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      items.add(0);
      scores.add(i / 10f);
    }
    for (int i = 1; i <= n; i++) {
      ptr[i] = i - 1;
    }
    NeighborLists forward =
        new NeighborLists(
            ptr, items.stream().mapToInt(Integer::intValue).toArray(), toArray(scores));
    int[] hits = new int[1];
    NeighborLists reverse = forward.reverse(3, IdIndex.of(ids(n)), hits);
    assertEquals(1, hits[0]);
    assertEquals(3, reverse.length(0));
    assertArrayEquals(
        new float[] {0.9f, 0.8f, 0.7f},
        new float[] {reverse.score(0), reverse.score(1), reverse.score(2)});
  }

  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format("s%02d", i));
    }
    return ids;
  }

  private static float[] toArray(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
