package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.events.IdShape;
import dev.alike.events.IngestOptions;
import dev.alike.events.SyntheticEvents;
import dev.alike.model.FitOptions;
import dev.alike.store.CustomerProfile;
import dev.alike.store.LocalModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same events with ids of another shape give the same model: neighbour and reverse lists,
 * profiles and the export equal those of the short ids once every id is mapped back to its index.
 * Entries with equal scores may trade places (ties are broken by SKU id, and renaming changes how
 * ids sort), so each list is compared as its score sequence plus its entries in (score, index)
 * order.
 */
class IdShapeOutputsTest {
  private static final int CUSTOMERS = 1500;
  private static final int SKUS = 250;

  @TempDir static Path dir;
  private static Outputs shortIds;

  @BeforeAll
  static void buildWithShortIds() throws Exception {
    shortIds = build(IdShape.SHORT);
  }

  @ParameterizedTest
  @EnumSource(
      value = IdShape.class,
      names = {"DIGITS8", "CODES", "UUID", "HASH40", "UNICODE"})
  void renamedIds_giveTheSameListsProfilesAndExport(IdShape shape) throws Exception {
    Outputs renamed = build(shape);
    assertEquals(shortIds.similar.size(), renamed.similar.size());
    assertTrue(shortIds.similar.size() > SKUS / 2, "most SKUs have neighbours");
    assertEquals(shortIds.similar, renamed.similar, "similar lists");
    assertEquals(shortIds.reverse, renamed.reverse, "reverse lists");
    assertEquals(shortIds.profiles, renamed.profiles, "profiles");
    assertEquals(shortIds.export, renamed.export, "export");
  }

  /** A build's outputs with ids replaced by their indices and lists put in canonical order. */
  private record Outputs(
      Map<Integer, List<String>> similar,
      Map<Integer, List<String>> reverse,
      Map<Integer, Map<Integer, Double>> profiles,
      Map<Integer, List<String>> export) {}

  private static Outputs build(IdShape shape) throws Exception {
    Path events = dir.resolve(shape.label() + ".jsonl");
    SyntheticEvents generator = new SyntheticEvents(CUSTOMERS, SKUS, 10, 8, 11, shape);
    generator.writeEvents(events);
    Path catalog = dir.resolve(shape.label() + ".catalog.jsonl");
    generator.writeCatalog(catalog);
    Path storeDir = dir.resolve(shape.label() + "-store");
    BuildSettings settings =
        new BuildSettings(
            List.of(events.toString()),
            catalog.toString(),
            "local:" + storeDir,
            FitOptions.defaults().withK(20).withThreads(2),
            IngestOptions.defaults().withThreads(2),
            null,
            2,
            true);
    new BuildRunner().run(settings);
    Map<String, Integer> skuIndex = new HashMap<>();
    for (int i = 0; i < SKUS; i++) {
      skuIndex.put(shape.sku(i), i);
    }
    Map<String, Integer> customerIndex = new HashMap<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      customerIndex.put(shape.customer(i), i);
    }
    try (LocalModelStore store = new LocalModelStore(storeDir)) {
      String version = store.current().orElseThrow().version();
      Map<Integer, List<String>> similar = new TreeMap<>();
      Map<Integer, List<String>> reverse = new TreeMap<>();
      store.forEachSku(
          version,
          (SkuDocument doc) -> {
            int sku = skuIndex.get(doc.sku());
            similar.put(sku, canonical(doc.similar(), skuIndex, true));
            reverse.put(sku, canonical(doc.reverse(), skuIndex, true));
          });
      Map<Integer, Map<Integer, Double>> profiles = new TreeMap<>();
      for (Iterator<CustomerProfile> it = store.profiles(); it.hasNext(); ) {
        CustomerProfile p = it.next();
        Map<Integer, Double> scores = new TreeMap<>();
        p.scores().forEach((sku, score) -> scores.put(skuIndex.get(sku), score));
        profiles.put(customerIndex.get(p.customer()), scores);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new RecommendationExport(store, 10, 2).writeTo(out);
      Map<Integer, List<String>> export = new TreeMap<>();
      for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        List<Neighbor> items = new ArrayList<>();
        for (JsonElement item : o.getAsJsonArray("items")) {
          JsonArray pair = item.getAsJsonArray();
          items.add(new Neighbor(pair.get(0).getAsString(), pair.get(1).getAsDouble(), null, null));
        }
        export.put(
            customerIndex.get(o.get("customer").getAsString()), canonical(items, skuIndex, false));
      }
      return new Outputs(similar, reverse, profiles, export);
    }
  }

  /**
   * The list's scores in stored order (which must not increase if {@code descending}; an export
   * line's popular fill-in follows its personal items with scores of its own), then its entries as
   * {@code index:score} in (score descending, index) order: equal for two lists that differ only in
   * how ties are ordered.
   */
  private static List<String> canonical(
      List<Neighbor> list, Map<String, Integer> index, boolean descending) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(Double.toString(list.get(i).score()));
      if (descending && i > 0) {
        assertTrue(list.get(i - 1).score() >= list.get(i).score(), "scores descend: " + list);
      }
    }
    list.stream()
        .sorted(
            Comparator.comparingDouble(Neighbor::score)
                .reversed()
                .thenComparing(n -> index.get(n.sku())))
        .forEach(n -> out.add(index.get(n.sku()) + ":" + n.score()));
    return out;
  }
}
