package dev.alike.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alike.store.CustomerProfile;
import dev.alike.store.InMemoryModelStore;
import dev.alike.store.ModelInfo;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import dev.alike.store.VersionDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Buy it again and recently viewed through {@link RecommendService}, against the rules written
 * plainly over random stores.
 */
class HistoryListsTest {
  private static final long NOW = 1_765_000_000L;
  private static final long DAY = 86_400;

  /** A random store: SKU documents with rates (some 0) and customers with times and purchases. */
  private record World(InMemoryModelStore store, Map<String, SkuDocument> docs, int customers) {}

  private static String sku(int j) {
    return j % 5 == 0 ? "s/" + j + "ü" : "s" + j;
  }

  private static World world(Random random) {
    int skus = 1 + random.nextInt(30);
    Map<String, SkuDocument> docs = new LinkedHashMap<>();
    List<SkuDocument> list = new ArrayList<>();
    // SKUs from skus to skus + 5 have no document: bought or seen, but unknown to the version.
    for (int j = 0; j < skus; j++) {
      double rate = random.nextInt(3) == 0 ? 0 : (float) random.nextDouble();
      long after = random.nextInt(3) == 0 ? 0 : (1 + random.nextInt(60)) * DAY;
      SkuDocument doc =
          new SkuDocument(
              sku(j),
              "cat" + random.nextInt(3),
              Map.of("size", random.nextBoolean() ? "s" : "m"),
              List.of(),
              List.of(),
              rate,
              rate == 0 ? 0 : after);
      docs.put(doc.sku(), doc);
      list.add(doc);
    }
    InMemoryModelStore store = new InMemoryModelStore();
    store.writeVersion(
        new ModelInfo("v1", Instant.now(), list.size()),
        VersionDocuments.of(
            list,
            List.of(new Neighbor(sku(0), 1, list.get(0).category(), list.get(0).attributes()))));
    store.activate("v1", 2);
    int customers = 1 + random.nextInt(20);
    List<CustomerProfile> profiles = new ArrayList<>();
    for (int u = 0; u < customers; u++) {
      Map<String, Double> scores = new LinkedHashMap<>();
      Map<String, Long> seen = new HashMap<>();
      Map<String, Long> bought = new HashMap<>();
      int n = random.nextInt(12);
      for (int i = 0; i < n; i++) {
        String s = sku(random.nextInt(skus + 5));
        scores.put(s, 1.0);
        if (random.nextInt(6) != 0) {
          seen.put(s, NOW - random.nextInt(90) * DAY - random.nextInt(3)); // ties now and then
        }
        if (random.nextInt(3) == 0) {
          bought.put(
              s, random.nextInt(5) == 0 ? CustomerProfile.NO_TIME : NOW - random.nextInt(90) * DAY);
        }
      }
      profiles.add(new CustomerProfile("c/" + u + "é", scores, seen, bought, List.of()));
    }
    store.replaceProfiles(profiles.iterator());
    return new World(store, docs, customers);
  }

  private static Filter randomFilter(Random random, World w) {
    String category = random.nextInt(3) == 0 ? "cat" + random.nextInt(3) : null;
    Map<String, String> attrs = random.nextInt(4) == 0 ? Map.of("size", "s") : Map.of();
    Set<String> exclude =
        random.nextInt(3) == 0 ? Set.of(sku(random.nextInt(10))) : Set.<String>of();
    return new Filter(category, attrs, exclude);
  }

  private static boolean passes(Filter f, SkuDocument doc) {
    if (doc == null) {
      return f.category() == null && f.attributes().isEmpty();
    }
    return f.matches(new Neighbor(doc.sku(), 1, doc.category(), doc.attributes()));
  }

  private static List<String> top(Map<String, Double> scores, int n) {
    List<Map.Entry<String, Double>> entries = new ArrayList<>(scores.entrySet());
    entries.sort(
        Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : entries.subList(0, Math.min(n, entries.size()))) {
      out.add(e.getKey() + "=" + e.getValue());
    }
    return out;
  }

  private static List<String> answer(List<Item> items) {
    List<String> out = new ArrayList<>();
    for (Item i : items) {
      out.add(i.sku() + "=" + i.score());
    }
    return out;
  }

  @Test
  void randomStores_buyAgain_isRateTimesDueness_bestFirst_onlyRebuyableSkus() {
    Random random = new Random(17);
    for (int trial = 0; trial < 200; trial++) {
      World w = world(random);
      RecommendService service = RecommendService.forCommandLine(w.store(), 1000);
      for (int u = 0; u < w.customers(); u++) {
        String customer = "c/" + u + "é";
        CustomerProfile p = w.store().profile(customer).orElseThrow();
        Filter f = randomFilter(random, w);
        int n = 1 + random.nextInt(8);
        Map<String, Double> expected = new HashMap<>();
        p.bought()
            .forEach(
                (s, t) -> {
                  SkuDocument doc = w.docs().get(s);
                  if (doc == null || doc.rebuy() == 0 || f.exclude().contains(s)) {
                    return;
                  }
                  if (!passes(f, doc)) {
                    return;
                  }
                  double due =
                      t == CustomerProfile.NO_TIME || doc.rebuyAfter() == 0
                          ? 1
                          : Math.min(1, (NOW - t) / (double) doc.rebuyAfter());
                  expected.put(s, doc.rebuy() * due);
                });
        RecommendService.Answer a = service.buyAgain(new Queries.History(customer, n, f), NOW);
        assertEquals(top(expected, n), answer(a.items()), "trial " + trial + " " + customer);
        a.items().forEach(i -> assertEquals("buy_again", i.source().label()));
      }
    }
  }

  @Test
  void randomStores_recentlyViewed_isNewestFirst_withoutPurchases() {
    Random random = new Random(23);
    for (int trial = 0; trial < 200; trial++) {
      World w = world(random);
      RecommendService service = RecommendService.forCommandLine(w.store(), 1000);
      for (int u = 0; u < w.customers(); u++) {
        String customer = "c/" + u + "é";
        CustomerProfile p = w.store().profile(customer).orElseThrow();
        Filter f = randomFilter(random, w);
        int n = 1 + random.nextInt(8);
        Map<String, Double> expected = new HashMap<>();
        p.seen()
            .forEach(
                (s, t) -> {
                  if (!p.bought().containsKey(s)
                      && !f.exclude().contains(s)
                      && passes(f, w.docs().get(s))) {
                    expected.put(s, (double) t);
                  }
                });
        RecommendService.Answer a = service.recentlyViewed(new Queries.History(customer, n, f));
        assertEquals(top(expected, n), answer(a.items()), "trial " + trial + " " + customer);
      }
    }
  }

  @Test
  void unknownCustomer_getsEmptyLists_notPopular() {
    World w = world(new Random(1));
    RecommendService service = RecommendService.forCommandLine(w.store(), 1000);
    Queries.History q = new Queries.History("nobody", 10, Filter.NONE);
    assertEquals(List.of(), service.buyAgain(q, NOW).items());
    assertEquals(List.of(), service.recentlyViewed(q).items());
  }

  @Test
  void justBought_ranksBehindOneDue_andOneNobodyRebuysNeverAppears() {
    InMemoryModelStore store = new InMemoryModelStore();
    store.writeVersion(
        new ModelInfo("v1", Instant.now(), 3),
        VersionDocuments.of(
            List.of(
                new SkuDocument("milk", null, Map.of(), List.of(), List.of(), 0.6, 7 * DAY),
                new SkuDocument("coffee", null, Map.of(), List.of(), List.of(), 0.3, 30 * DAY),
                new SkuDocument("sofa", null, Map.of(), List.of(), List.of())),
            List.of(new Neighbor("milk", 1, null, null))));
    store.activate("v1", 2);
    store.replaceProfiles(
        List.of(
                new CustomerProfile(
                    "c1",
                    Map.of("milk", 6.0, "coffee", 6.0, "sofa", 6.0),
                    Map.of(),
                    Map.of("milk", NOW - DAY, "coffee", NOW - 40 * DAY, "sofa", NOW - 400 * DAY),
                    List.of()))
            .iterator());
    List<Item> items =
        RecommendService.forCommandLine(store, 100)
            .buyAgain(new Queries.History("c1", 10, Filter.NONE), NOW)
            .items();
    assertEquals(List.of("coffee=0.3", "milk=" + 0.6 * (DAY / (7.0 * DAY))), answer(items));
  }

  @Test
  void skusACatalogUpdateMadeUnavailable_leaveBothLists() {
    InMemoryModelStore store = dev.alike.function.TestModels.store(5);
    java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
    RecommendService service =
        new RecommendService(store, 1000, CurrentModel.REFRESH_NANOS, clock::get, e -> {});
    Map<String, java.util.function.Function<String, List<Item>>> lists =
        Map.of(
            "buy again",
            c -> service.buyAgain(new Queries.History(c, 10, Filter.NONE), NOW).items(),
            "recently viewed",
            c -> service.recentlyViewed(new Queries.History(c, 10, Filter.NONE)).items());
    lists.forEach(
        (type, list) -> {
          String customer = null;
          for (int u = 0; customer == null; u++) {
            customer = list.apply("u" + u).size() >= 2 ? "u" + u : null;
          }
          List<Item> before = list.apply(customer);
          String gone = before.get(0).sku();
          store.updateCatalog(
              Map.of(gone, new dev.alike.store.Catalog.Change(null, null, false, null, null, null)),
              Instant.now());
          clock.addAndGet(CurrentModel.REFRESH_NANOS + 1);
          assertEquals(
              before.subList(1, before.size()).stream().map(Item::sku).toList(),
              list.apply(customer).stream().map(Item::sku).toList(),
              type);
        });
  }
}
