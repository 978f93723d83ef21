package dev.alike.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.model.ScoredSku;
import dev.alike.model.ScoredSku.Source;
import dev.alike.store.Neighbor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Boosts, pins and diversity on hand-made lists. */
class ArrangementTest {
  /** SKUs a1..: category from the letter, brand "house" for those named in {@code house}. */
  private final SkuIds ids = new SkuIds();

  private ScoredSku item(String sku, double score, Source source) {
    String category = sku.substring(0, 1);
    Map<String, String> attrs = sku.endsWith("h") ? Map.of("brand", "house") : Map.of();
    return new ScoredSku(ids.intern(new Neighbor(sku, score, category, attrs)), score, source);
  }

  private List<ScoredSku> pool(String... skus) {
    List<ScoredSku> out = new ArrayList<>();
    for (int i = 0; i < skus.length; i++) {
      out.add(item(skus[i], 10 - i, Source.PERSONALIZED));
    }
    return out;
  }

  private static Placement placement(
      List<Placement.Rule> rules, List<Placement.Pin> pins, Placement.Diversity d) {
    return new Placement("p", "for-you", null, rules, pins, d, 10);
  }

  private List<String> skus(Arrangement.Arranged a) {
    List<String> out = new ArrayList<>();
    for (Arrangement.Slot s : a.slots()) {
      out.add(ids.sku(s.item().sku()));
    }
    return out;
  }

  @Test
  void diversity_capsEachCategoryGreedilyInScoreOrder() {
    List<ScoredSku> pool = pool("a1", "a2", "a3", "b1", "a4", "c1", "b2", "b3");
    Placement p = placement(List.of(), List.of(), new Placement.Diversity("category", 2));
    Arrangement.Arranged a = Arrangement.arrange(pool, ids, p, sku -> true, 5);
    assertEquals(List.of("a1", "a2", "b1", "c1", "b2"), skus(a));
    assertFalse(a.diversityShort());
  }

  @Test
  void diversity_withTooFewValues_fillsInScoreOrderAndSaysSo() {
    List<ScoredSku> pool = pool("a1", "a2", "a3", "b1", "a4");
    Placement p = placement(List.of(), List.of(), new Placement.Diversity("category", 1));
    Arrangement.Arranged a = Arrangement.arrange(pool, ids, p, sku -> true, 4);
    // a1 and b1 are the diverse picks; a2 and a3 fill, all in score order
    assertEquals(List.of("a1", "a2", "a3", "b1"), skus(a));
    assertTrue(a.diversityShort());
  }

  @Test
  void diversity_byAttribute_groupsSkusWithoutTheValueTogether() {
    List<ScoredSku> pool = pool("a1h", "a2", "a3h", "a4", "a5h", "a6");
    Placement p = placement(List.of(), List.of(), new Placement.Diversity("attr.brand", 2));
    assertEquals(
        List.of("a1h", "a2", "a3h", "a4"), skus(Arrangement.arrange(pool, ids, p, sku -> true, 4)));
  }

  @Test
  void boost_reordersWithinThePartAndReportsTheFactor() {
    List<ScoredSku> pool = new ArrayList<>(pool("a1", "a2", "a3h"));
    pool.add(item("z9h", 500, Source.POPULAR));
    Placement.Rule boost = new Placement.Rule(Expression.parse("attr.brand = \"house\""), 2);
    Placement.Rule bury = new Placement.Rule(Expression.parse("sku = \"a1\""), 0.5);
    Arrangement.Arranged a =
        Arrangement.arrange(
            pool, ids, placement(List.of(boost, bury), List.of(), null), s -> true, 4);
    // a3h: 8 x 2 = 16 > a2: 9 > a1: 10 x 0.5 = 5; the popular top-up stays after them
    assertEquals(List.of("a3h", "a2", "a1", "z9h"), skus(a));
    assertEquals(2.0, a.slots().get(0).factor());
    assertEquals(16.0, a.slots().get(0).item().score());
    assertEquals(0.5, a.slots().get(2).factor());
    assertEquals(1.0, a.slots().get(1).factor());
  }

  @Test
  void pins_takeTheirPositions_fromInsideOrOutsideThePool() {
    List<ScoredSku> pool = pool("a1", "a2", "a3", "a4", "a5");
    item("x1", 1, Source.POPULAR); // known to the ids, not in the pool
    Placement p =
        placement(List.of(), List.of(new Placement.Pin("x1", 1), new Placement.Pin("a4", 3)), null);
    Arrangement.Arranged a = Arrangement.arrange(pool, ids, p, sku -> true, 4);
    assertEquals(List.of("x1", "a1", "a4", "a2"), skus(a));
    assertTrue(a.slots().get(0).pinned());
    assertEquals(Source.PINNED, a.slots().get(0).item().source());
    assertTrue(a.slots().get(2).pinned());
    assertEquals(Source.PERSONALIZED, a.slots().get(2).item().source());
    assertFalse(a.slots().get(1).pinned());
  }

  @Test
  void pins_thatFailTheFilter_areUnknown_orLieBeyondN_areLeftOut() {
    List<ScoredSku> pool = pool("a1", "a2", "a3");
    item("x1", 1, Source.POPULAR);
    Placement p =
        placement(
            List.of(),
            List.of(
                new Placement.Pin("x1", 1),
                new Placement.Pin("nobody", 2),
                new Placement.Pin("a3", 9)),
            null);
    Set<String> blocked = Set.of("x1");
    Arrangement.Arranged a = Arrangement.arrange(pool, ids, p, sku -> !blocked.contains(sku), 3);
    assertEquals(List.of("a1", "a2", "a3"), skus(a));
    assertTrue(a.slots().stream().noneMatch(Arrangement.Slot::pinned));
  }

  @Test
  void pins_countTowardsDiversity() {
    List<ScoredSku> pool = pool("a1", "a2", "b1", "c1");
    item("a9", 1, Source.POPULAR);
    Placement p =
        placement(
            List.of(), List.of(new Placement.Pin("a9", 1)), new Placement.Diversity("category", 1));
    assertEquals(
        List.of("a9", "b1", "c1"), skus(Arrangement.arrange(pool, ids, p, sku -> true, 3)));
  }
}
