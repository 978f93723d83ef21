package dev.alike.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.function.TestModels;
import dev.alike.store.Catalog;
import dev.alike.store.InMemoryModelStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Catalog updates applied by serving to the current version in place: an unavailable SKU leaves
 * every list type once the pointer is re-read, partial changes replace only their fields, and the
 * updates are read only when the pointer's generation says they changed.
 */
class CatalogUpdatesTest {
  private static final Filter ANY = Filter.NONE;

  private final AtomicLong clock = new AtomicLong();
  private InMemoryModelStore store;
  private RecommendService service;

  @BeforeEach
  void setUp() {
    store = TestModels.store(5);
    service = new RecommendService(store, 1000, CurrentModel.REFRESH_NANOS, clock::get, e -> {});
  }

  private static Catalog.Change change(String category, Map<String, String> attrs, Boolean on) {
    return new Catalog.Change(category, attrs, on, null, null, null);
  }

  private void update(Map<String, Catalog.Change> changes) {
    store.updateCatalog(changes, Instant.now());
  }

  private void nextCheck() {
    clock.addAndGet(CurrentModel.REFRESH_NANOS + 1);
  }

  private static List<String> skus(RecommendService.Answer answer) {
    return answer.items().stream().map(Item::sku).toList();
  }

  /** One of each list type: for-you, similar, trending, popular (an unknown customer). */
  private Map<String, Supplier<RecommendService.Answer>> lists() {
    Map<String, Supplier<RecommendService.Answer>> out = new java.util.LinkedHashMap<>();
    out.put(
        "for-you",
        () -> service.recommend(new Queries.Recommend("u4", Map.of(), null, false, 10, ANY)));
    out.put("similar", () -> service.similar(new Queries.Similar("s3", false, 10, ANY)));
    out.put("trending", () -> service.trending(new Queries.Trending(10, ANY)));
    out.put(
        "popular",
        () -> service.recommend(new Queries.Recommend("nobody", Map.of(), null, false, 10, ANY)));
    return out;
  }

  @Test
  void unavailableSkus_leaveEveryListTypeAtTheNextCheck_andComeBackWhenAvailable() {
    Map<String, List<String>> before = new HashMap<>();
    Set<String> hidden = new LinkedHashSet<>();
    lists()
        .forEach(
            (type, answer) -> {
              before.put(type, skus(answer.get()));
              hidden.add(before.get(type).get(0)); // each list's best SKU
            });
    Map<String, Catalog.Change> off = new HashMap<>();
    hidden.forEach(sku -> off.put(sku, change(null, null, false)));
    update(off);

    lists().forEach((type, answer) -> assertEquals(before.get(type), skus(answer.get()), type));
    nextCheck();
    lists()
        .forEach(
            (type, answer) -> {
              List<String> now = skus(answer.get());
              assertEquals(10, now.size(), type + " is filled up to n");
              for (String sku : hidden) {
                assertFalse(now.contains(sku), type + " still shows unavailable " + sku);
              }
            });
    // The export path scores through the same check.
    List<Item> exported = service.recommend(service.current().orElseThrow(), Map.of("s3", 1.0), 50);
    assertTrue(exported.stream().noneMatch(i -> hidden.contains(i.sku())));

    Map<String, Catalog.Change> on = new HashMap<>();
    hidden.forEach(sku -> on.put(sku, change(null, null, true)));
    update(on);
    nextCheck();
    lists().forEach((type, answer) -> assertEquals(before.get(type), skus(answer.get()), type));
  }

  @Test
  void partialChanges_replaceOnlyTheFieldsTheyName() {
    List<Item> similar = service.similar(new Queries.Similar("s3", false, 10, ANY)).items();
    Item x = similar.get(2);
    update(Map.of(x.sku(), change("new-cat", null, null)));
    nextCheck();
    Queries.Similar inNewCat = new Queries.Similar("s3", false, 10, ANY.withCategory("new-cat"));
    assertEquals(List.of(x.sku()), skus(service.similar(inNewCat)));
    List<Item> after = service.similar(new Queries.Similar("s3", false, 10, ANY)).items();
    assertEquals(x.sku(), after.get(2).sku(), "a category change moves nothing");
    assertEquals("new-cat", after.get(2).category());

    // A price alone keeps the category given before; attributes are replaced as a whole.
    update(Map.of(x.sku(), new Catalog.Change(null, null, null, null, null, 12.5)));
    update(Map.of(x.sku(), change(null, Map.of("brand", "house"), null)));
    nextCheck();
    assertEquals(List.of(x.sku()), skus(service.similar(inNewCat)));
    Filter gender =
        new Filter(null, Map.of("gender", TestModels.attributes(x.sku()).get("gender")), Set.of());
    assertFalse(
        skus(service.similar(new Queries.Similar("s3", false, 10, gender))).contains(x.sku()));
    Filter house = new Filter(null, Map.of("brand", "house"), Set.of());
    assertEquals(
        List.of(x.sku()), skus(service.similar(new Queries.Similar("s3", false, 10, house))));
  }

  @Test
  void sameCategory_followsThePageSkusChangedCategory() {
    String x = skus(service.similar(new Queries.Similar("s3", false, 10, ANY))).get(1);
    update(Map.of("s3", change("new-cat", null, null), x, change("new-cat", null, null)));
    nextCheck();
    assertEquals(List.of(x), skus(service.similar(new Queries.Similar("s3", true, 10, ANY))));
  }

  @Test
  void rank_keepsUnavailableSkus_sinceItOnlyReordersTheGivenList() {
    List<String> given = List.of("s1", "s2", "s3");
    update(Map.of("s2", change(null, null, false)));
    nextCheck();
    List<String> ranked = skus(service.rank(new Queries.Rank("u4", Map.of(), given)));
    assertEquals(Set.copyOf(given), Set.copyOf(ranked));
  }

  @Test
  void aCheckWithoutNewUpdates_readsOnlyThePointer() {
    service.trending(new Queries.Trending(5, ANY));
    nextCheck();
    long before = store.roundTrips();
    service.trending(new Queries.Trending(5, ANY));
    assertEquals(1, store.roundTrips() - before, "the pointer alone");

    update(Map.of("s1", change(null, null, false)));
    nextCheck();
    before = store.roundTrips();
    service.trending(new Queries.Trending(5, ANY));
    assertEquals(2, store.roundTrips() - before, "the pointer and the updates, once");
    long generation = service.current().orElseThrow().info().catalogGeneration();
    assertNotEquals(0, generation);
  }

  @Test
  void aPriceUpdate_isWhatFilterExpressionsSeeAtTheNextCheck() {
    Filter cheap = new Filter(null, Map.of(), Set.of(), Expression.parse("not price >= 100"));
    Supplier<List<String>> similar =
        () -> skus(service.similar(new Queries.Similar("s3", false, 10, cheap)));
    List<String> before = similar.get();
    String dear = before.get(0);
    update(Map.of(dear, new Catalog.Change(null, null, null, null, null, 250.0)));
    nextCheck();
    List<String> after = similar.get();
    assertFalse(after.contains(dear), dear + " now costs 250: " + after);
    assertEquals(before.subList(1, before.size()), after.subList(0, before.size() - 1));
  }

  @Test
  void aPinOfAnUnavailableSku_isLeftOut() {
    String pinned = skus(service.popular(new Queries.Trending(10, ANY))).get(5);
    Placement p =
        new Placement(
            "p", "popular", null, List.of(), List.of(new Placement.Pin(pinned, 1)), null, 3);
    Supplier<List<String>> first =
        () -> skus(service.popular(new Queries.Trending(3, ANY, p))).subList(0, 1);
    assertEquals(List.of(pinned), first.get());
    update(Map.of(pinned, change(null, null, false)));
    nextCheck();
    assertNotEquals(List.of(pinned), first.get());
  }
}
