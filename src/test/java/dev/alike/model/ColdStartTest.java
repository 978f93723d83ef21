package dev.alike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mixing rule of content and collaborative entries, on hand-made lists. */
class ColdStartTest {
  /**
   * w1..w4 bought by customers (w4 by one only), n1 and n2 in the catalog only. Texts: n1 is close
   * to w1 and w2, n2 to w1; nothing ("") for w3.
   */
  private static InteractionMatrix matrix() {
    EventLog log = new EventLog();
    for (String[] e :
        new String[][] {
          {"u1", "w1"},
          {"u1", "w2"},
          {"u2", "w1"},
          {"u2", "w3"},
          {"u3", "w2"},
          {"u3", "w3"},
          {"u4", "w4"}
        }) {
      log.add(e[0], e[1], 1, EventLog.NO_TIME);
    }
    return InteractionMatrix.build(log, 0, 100).withSkus(List.of("n1", "n2"));
  }

  private static final Map<String, ProductText> TEXT =
      Map.of(
          "w1", new ProductText("red enamel mug", null, "kitchen", Map.of()),
          "w2", new ProductText("blue enamel mug", null, "kitchen", Map.of()),
          "w3", ProductText.NONE,
          "w4", new ProductText("oak table", null, "furniture", Map.of()),
          "n1", new ProductText("green enamel mug", null, "kitchen", Map.of()),
          "n2", new ProductText("red mug", null, "kitchen", Map.of()));

  /** Collaborative lists by hand: w1 [w2 .9, w3 .5], w2 [w1 .9, w3 .4], w3 [w1 .5, w2 .4]. */
  private static NeighborLists collaborative() {
    return new NeighborLists(
        new int[] {0, 2, 4, 6, 6, 6, 6},
        new int[] {1, 2, 0, 2, 0, 1},
        new float[] {.9f, .5f, .9f, .4f, .5f, .4f});
  }

  private static List<String> list(InteractionMatrix m, NeighborLists lists, String sku) {
    int i = m.skus().indexOf(sku);
    List<String> out = new ArrayList<>();
    for (int at = lists.start(i); at < lists.end(i); at++) {
      out.add(m.skus().id(lists.item(at)) + "=" + Math.round(lists.score(at) * 1000) / 1000.0);
    }
    return out;
  }

  private static ColdStart.Lists apply(ColdStart cold, InteractionMatrix m, int k) {
    NeighborLists c = collaborative();
    return cold.apply(m, c, c, i -> TEXT.get(m.skus().id(i)), k, 1);
  }

  @Test
  void skuWithoutCustomers_getsContentNeighbours_weighted() {
    InteractionMatrix m = matrix();
    ColdStart.Lists lists = apply(new ColdStart(1, 0.5), m, 2);
    List<String> n1 = list(m, lists.similar(), "n1");
    assertEquals(2, n1.size(), n1.toString());
    assertEquals(List.of("w1", "w2"), n1.stream().map(s -> s.split("=")[0]).toList());
    assertEquals(2, lists.cold());
    assertEquals(2, lists.withNeighbors());
    assertEquals(list(m, lists.similar(), "n1"), list(m, lists.weights(), "n1"));
  }

  @Test
  void contentScores_areTheWeightTimesTheCosine() {
    InteractionMatrix m = matrix();
    NeighborLists full = apply(new ColdStart(1, 1.0), m, 2).similar();
    NeighborLists half = apply(new ColdStart(1, 0.25), m, 2).similar();
    int n1 = m.skus().indexOf("n1");
    assertEquals(full.score(full.start(n1)) * 0.25, half.score(half.start(n1)), 1e-6);
  }

  @Test
  void fewCustomers_keepCollaborativeEntries_contentFillsTheRest() {
    InteractionMatrix m = matrix();
    // With min 2, w4 (one customer) is cold too; with no collaborative entries and no words in
    // common, it stays empty. w1..w3 have two customers each and are warm.
    ColdStart.Lists lists = apply(new ColdStart(2, 0.5), m, 3);
    assertEquals(List.of(), list(m, lists.similar(), "w4"));
    assertEquals(3, lists.cold());
    assertEquals(2, lists.withNeighbors());
    // w3 is warm, has no text: its list is untouched and it gains no cold SKU.
    assertEquals(List.of("w1=0.5", "w2=0.4"), list(m, lists.similar(), "w3"));
  }

  @Test
  void fullWarmList_takesTheColdSkuInPlaceOfItsWeakest() {
    InteractionMatrix m = matrix();
    ColdStart.Lists lists = apply(new ColdStart(1, 1.0), m, 2);
    List<String> w1 = list(m, lists.similar(), "w1");
    assertEquals(2, w1.size(), w1.toString());
    assertEquals(true, w1.contains("w2=0.9"), "the strongest collaborative entry stays: " + w1);
    assertEquals(
        1, w1.stream().filter(e -> e.startsWith("n")).count(), "one cold SKU in w3's place: " + w1);
    // The warm SKU's scoring list is not touched: the cold SKU reaches customers through its own.
    assertEquals(List.of("w2=0.9", "w3=0.5"), list(m, lists.weights(), "w1"));
    assertEquals(true, lists.placed() >= 2, "n1 and n2 placed in w1's and w2's lists");
  }

  @Test
  void warmListsTakeAtMostColdSlotsColdSkus() {
    EventLog log = new EventLog();
    log.add("u", "w", 1, EventLog.NO_TIME);
    List<String> news = new ArrayList<>();
    for (int i = 0; i < ColdStart.COLD_SLOTS + 3; i++) {
      news.add("n" + i);
    }
    InteractionMatrix m = InteractionMatrix.build(log, 0, 10).withSkus(news);
    NeighborLists empty = new NeighborLists(new int[m.skuCount() + 1], new int[0], new float[0]);
    ColdStart.Lists lists =
        new ColdStart(1, 1.0)
            .apply(m, empty, empty, i -> new ProductText("mug", null, null, Map.of()), 50, 1);
    assertEquals(ColdStart.COLD_SLOTS, list(m, lists.similar(), "w").size());
  }

  @Test
  void off_returnsTheListsUnchanged() {
    InteractionMatrix m = matrix();
    NeighborLists c = collaborative();
    ColdStart.Lists lists =
        new ColdStart(0, 0.5).apply(m, c, c, i -> TEXT.get(m.skus().id(i)), 2, 1);
    assertSame(c, lists.similar());
    assertEquals(0, lists.cold());
  }

  @Test
  void badSettings_nameTheValue() {
    assertEquals(
        "cold-start minimum interactions must be >= 0, was -1",
        assertThrows(IllegalArgumentException.class, () -> new ColdStart(-1, 1)).getMessage());
    assertEquals(
        "content weight must be finite and > 0, was NaN",
        assertThrows(IllegalArgumentException.class, () -> new ColdStart(1, Double.NaN))
            .getMessage());
  }
}
