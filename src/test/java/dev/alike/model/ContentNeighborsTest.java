package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class ContentNeighborsTest {
  private static final String[] WORDS = {
    "mug", "red", "blue", "enamel", "bag", "tote", "heart", "set", "of", "3", "glass", "étoile"
  };

  private static ProductText randomText(Random random) {
    StringBuilder title = new StringBuilder();
    int words = random.nextInt(6);
    for (int w = 0; w < words; w++) {
      title.append(WORDS[random.nextInt(WORDS.length)]).append(w % 2 == 0 ? " " : ", ");
    }
    String category = random.nextInt(3) == 0 ? null : "cat" + random.nextInt(4);
    Map<String, String> attributes =
        random.nextBoolean() ? Map.of("color", random.nextBoolean() ? "red" : "blue") : Map.of();
    return new ProductText(title.toString(), null, category, attributes);
  }

  /**
   * TF-IDF cosine computed densely from the terms: weight sqrt(count) * max(1e-3, log(D / (1 +
   * df))) over the D products with terms, rows L2-normalised, every pair's dot.
   */
  private static double[][] bruteForce(List<ProductText> texts) {
    int n = texts.size();
    Map<String, Integer> vocabulary = new HashMap<>();
    List<Map<Integer, Integer>> counts = new ArrayList<>();
    int docs = 0;
    for (ProductText t : texts) {
      Map<Integer, Integer> c = new HashMap<>();
      for (String term : t.terms()) {
        c.merge(vocabulary.computeIfAbsent(term, x -> vocabulary.size()), 1, Integer::sum);
      }
      docs += c.isEmpty() ? 0 : 1;
      counts.add(c);
    }
    int[] df = new int[vocabulary.size()];
    counts.forEach(c -> c.keySet().forEach(term -> df[term]++));
    double[][] v = new double[n][vocabulary.size()];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (Map.Entry<Integer, Integer> e : counts.get(i).entrySet()) {
        double idf = Math.max(1e-3, Math.log((double) docs / (1 + df[e.getKey()])));
        v[i][e.getKey()] = Math.sqrt(e.getValue()) * idf;
        norm += v[i][e.getKey()] * v[i][e.getKey()];
      }
      for (int t = 0; t < v[i].length && norm > 0; t++) {
        v[i][t] /= Math.sqrt(norm);
      }
    }
    double[][] sim = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int t = 0; t < v[i].length; t++) {
          sim[i][j] += v[i][t] * v[j][t];
        }
      }
    }
    return sim;
  }

  @RepeatedTest(20)
  void randomCatalogs_matchBruteForceDenseTfIdfCosine(RepetitionInfo info) {
    Random random = new Random(info.getCurrentRepetition());
    int n = 5 + random.nextInt(40);
    List<String> ids = new ArrayList<>();
    List<ProductText> texts = new ArrayList<>();
    boolean[] query = new boolean[n];
    for (int i = 0; i < n; i++) {
      ids.add(random.nextBoolean() ? "s" + i : "shop/s" + i);
      texts.add(randomText(random));
      query[i] = random.nextInt(3) > 0;
    }
    IdIndex skus = IdIndex.of(ids);
    int k = 1 + random.nextInt(8);
    NeighborLists lists = ContentNeighbors.search(skus, texts::get, query, k, 2);
    double[][] dense = bruteForce(texts);
    for (int i = 0; i < n; i++) {
      int[] expected = query[i] ? BruteForce.topK(dense[i], i, k, skus) : new int[0];
      assertEquals(expected.length, lists.length(i), "list length of " + ids.get(i));
      for (int r = 0; r < expected.length; r++) {
        int at = lists.start(i) + r;
        // Near-equal scores may swap places between float and double sums: compare by score.
        assertEquals(dense[i][expected[r]], lists.score(at), 1e-5, "rank " + r + " of " + i);
        assertEquals(dense[i][expected[r]], dense[i][lists.item(at)], 1e-5, "rank " + r);
      }
    }
  }

  private static NeighborLists search(ProductText... texts) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      ids.add("p" + i);
    }
    boolean[] all = new boolean[texts.length];
    Arrays.fill(all, true);
    return ContentNeighbors.search(IdIndex.of(ids), i -> texts[i], all, 5, 1);
  }

  private static ProductText titled(String title) {
    return new ProductText(title, null, null, Map.of());
  }

  private static List<Integer> items(NeighborLists lists, int i) {
    List<Integer> out = new ArrayList<>();
    for (int at = lists.start(i); at < lists.end(i); at++) {
      out.add(lists.item(at));
    }
    return out;
  }

  @Test
  void emptyTitle_getsNoNeighbours_andIsNoOnesNeighbour() {
    NeighborLists lists =
        search(titled("red mug"), titled(""), titled("red mug large"), ProductText.NONE);
    assertEquals(List.of(), items(lists, 1));
    assertEquals(List.of(), items(lists, 3));
    assertEquals(List.of(2), items(lists, 0));
  }

  @Test
  void unicode_fullWidthAndCase_foldToTheSameWords() {
    NeighborLists lists =
        search(titled("ＭＵＧ Überzug"), titled("mug überzug"), titled("plate"), titled("plate"));
    assertEquals(List.of(1), items(lists, 0));
    assertEquals(1.0, lists.score(lists.start(0)), 1e-6);
  }

  @Test
  void identicalText_scoresOne_andBothListEachOther() {
    ProductText same = new ProductText("Blue tote", "canvas", "bags", Map.of("brand", "house"));
    NeighborLists lists = search(same, same, titled("green tote"), titled("plate"));
    assertEquals(1.0, lists.score(lists.start(0)), 1e-6);
    assertEquals(0, lists.item(lists.start(1)));
    assertEquals(1, lists.item(lists.start(0)));
  }

  @Test
  void categoryAndTitleWords_areDifferentEvidence() {
    ProductText categoryMug = new ProductText("white", null, "mug", Map.of());
    NeighborLists lists = search(categoryMug, titled("mug"), titled("plate"));
    assertEquals(List.of(), items(lists, 1), "a title word never matches a category");
  }

  @Test
  void termInMoreThanTheCommonCap_isDropped_rarerTermsCount() {
    int n = ContentNeighbors.MIN_COMMON_POSTINGS + 2;
    ProductText[] texts = new ProductText[n];
    for (int i = 0; i < n; i++) {
      texts[i] = titled("common u" + i);
    }
    texts[0] = titled("common");
    texts[1] = titled("common pair u1");
    texts[2] = titled("common pair u2");
    NeighborLists lists = search(texts);
    assertEquals(List.of(), items(lists, 0), "only a term held by every product");
    assertEquals(List.of(2), items(lists, 1));
  }

  @Test
  void terms_separateFieldsAndSplitOnPunctuation() {
    ProductText t =
        new ProductText("T-Shirt, 100% cotton", "नमस्ते", "Tops", Map.of("b", "2", "a", "x/y"));
    assertEquals(
        List.of("w:t", "w:shirt", "w:100", "w:cotton", "w:नमस्ते", "c:Tops", "a:a=x/y", "a:b=2"),
        t.terms());
    assertTrue(ProductText.NONE.terms().isEmpty());
  }
}
