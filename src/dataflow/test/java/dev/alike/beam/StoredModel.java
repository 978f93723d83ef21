package dev.alike.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.store.CustomerProfile;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import dev.alike.store.Stores;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A store's current model read back through {@link ModelStore}: every SKU document, the popular
 * list and the profiles, for comparing two builds.
 */
record StoredModel(
    Map<String, SkuDocument> skus,
    List<Neighbor> popular,
    Map<String, Map<String, Double>> profiles) {
  static StoredModel read(String spec) {
    try (ModelStore store = Stores.open(spec)) {
      String version = store.current().orElseThrow().version();
      Map<String, SkuDocument> skus = new TreeMap<>();
      store.forEachSku(version, d -> skus.put(d.sku(), d));
      Map<String, Map<String, Double>> profiles = new TreeMap<>();
      for (Iterator<CustomerProfile> it = store.profiles(); it.hasNext(); ) {
        CustomerProfile p = it.next();
        profiles.put(p.customer(), new TreeMap<>(p.scores()));
      }
      return new StoredModel(skus, store.popular(version), profiles);
    }
  }

  /** Asserts {@code actual} holds the same lists (same SKUs, same order, scores within 1e-9). */
  static void assertSame(StoredModel expected, StoredModel actual, String what) {
    assertEquals(expected.skus().keySet(), actual.skus().keySet(), what + ": SKU documents");
    long entries = 0;
    for (SkuDocument e : expected.skus().values()) {
      SkuDocument a = actual.skus().get(e.sku());
      assertList(e.similar(), a.similar(), what + ": similar of " + e.sku());
      assertList(e.reverse(), a.reverse(), what + ": reverse of " + e.sku());
      entries += e.similar().size();
    }
    assertTrue(entries > 0, what + ": the fixture must give neighbours");
    assertList(expected.popular(), actual.popular(), what + ": popular");
    assertEquals(expected.profiles().keySet(), actual.profiles().keySet(), what + ": customers");
    for (var p : expected.profiles().entrySet()) {
      Map<String, Double> a = actual.profiles().get(p.getKey());
      assertEquals(p.getValue().keySet(), a.keySet(), what + ": profile of " + p.getKey());
      for (var s : p.getValue().entrySet()) {
        assertClose(s.getValue(), a.get(s.getKey()), what + ": profile " + p.getKey());
      }
    }
  }

  private static void assertList(List<Neighbor> expected, List<Neighbor> actual, String what) {
    List<String> e = new ArrayList<>();
    List<String> a = new ArrayList<>();
    expected.forEach(n -> e.add(n.sku()));
    actual.forEach(n -> a.add(n.sku()));
    assertEquals(e, a, what);
    for (int i = 0; i < expected.size(); i++) {
      assertClose(expected.get(i).score(), actual.get(i).score(), what + " #" + i);
    }
  }

  private static void assertClose(double expected, double actual, String what) {
    double tolerance = 1e-9 * Math.max(Math.abs(expected), Math.abs(actual));
    assertEquals(expected, actual, tolerance, what);
  }
}
