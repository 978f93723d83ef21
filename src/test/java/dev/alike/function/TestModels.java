package dev.alike.function;

import dev.alike.model.FitOptions;
import dev.alike.model.IdIndex;
import dev.alike.model.InteractionMatrix;
import dev.alike.model.ItemModel;
import dev.alike.model.ModelFit;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import dev.alike.model.TestMatrices;
import dev.alike.store.CustomerProfile;
import dev.alike.store.InMemoryModelStore;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import dev.alike.store.VersionDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random models fitted by the core model code and written as store documents, the way the batch job
 * will: SKU "s&lt;i&gt;" has category "c&lt;i mod categories&gt;" and attribute gender female/male
 * by parity.
 */
public final class TestModels {
  /** A fitted random model with the matrix it came from. */
  public record Fitted(InteractionMatrix matrix, ItemModel model) {}

  private TestModels() {}

  /** {@code customers} customers with {@code minSkus..maxSkus} distinct random SKUs each. */
  public static Fitted random(long seed, int customers, int skus, int minSkus, int maxSkus, int k) {
    return random(seed, customers, skus, minSkus, maxSkus, FitOptions.defaults().withK(k));
  }

  /** As {@link #random(long, int, int, int, int, int)}, fitted with {@code options} on 1 thread. */
  public static Fitted random(
      long seed, int customers, int skus, int minSkus, int maxSkus, FitOptions options) {
    Random random = new Random(seed);
    List<String> customerIds = new ArrayList<>();
    List<String> skuIds = new ArrayList<>();
    for (int u = 0; u < customers; u++) {
      customerIds.add("u" + u);
    }
    for (int i = 0; i < skus; i++) {
      skuIds.add("s" + i);
    }
    int[][] rows = new int[customers][];
    float[][] values = new float[customers][];
    float[] weights = {0.5f, 2f, 6f, 2.5f, 8.5f};
    for (int u = 0; u < customers; u++) {
      int count = minSkus + random.nextInt(maxSkus - minSkus + 1);
      int[] row = random.ints(0, skus).distinct().limit(count).sorted().toArray();
      rows[u] = row;
      values[u] = new float[row.length];
      for (int e = 0; e < row.length; e++) {
        // Skewed popularity: low SKU ids more often, as in a real catalog.
        values[u][e] = weights[random.nextInt(weights.length)];
      }
    }
    InteractionMatrix matrix =
        TestMatrices.ofRows(IdIndex.of(customerIds), IdIndex.of(skuIds), rows, values);
    ModelFit fit = new ModelFit(options.withThreads(1));
    return new Fitted(matrix, fit.fit(matrix));
  }

  public static String category(String sku, int categories) {
    return "c" + (Integer.parseInt(sku.substring(1)) % categories);
  }

  public static Map<String, String> attributes(String sku) {
    return Map.of("gender", Integer.parseInt(sku.substring(1)) % 2 == 0 ? "female" : "male");
  }

  /** Writes and activates {@code fitted} as {@code version}, with profiles from its matrix. */
  public static void write(ModelStore store, String version, Fitted fitted, int categories) {
    ItemModel model = fitted.model();
    IdIndex skus = model.skus();
    List<SkuDocument> docs = new ArrayList<>();
    for (int i = 0; i < skus.size(); i++) {
      String id = skus.id(i);
      docs.add(
          new SkuDocument(
              id,
              category(id, categories),
              attributes(id),
              list(model.neighbors(), i, skus, categories),
              list(model.reverse(), i, skus, categories),
              i % 2 != 0 ? 0 : i % 4 == 0 ? 0.5 : 0.25, // exact floats: both stores agree
              i % 2 != 0 ? 0 : 30 * 86_400L));
    }
    PopularSkus popular = model.popular();
    List<Neighbor> pop = new ArrayList<>();
    for (int r = 0; r < popular.size(); r++) {
      pop.add(neighbor(skus.id(popular.sku(r)), popular.score(r), categories));
    }
    store.writeVersion(
        new ModelInfo(version, Instant.now(), skus.size()), VersionDocuments.of(docs, pop));
    store.replaceProfiles(profiles(fitted.matrix()));
    store.activate(version, 3);
  }

  /**
   * The matrix's rows as profiles, each entry seen a minute after the one before it and every other
   * one bought then, so that buy it again and recently viewed have something to list.
   */
  public static Iterator<CustomerProfile> profiles(InteractionMatrix m) {
    List<CustomerProfile> out = new ArrayList<>();
    for (int u = 0; u < m.customers().size(); u++) {
      Map<String, Double> scores = new LinkedHashMap<>();
      Map<String, Long> seen = new LinkedHashMap<>();
      Map<String, Long> bought = new LinkedHashMap<>();
      for (int e = m.rowPtr()[u]; e < m.rowPtr()[u + 1]; e++) {
        String sku = m.skus().id(m.rowSkus()[e]);
        scores.put(sku, (double) m.rowValues()[e]);
        seen.put(sku, 1_762_000_000L + 60L * e);
        if ((u + e) % 2 == 0) {
          bought.put(sku, 1_762_000_000L + 60L * e);
        }
      }
      out.add(new CustomerProfile(m.customers().id(u), scores, seen, bought, List.of()));
    }
    return out.iterator();
  }

  /** A store holding one random model ("v1") over 4 categories. */
  public static InMemoryModelStore store(long seed) {
    InMemoryModelStore store = new InMemoryModelStore();
    write(store, "v1", random(seed, 300, 120, 3, 12, 10), 4);
    return store;
  }

  private static List<Neighbor> list(NeighborLists lists, int i, IdIndex skus, int categories) {
    List<Neighbor> out = new ArrayList<>();
    for (int at = lists.start(i); at < lists.end(i); at++) {
      out.add(neighbor(skus.id(lists.item(at)), lists.score(at), categories));
    }
    return out;
  }

  private static Neighbor neighbor(String sku, double score, int categories) {
    return new Neighbor(sku, score, category(sku, categories), attributes(sku));
  }
}
