package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.gcs.Locations;
import dev.alike.model.IdIndex;
import dev.alike.model.ItemModel;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
  private static CatalogReader.Result read(String text) throws IOException {
    return CatalogReader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "catalog.jsonl");
  }

  @Test
  void reader_parsesEntries_defaultsAvailableToTrue_andCountsBadLines() throws IOException {
    CatalogReader.Result result =
        read(
            """
            {"sku": "s1", "category": "shoes", "attributes": {"gender": "female", "size": 38}, "available": true}
            {"sku": "s2", "available": false}

            not json
            {"category": "x"}
            {"sku": "s3", "available": "yes"}
            {"sku": "s4", "attributes": {"nested": {"a": 1}}}
            {"sku": "s1", "category": "boots"}
            """);
    Catalog catalog = result.catalog();
    assertEquals(2, catalog.size());
    assertEquals(new Catalog.Entry("boots", Map.of(), true), catalog.entry("s1"));
    assertFalse(catalog.entry("s2").available());
    assertTrue(catalog.entry("not-in-catalog").available());
    assertEquals(4, result.badLines());
    assertEquals(1, result.duplicates());
    assertEquals(8, result.lines());
    assertEquals(4, result.examples().size());
    assertTrue(result.examples().get(0).startsWith("catalog.jsonl:4: "), result.examples().get(0));
  }

  @Test
  void reader_readsTitleDescriptionAndPrice_andRejectsBadOnesNamingTheValue() throws IOException {
    CatalogReader.Result result =
        read(
            """
            {"sku": "s1", "title": "Green regency teacup", "description": "bone china", "price": 2.95}
            {"sku": "s2", "price": -1}
            {"sku": "s3", "title": 7}
            {"sku": "s4", "price": "cheap"}
            """);
    assertEquals(
        new Catalog.Entry(null, Map.of(), true, "Green regency teacup", "bone china", 2.95),
        result.catalog().entry("s1"));
    assertEquals(1, result.catalog().size());
    assertEquals(3, result.badLines());
    assertTrue(result.examples().get(0).contains("-1"), result.examples().get(0));
    assertTrue(
        result.examples().get(1).contains("\"title\" is not a string: 7"),
        result.examples().get(1));
    assertTrue(result.examples().get(2).contains("cheap"), result.examples().get(2));
  }

  @Test
  void changes_keepAbsentFieldsUnchanged_mergeRepeatedSkus_andRefuseUnknownFields()
      throws IOException {
    CatalogReader.Changes read =
        CatalogReader.readChanges(
            new ByteArrayInputStream(
                """
                {"sku": "s1", "available": false}
                {"sku": "s2", "price": 19.5, "attributes": {"brand": "house"}}
                {"sku": "s1", "category": "hats", "price": null}
                {"sku": "s3", "availble": false}
                {"sku": "s4"}
                {"sku": "s5", "available": "no"}
                """
                    .getBytes(StandardCharsets.UTF_8)),
            "changes.jsonl");
    assertEquals(
        Map.of(
            "s1",
            new Catalog.Change("hats", null, false, null, null, null),
            "s2",
            new Catalog.Change(null, Map.of("brand", "house"), null, null, null, 19.5)),
        read.changes());
    assertEquals(List.of("s1", "s2"), List.copyOf(read.changes().keySet()), "first-seen order");
    assertEquals(1, read.duplicates());
    assertEquals(3, read.badLines());
    assertEquals(
        List.of(
            "changes.jsonl:4: unknown field \"availble\"",
            "changes.jsonl:5: line changes nothing of SKU \"s4\"",
            "changes.jsonl:6: \"available\" is not a boolean: no"),
        read.examples());
    Catalog.Entry built = new Catalog.Entry("shoes", Map.of("size", "38"), true, "T", "d", 5.0);
    assertEquals(
        new Catalog.Entry("hats", Map.of("size", "38"), false, "T", "d", 5.0),
        read.changes().get("s1").applyTo(built),
        "only the fields the change names");
  }

  @Test
  void reader_keepsAttributeNumbersAsText() throws IOException {
    Catalog catalog =
        read("{\"sku\": \"s\", \"attributes\": {\"size\": 38, \"w\": 1.5, \"eco\": true}}")
            .catalog();
    assertEquals(Map.of("size", "38", "w", "1.5", "eco", "true"), catalog.entry("s").attributes());
  }

  @Test
  void load_readsGzippedLocalFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("catalog.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("{\"sku\": \"g\", \"category\": \"hats\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    try (InputStream in = Locations.open(file.toString(), () -> null)) {
      assertEquals("hats", CatalogReader.read(in, file.toString()).catalog().entry("g").category());
    }
  }

  /** a -> [b, c], b -> [a, c], c -> [a]; popular c, b, a. */
  private static ItemModel model() {
    IdIndex skus = IdIndex.of(List.of("a", "b", "c"));
    NeighborLists neighbors =
        new NeighborLists(
            new int[] {0, 2, 4, 5},
            new int[] {1, 2, 0, 2, 0},
            new float[] {0.9f, 0.5f, 0.9f, 0.4f, 0.5f});
    NeighborLists reverse = neighbors.reverse(10, skus, null);
    return new ItemModel(
        skus, neighbors, reverse, new PopularSkus(new int[] {2, 1, 0}, new float[] {5f, 4f, 3f}));
  }

  @Test
  void documents_carryNeighbourCatalogData_andDropUnavailableSkus() {
    Catalog catalog =
        new Catalog(
            Map.of(
                "a", new Catalog.Entry("shoes", Map.of("gender", "female"), true, null, null, 49.5),
                "c", new Catalog.Entry("hats", Map.of(), false)));
    CatalogDocuments docs = new CatalogDocuments(model(), catalog);
    SkuDocument a = docs.document(0);
    assertEquals("shoes", a.category());
    assertEquals(List.of(new Neighbor("b", 0.9f, null, null)), a.similar(), "c is unavailable");
    SkuDocument b = docs.document(1);
    assertEquals(
        List.of(new Neighbor("a", 0.9f, "shoes", Map.of("gender", "female"), 49.5, true)),
        b.similar());
    assertEquals(
        List.of(new Neighbor("a", 0.9f, "shoes", Map.of("gender", "female"), 49.5, true)),
        b.reverse());
    SkuDocument c = docs.document(2);
    assertEquals("c", c.sku(), "an unavailable SKU keeps its own document");
    assertEquals(
        List.of(new Neighbor("a", 0.5f, "shoes", Map.of("gender", "female"), 49.5, true)),
        c.similar());
    assertEquals(List.of("b", "a"), docs.popular().stream().map(Neighbor::sku).toList());
    List<SkuDocument> all = ModelStoreContract.documents(docs);
    assertEquals(3, all.size());
    assertTrue(docs.dropped() >= 3, "c dropped from a's list, b's list and popular");
  }

  @Test
  void emptyCatalog_changesNothing() {
    CatalogDocuments docs = new CatalogDocuments(model(), Catalog.empty());
    assertEquals(
        List.of(new Neighbor("b", 0.9f, null, null), new Neighbor("c", 0.5f, null, null)),
        docs.document(0).similar());
    assertEquals(3, docs.popular().size());
    assertEquals(0, docs.dropped());
  }
}
