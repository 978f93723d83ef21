package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.events.EventWeights;
import dev.alike.function.StoreQueries;
import dev.alike.job.Captured;
import dev.alike.store.LocalModelStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A product that is only in the catalog, after one {@code alike build} into the local store: its
 * own similar list, its place in the similar list of what it resembles, and a customer's
 * recommendations, all read through the function's query path.
 */
class NewProductsTest {
  @TempDir Path dir;

  private static final String NEW_MUG = "new/mug-1";

  private void write(Path file, String... lines) throws Exception {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private Captured build(String... extra) throws Exception {
    Path events = dir.resolve("events.jsonl");
    List<String> lines = new ArrayList<>();
    String[][] baskets = {
      {"c1", "m1", "m2"},
      {"c2", "m2", "m3"},
      {"c3", "m1", "m3"},
      {"c4", "b1", "b2"},
      {"c5", "b1", "b2"},
      {"c6", "b2", "b3"},
      {"c7", "b1", "b3"}
    };
    for (String[] basket : baskets) {
      for (int s = 1; s < basket.length; s++) {
        lines.add(
            "{\"customer\":\"" + basket[0] + "\",\"sku\":\"" + basket[s] + "\",\"event\":\"buy\"}");
      }
    }
    Files.write(events, lines, StandardCharsets.UTF_8);
    Path catalog = dir.resolve("catalog.jsonl");
    write(
        catalog,
        "{\"sku\":\"m1\",\"title\":\"Blue enamel mug\",\"category\":\"kitchen\"}",
        "{\"sku\":\"m2\",\"title\":\"Red enamel mug\",\"category\":\"kitchen\"}",
        "{\"sku\":\"m3\",\"title\":\"Glass tea cup\",\"category\":\"kitchen\"}",
        "{\"sku\":\"b1\",\"title\":\"Canvas tote bag\",\"category\":\"bags\"}",
        "{\"sku\":\"b2\",\"title\":\"Leather tote bag\",\"category\":\"bags\"}",
        "{\"sku\":\"b3\",\"title\":\"Jute shopper\",\"category\":\"bags\"}",
        "{\"sku\":\""
            + NEW_MUG
            + "\",\"title\":\"Yellow enamel mug\",\"description\":\"An enamel mug, 350"
            + " ml\",\"category\":\"kitchen\"}");
    List<String> args =
        new ArrayList<>(
            List.of(
                "build",
                "--events",
                events.toString(),
                "--catalog",
                catalog.toString(),
                "--store",
                "local:" + dir.resolve("store"),
                "--k",
                "3",
                "--threads",
                "1"));
    args.addAll(List.of(extra));
    Captured run = Captured.run(() -> Main.run(args.toArray(new String[0])));
    assertEquals(0, run.code(), run.both());
    return run;
  }

  private JsonArray items(boolean similar, Map<String, List<String>> params) {
    try (LocalModelStore store = new LocalModelStore(dir.resolve("store"))) {
      StoreQueries queries = new StoreQueries(store, EventWeights.DEFAULT);
      String json = similar ? queries.similar(params) : queries.recommend(params);
      return JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("items");
    }
  }

  private static List<String> skus(JsonArray items, String source) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : items) {
      JsonObject o = e.getAsJsonObject();
      if (o.get("source").getAsString().equals(source)) {
        out.add(o.get("sku").getAsString());
      }
    }
    return out;
  }

  @Test
  void catalogOnlySku_hasItsOwnSimilarList_ofTheProductsItResembles() throws Exception {
    Captured run = build();
    assertTrue(run.err().contains("cold_skus_with_neighbors"), run.both());
    List<String> similar =
        skus(items(true, Map.of("sku", List.of(NEW_MUG), "n", List.of("2"))), "similar");
    assertEquals(List.of("m1", "m2"), similar, "the two enamel mugs, best first by id on a tie");
  }

  @Test
  void catalogOnlySku_appearsInTheSimilarListOfAProductItResembles() throws Exception {
    build();
    List<String> similar =
        skus(items(true, Map.of("sku", List.of("m1"), "n", List.of("3"))), "similar");
    assertTrue(similar.contains(NEW_MUG), similar.toString());
    assertTrue(
        similar.containsAll(List.of("m2", "m3")), "collaborative neighbours stay: " + similar);
  }

  @Test
  void catalogOnlySku_isRecommendedToACustomerWhoHasWhatItResembles() throws Exception {
    build();
    List<String> forMugBuyer =
        skus(items(false, Map.of("customer", List.of("c2"), "n", List.of("5"))), "personalized");
    assertTrue(forMugBuyer.contains(NEW_MUG), forMugBuyer.toString());
    List<String> forBagBuyer =
        skus(items(false, Map.of("customer", List.of("c4"), "n", List.of("5"))), "personalized");
    assertFalse(forBagBuyer.contains(NEW_MUG), "no word or category shared with bags");
    assertEquals(List.of("b3"), forBagBuyer, "collaborative recommendations stay");
  }

  @Test
  void coldStartOff_leavesCatalogOnlySkuOutOfTheModel() throws Exception {
    build("--cold-start-min-interactions", "0");
    JsonArray similar = items(true, Map.of("sku", List.of("m1"), "n", List.of("3")));
    assertFalse(skus(similar, "similar").contains(NEW_MUG), similar.toString());
    List<String> forMugBuyer =
        skus(items(false, Map.of("customer", List.of("c2"), "n", List.of("5"))), "personalized");
    assertFalse(forMugBuyer.contains(NEW_MUG), forMugBuyer.toString());
  }
}
