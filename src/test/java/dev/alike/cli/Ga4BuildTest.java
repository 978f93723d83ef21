package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.events.Ga4Samples;
import dev.alike.job.Captured;
import dev.alike.store.LocalModelStore;
import dev.alike.store.SkuDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GA4 sample, as a new user would build it: `alike build --events <export>`. */
class Ga4BuildTest {
  @TempDir Path dir;

  @Test
  void ga4ExportSample_buildsAModelOfItsCustomersAndSkus_jsonAndAvro() throws Exception {
    Path json = dir.resolve("json/events-000000000000.json");
    Files.createDirectories(json.getParent());
    Files.writeString(json, Ga4Samples.jsonLines());
    Path avro = dir.resolve("avro/events-000000000000.avro");
    Files.createDirectories(avro.getParent());
    Files.write(avro, Ga4Samples.avro(CodecFactory.snappyCodec()));
    for (Path events : List.of(json.getParent(), avro.getParent())) {
      Path store = dir.resolve("store-" + events.getFileName());
      Captured run =
          Captured.run(
              () ->
                  Main.run(
                      "build",
                      "--events",
                      events.toString(),
                      "--store",
                      "local:" + store,
                      "--threads",
                      "2"));
      assertEquals(0, run.code(), run.both());
      assertTrue(
          run.both().contains("5 events accepted, 0 rejected, 1 skipped by name {page_view=1}"),
          run.both());
      try (LocalModelStore opened = new LocalModelStore(store)) {
        assertEquals(
            Map.of("SKU-1", 0.5, "SKU-2", 2.0),
            opened.profile("999.1").orElseThrow().scores(),
            events.toString());
        assertEquals(
            Map.of("SKU-1", 12.0, "SKU-3", 6.0, "SKU-2", 0.5),
            opened.profile("C42").orElseThrow().scores());
        assertTrue(opened.profile("123.4").isEmpty(), "user_id wins over user_pseudo_id");
        List<String> skus = new ArrayList<>(together(opened).keySet());
        assertEquals(List.of("SKU-1", "SKU-2", "SKU-3"), skus);
      }
    }
  }

  @Test
  void transactionId_isTheOrder_itemsOfThreePurchasesAreBoughtTogether() throws Exception {
    String rows = Ga4Samples.jsonLines();
    Path json = dir.resolve("orders/events-000000000000.json");
    Files.createDirectories(json.getParent());
    // The build's bought-together lists need a pair in 3 orders (BoughtTogether.DEFAULT).
    Files.writeString(
        json, rows + rows.replace("T-1001", "T-1002") + rows.replace("T-1001", "T-1003"));
    Path store = dir.resolve("store-orders");
    Captured run =
        Captured.run(
            () -> Main.run("build", "--events", json.toString(), "--store", "local:" + store));
    assertEquals(0, run.code(), run.both());
    try (LocalModelStore opened = new LocalModelStore(store)) {
      Map<String, List<String>> together = together(opened);
      assertEquals(List.of("SKU-3"), together.get("SKU-1"), together.toString());
      assertEquals(List.of("SKU-1"), together.get("SKU-3"), together.toString());
      assertEquals(List.of(), together.get("SKU-2"), together.toString());
    }
    // Without transaction ids there are no orders, so no lists.
    Files.writeString(json, (rows + rows + rows).replace("\"T-1001\"", "null"));
    Path none = dir.resolve("store-none");
    assertEquals(
        0,
        Captured.run(
                () -> Main.run("build", "--events", json.toString(), "--store", "local:" + none))
            .code());
    try (LocalModelStore opened = new LocalModelStore(none)) {
      assertEquals(List.of(), together(opened).get("SKU-1"));
    }
  }

  /** Each SKU's bought-together list, by SKU. */
  private static Map<String, List<String>> together(LocalModelStore store) {
    Map<String, List<String>> together = new TreeMap<>();
    store.forEachSku(
        store.current().orElseThrow().version(),
        (SkuDocument d) -> together.put(d.sku(), d.together().stream().map(n -> n.sku()).toList()));
    return together;
  }
}
