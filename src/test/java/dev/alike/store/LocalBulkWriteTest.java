package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.model.IdIndex;
import dev.alike.model.ItemModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store writes a whole model (and profile columns) exactly as they were built. */
class LocalBulkWriteTest {
  @TempDir Path dir;

  private static ItemModel model() {
    return LocalWriteBenchmark.model(60, 8, new SplittableRandom(3));
  }

  /** Categories, attributes, some SKUs unavailable, some missing from the catalog. */
  private static Catalog catalog(IdIndex skus) {
    Map<String, Catalog.Entry> entries = new HashMap<>();
    for (int i = 0; i < skus.size() - 5; i++) {
      entries.put(
          skus.id(i),
          new Catalog.Entry(
              i % 4 == 0 ? null : "cat-" + i % 3,
              i % 2 == 0 ? Map.of() : Map.of("gender", "g" + i % 3, "brand", "b" + i % 5),
              i % 7 != 3));
    }
    return new Catalog(entries);
  }

  @Test
  void bulkWriteVersion_readsBackAsCatalogDocuments_withDropsCounted() {
    ItemModel model = model();
    Catalog catalog = catalog(model.skus());
    CatalogDocuments expected = new CatalogDocuments(model, catalog);
    List<SkuDocument> docs = ModelStoreContract.documents(expected);
    List<Neighbor> popular = expected.popular();
    assertTrue(expected.dropped() > 0, "the catalog marks some neighbours unavailable");

    try (LocalModelStore store = new LocalModelStore(dir)) {
      CatalogDocuments bulk = new CatalogDocuments(model, catalog);
      long cut = store.writeVersion(new ModelInfo("v1", Instant.EPOCH, docs.size()), bulk);
      store.activate("v1", 2);
      assertEquals(0, cut);
      assertEquals(expected.dropped(), bulk.dropped());
      Map<String, SkuDocument> got = store.skus("v1", model.skus().ids());
      assertEquals(docs.size(), got.size());
      for (SkuDocument doc : docs) {
        assertEquals(doc, got.get(doc.sku()));
      }
      assertEquals(popular, store.popular("v1"));
      List<String> scanned = new java.util.ArrayList<>();
      store.forEachSku("v1", d -> scanned.add(d.sku()));
      List<String> byId = new java.util.ArrayList<>(model.skus().ids());
      java.util.Collections.sort(byId);
      assertTrue(!byId.equals(model.skus().ids()), "index order must differ from id order here");
      assertEquals(byId, scanned, "written, so listed, in SKU-id order");
    }
  }

  /** Every SKU available: no catalog, or one that knows some SKUs and gives them attributes. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void bulkWriteVersion_withEverySkuAvailable_readsBackAsCatalogDocuments(boolean withCatalog) {
    ItemModel model = model();
    Catalog catalog = Catalog.empty();
    if (withCatalog) {
      Map<String, Catalog.Entry> entries = new HashMap<>();
      for (int i = 0; i < model.skus().size(); i += 3) {
        entries.put(
            model.skus().id(i),
            new Catalog.Entry("cat-" + i % 2, Map.of("gender", "g" + i % 3), true));
      }
      catalog = new Catalog(entries);
    }
    CatalogDocuments expected = new CatalogDocuments(model, catalog);
    List<SkuDocument> docs = ModelStoreContract.documents(expected);
    assertEquals(model.skus().size(), docs.size());
    try (LocalModelStore store = new LocalModelStore(dir)) {
      CatalogDocuments bulk = new CatalogDocuments(model, catalog);
      assertEquals(0, store.writeVersion(new ModelInfo("v1", Instant.EPOCH, docs.size()), bulk));
      store.activate("v1", 2);
      assertEquals(0, bulk.dropped());
      Map<String, SkuDocument> got = store.skus("v1", model.skus().ids());
      for (SkuDocument doc : docs) {
        assertEquals(doc, got.get(doc.sku()));
      }
      assertEquals(expected.popular(), store.popular("v1"));
    }
  }

  @Test
  void profileColumns_writeWhatTheIteratorWrites_andDetectChanges() {
    LocalWriteBenchmark.Profiles rows =
        new LocalWriteBenchmark.Profiles(model().skus(), 200, new SplittableRandom(5));
    ProfileColumns columns =
        new ProfileColumns(
            rows.customers(), rows.skus(), rows.rowPtr(), rows.rowSkus(), rows.rowValues());
    try (LocalModelStore store = new LocalModelStore(dir)) {
      assertEquals(new ModelStore.ProfileWriteStats(200, 0, 0, 0), store.replaceProfiles(columns));
      List<CustomerProfile> expected = ModelStoreContract.drain(rows.iterator());
      for (CustomerProfile p : expected) {
        assertEquals(Optional.of(p), store.profile(p.customer()));
      }
      // Same content through the other path: the fingerprints agree.
      assertEquals(
          new ModelStore.ProfileWriteStats(0, 200, 0, 0), store.replaceProfiles(rows.iterator()));
      rows.rowValues()[0] += 1f; // customer c0 changes
      float[] values = rows.rowValues();
      int[] ptr = Arrays.copyOf(rows.rowPtr(), rows.rowPtr().length);
      ptr[200] = ptr[199]; // the last customer has no SKUs any more: deleted
      assertEquals(
          new ModelStore.ProfileWriteStats(1, 198, 1, 0),
          store.replaceProfiles(
              new ProfileColumns(rows.customers(), rows.skus(), ptr, rows.rowSkus(), values)));
      assertEquals(Optional.empty(), store.profile("c199"));
    }
  }
}
