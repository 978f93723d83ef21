package dev.alike.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.function.TestModels;
import dev.alike.model.IdIndex;
import dev.alike.model.NeighborLists;
import dev.alike.model.ScoredSku.Source;
import dev.alike.store.CustomerProfile;
import dev.alike.store.InMemoryModelStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code because} and re-ranking against a brute-force count over the fitted model: every term s_ij
 * * r_j summed per item in a map, with no scorer involved.
 */
class BecauseAndRankTest {
  private static TestModels.Fitted fitted;
  private static InMemoryModelStore store;
  private static RecommendService service;

  @BeforeAll
  static void setUp() {
    fitted = TestModels.random(11, 600, 150, 1, 20, 15);
    store = new InMemoryModelStore();
    TestModels.write(store, "v1", fitted, 4);
    service = new RecommendService(store, 1000, 0, System::nanoTime, e -> {});
  }

  /** Per item i, per customer SKU j: s_ij * r_j, from the model's reverse lists. */
  private static Map<String, Map<String, Double>> terms(Map<String, Double> r) {
    IdIndex skus = fitted.model().skus();
    NeighborLists reverse = fitted.model().reverse();
    Map<String, Map<String, Double>> out = new HashMap<>();
    r.forEach(
        (j, rj) -> {
          int jj = skus.indexOf(j);
          if (jj < 0 || !(rj > 0)) {
            return;
          }
          for (int at = reverse.start(jj); at < reverse.end(jj); at++) {
            out.computeIfAbsent(skus.id(reverse.item(at)), k -> new HashMap<>())
                .merge(j, reverse.score(at) * rj, Double::sum);
          }
        });
    return out;
  }

  private static double total(Map<String, Double> terms) {
    return terms == null ? 0 : terms.values().stream().mapToDouble(d -> d).sum();
  }

  private static Map<String, Double> profile(String customer) {
    return store.profile(customer).map(CustomerProfile::scores).orElse(Map.of());
  }

  @Test
  void because_namesTheLargestTerms_withSharesOfTheScorersOwnSum() {
    int explained = 0;
    for (int u = 0; u < 600; u += 2) {
      String customer = "u" + u;
      Map<String, Map<String, Double>> terms = terms(profile(customer));
      List<Item> items = service.recommend(query(customer, Map.of())).items();
      for (Item item : items) {
        if (item.source() != Source.PERSONALIZED) {
          assertEquals(List.of(), item.because(), item.toString());
          continue;
        }
        Map<String, Double> t = terms.get(item.sku());
        double sum = total(t);
        assertEquals(sum, item.score(), 1e-9 * sum, customer + " " + item);
        List<Double> expected =
            t.values().stream()
                .filter(c -> c > 0)
                .sorted(Comparator.reverseOrder())
                .limit(3)
                .map(c -> c / sum)
                .toList();
        assertEquals(expected.size(), item.because().size(), customer + " " + item);
        double shares = 0;
        for (int b = 0; b < expected.size(); b++) {
          Item.Because reason = item.because().get(b);
          // Shares in order; a tie may name either SKU, but each named SKU's own term must match.
          assertEquals(expected.get(b), reason.share(), 1e-9, customer + " " + item);
          assertEquals(t.get(reason.sku()) / sum, reason.share(), 1e-9, customer + " " + item);
          shares += reason.share();
        }
        assertTrue(shares <= 1 + 1e-9, customer + " " + item);
        assertEquals(t.size() <= 3, Math.abs(shares - 1) < 1e-9, customer + " " + item);
        explained++;
      }
    }
    assertTrue(explained > 1000, "explained " + explained);
  }

  @Test
  void because_oneSkuCustomer_isThatSkuWithShareOne() {
    String only = fitted.model().skus().id(fitted.model().popular().sku(0));
    List<Item> items = service.recommend(query(null, Map.of(only, 1.0))).items();
    assertEquals(Source.PERSONALIZED, items.get(0).source());
    for (Item item : items) {
      if (item.source() == Source.PERSONALIZED) {
        assertEquals(List.of(new Item.Because(only, 1.0)), item.because());
      }
    }
  }

  @Test
  void because_emptyCustomer_popularWithoutReasons() {
    List<Item> items = service.recommend(query(null, Map.of())).items();
    assertEquals(10, items.size());
    assertTrue(items.stream().allMatch(i -> i.source() == Source.POPULAR && i.because().isEmpty()));
  }

  @Test
  void rank_ordersGivenSkusByBruteForceSums_unscoredKeepTheirOrder_nothingAddedOrDropped() {
    Random random = new Random(5);
    IdIndex skus = fitted.model().skus();
    for (int trial = 0; trial < 300; trial++) {
      String customer = "u" + random.nextInt(600);
      Map<String, Double> session = new HashMap<>();
      if (random.nextBoolean()) {
        session.put(skus.id(random.nextInt(skus.size())), 2.0);
      }
      Map<String, Double> r = new HashMap<>(profile(customer));
      session.forEach((k, v) -> r.merge(k, v, Double::sum));
      Map<String, Map<String, Double>> terms = terms(r);
      List<String> given = new ArrayList<>();
      int length = 1 + random.nextInt(60);
      for (int p = 0; p < length; p++) {
        given.add(
            switch (random.nextInt(8)) {
              case 0 -> "unknown-" + random.nextInt(5); // not in the model, may repeat
              case 1 -> given.isEmpty() ? "s0" : given.get(random.nextInt(given.size()));
              default -> skus.id(random.nextInt(skus.size()));
            });
      }
      List<Item> items =
          service.rank(new Queries.Rank(customer, session, List.copyOf(given))).items();
      String what = customer + " " + given;
      assertEquals(
          given.stream().sorted().toList(), items.stream().map(Item::sku).sorted().toList(), what);
      List<String> unscored = new ArrayList<>();
      double previous = Double.POSITIVE_INFINITY;
      for (Item item : items) {
        double sum = total(terms.get(item.sku()));
        if (item.source() == Source.PERSONALIZED) {
          assertEquals(sum, item.score(), 1e-9 * sum, what + " " + item);
          assertTrue(item.score() <= previous, what);
          assertTrue(unscored.isEmpty(), "a scored SKU after an unscored one: " + what);
          previous = item.score();
          assertTrue(!item.because().isEmpty(), what + " " + item);
        } else {
          assertEquals(Source.GIVEN, item.source(), what);
          assertTrue(sum <= 1e-12, what + " " + item + " has sum " + sum);
          unscored.add(item.sku());
        }
      }
      List<String> expectedUnscored =
          given.stream().filter(s -> total(terms.get(s)) <= 1e-12).toList();
      assertEquals(expectedUnscored, unscored, what);
    }
  }

  @Test
  void rank_equalScoresKeepTheGivenOrder_andRepeatsAreKept() {
    String customer = "u1";
    Map<String, Map<String, Double>> terms = terms(profile(customer));
    String scored =
        terms.keySet().stream().filter(s -> total(terms.get(s)) > 0).findFirst().orElseThrow();
    List<String> given = List.of("x/1", scored, "ü/∞", scored, "x/1");
    List<Item> items = service.rank(new Queries.Rank(customer, Map.of(), given)).items();
    assertEquals(
        List.of(scored, scored, "x/1", "ü/∞", "x/1"), items.stream().map(Item::sku).toList());
    assertEquals(items.get(0).because(), items.get(1).because());
  }

  @Test
  void rank_emptyCustomer_givenOrder() {
    List<String> given = List.of("s3", "s1", "s2");
    List<Item> items = service.rank(new Queries.Rank(null, Map.of(), given)).items();
    assertEquals(given, items.stream().map(Item::sku).toList());
    assertTrue(items.stream().allMatch(i -> i.source() == Source.GIVEN && i.score() == 0));
  }

  private static Queries.Recommend query(String customer, Map<String, Double> session) {
    return new Queries.Recommend(customer, session, null, false, 10, Filter.NONE);
  }
}
