package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelStoreTest extends ModelStoreContract {
  @TempDir Path dir;

  @Override
  protected ModelStore newStore() {
    return new LocalModelStore(dir);
  }

  /** Gives the SKU's first similar entry a score of zero, which no stored list may hold. */
  @Override
  protected void corruptSku(String version, String sku) throws SQLException {
    update(
        "UPDATE sku_documents SET doc = json_set(doc, '$.similar.scores[0]', 0)"
            + " WHERE version = ? AND sku = ?",
        version,
        sku);
  }

  @Override
  protected void storeUnderAnotherSku(String version, String sku, String other)
      throws SQLException {
    update(
        "UPDATE sku_documents SET doc = json_set(doc, '$.sku', ?) WHERE version = ? AND sku = ?",
        other,
        version,
        sku);
  }

  /** Makes the profile's score list shorter than its SKU list. */
  @Override
  protected void corruptProfile(String customer) throws SQLException {
    update(
        "UPDATE profiles SET doc = json_remove(doc, '$.scores[0]') WHERE customer = ?", customer);
  }

  private int update(String sql, String... args) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("alike.db"));
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      int rows = s.executeUpdate();
      assertTrue(rows > 0, () -> "no row changed by " + sql);
      return rows;
    }
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("alike.db"));
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    }
  }

  @Test
  void profileNamingOneSkuTwice_readsAsMissing() throws SQLException {
    store.replaceProfiles(List.of(profile("c1", "a", 1.0), profile("c2", "b", 2.0)).iterator());
    update(
        "UPDATE profiles SET doc = json_set(doc, '$.skus', json('[\"a\",\"a\"]'),"
            + " '$.scores', json('[1.0,5.0]')) WHERE customer = 'c1'");
    try (LocalModelStore reader = new LocalModelStore(dir)) {
      assertEquals(Optional.empty(), reader.profile("c1"));
      assertEquals(Map.of("b", 2.0), reader.profile("c2").orElseThrow().scores());
    }
  }

  @Test
  void activationByAnotherProcess_isSeenOnTheNextRead() {
    publish("v1", docs("s", 2));
    try (LocalModelStore reader = new LocalModelStore(dir)) {
      assertEquals("v1", reader.current().orElseThrow().version());
      publish("v2", docs("s", 2));
      assertEquals("v2", reader.current().orElseThrow().version());
    }
  }

  @Test
  void readerDuringAWrite_seesThePreviousVersionUntilActivation() {
    publish("v1", docs("s", 2));
    List<SkuDocument> big = docs("t", 4_500); // more than one transaction's worth
    try (LocalModelStore reader = new LocalModelStore(dir)) {
      VersionDocuments all = VersionDocuments.of(big, List.of(new Neighbor("t0", 1.0, null, null)));
      VersionDocuments checked =
          new VersionDocuments() { // checks the reader's view in the middle of the write
            @Override
            public int size() {
              return all.size();
            }

            @Override
            public SkuDocument document(int index) {
              if (index == 4_400) { // after the first transactions committed
                assertEquals("v1", reader.current().orElseThrow().version());
                assertEquals(Map.of(), reader.skus("v2", List.of("t0", "t1")), "unfinished");
                assertEquals(
                    List.of("v1"), reader.versions().stream().map(ModelInfo::version).toList());
              }
              return all.document(index);
            }

            @Override
            public int[] indicesInIdOrder() {
              return all.indicesInIdOrder();
            }

            @Override
            public List<Neighbor> popular() {
              return all.popular();
            }

            @Override
            public List<Neighbor> trending() {
              return all.trending();
            }
          };
      store.writeVersion(info("v2", big.size()), checked);
      store.activate("v2", 2);
      assertEquals("v2", reader.current().orElseThrow().version());
      assertEquals(big.get(4_499), reader.skus("v2", List.of("t4499")).get("t4499"));
    }
  }

  @Test
  void databaseFile_holdsTheDocumentedTablesAndReadableJson() throws SQLException {
    publish("v1", docs("s", 3));
    store.replaceProfiles(List.of(profile("c1", "s0", 2.0)).iterator());
    assertEquals(
        List.of(
            "applied_updates",
            "catalog_updates",
            "current",
            "model_current",
            "profiles",
            "sku_documents",
            "sqlite_sequence", // SQLite's own: the last catalog update's number
            "versions"),
        query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    assertEquals(List.of("v1"), query("SELECT version FROM current"));
    assertEquals(
        List.of("s1"),
        query("SELECT doc ->> '$.similar.skus[0]' FROM sku_documents WHERE sku = 's0'"));
    assertEquals(List.of("s0"), query("SELECT popular ->> '$.popular.skus[0]' FROM versions"));
    assertEquals(List.of("wal"), query("PRAGMA journal_mode"));
  }

  @Test
  void aFileWrittenBeforeNamedModels_servesItsVersionsAsTheDefaultModel() throws SQLException {
    publish("v1", docs("s", 2));
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("alike.db"));
        java.sql.Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE model_current");
      s.executeUpdate("ALTER TABLE versions DROP COLUMN model");
    }
    store = newStore();
    assertEquals("v1", store.current().orElseThrow().version());
    assertEquals(List.of("v1"), versionIds());
    publish("tfidf", "v2", docs("t", 2));
    assertEquals("v2", store.current("tfidf").orElseThrow().version());
    assertEquals(List.of("default", "tfidf"), query("SELECT model FROM versions ORDER BY model"));
  }

  @Test
  void readingAStoreThatWasNeverWritten_createsNothing() {
    Path missing = dir.resolve("nowhere");
    try (LocalModelStore reader = new LocalModelStore(missing)) {
      assertEquals(Optional.empty(), reader.current());
      assertEquals(List.of(), reader.versions());
      assertEquals(Map.of(), reader.skus("v1", List.of("a")));
      assertEquals(Optional.empty(), reader.profile("c"));
      assertFalse(reader.profiles().hasNext());
    }
    assertFalse(Files.exists(missing));
  }

  @Test
  void forEachSku_overSeveralDecodeBatches_listsInIdOrderAndSkipsOnlyTheMalformed()
      throws SQLException {
    List<SkuDocument> docs = docs("s", 1_000); // rows are decoded in parallel batches of 256
    publish("v1", docs);
    corruptSku("v1", "s300");
    List<SkuDocument> seen = new java.util.ArrayList<>();
    store.forEachSku("v1", seen::add);
    List<SkuDocument> expected =
        docs.stream()
            .filter(d -> !d.sku().equals("s300"))
            .sorted(java.util.Comparator.comparing(SkuDocument::sku))
            .toList();
    assertEquals(expected, seen);
  }

  /**
   * A store written by the release before compact lists (lists as arrays of {sku, score, ...} maps,
   * double scores, 4 KB pages): upgraded in place, it keeps serving its current version, its stored
   * profile hashes still match, and the next build writes beside it.
   */
  @Test
  void storeWrittenBeforeCompactLists_keepsServingAndTakesTheNextBuild() throws Exception {
    Files.copy(
        Path.of("src/test/resources/store/alike-before-compact-lists.db"), dir.resolve("alike.db"));
    try (LocalModelStore old = new LocalModelStore(dir)) {
      String version = old.current().orElseThrow().version();
      SkuDocument s0 = old.skus(version, List.of("s0")).get("s0");
      assertEquals(
          new Neighbor("s1", 0.798028290271759f, "cat-0", Map.of("gender", "unisex")),
          s0.similar().get(0));
      assertEquals(3, s0.similar().size());
      List<SkuDocument> all = new ArrayList<>();
      old.forEachSku(version, all::add);
      assertEquals(12, all.size());
      assertEquals(
          new Neighbor("s0", 136.5, "cat-0", Map.of("gender", "male")),
          old.popular(version).get(0));
      CustomerProfile c0 = old.profile("c0").orElseThrow();
      assertEquals(Map.of("s0", 1.0, "s1", 1.0, "s3", 0.5), c0.scores());
      // the same profile again: its stored hash (written by the old release) says unchanged
      assertEquals(1, old.replaceProfiles(List.of(c0).iterator()).unchanged());

      old.writeVersion(info("v9", 1), VersionDocuments.of(List.of(doc("a", "b")), List.of()));
      old.activate("v9", 2);
      assertEquals(doc("a", "b"), old.skus("v9", List.of("a")).get("a"));
      assertEquals(s0, old.skus(version, List.of("s0")).get("s0"), "the old version kept");
    }
  }
}
