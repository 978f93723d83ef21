package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.events.IngestOptions;
import dev.alike.function.StoreQueries;
import dev.alike.model.FitOptions;
import dev.alike.serving.Filter;
import dev.alike.serving.Item;
import dev.alike.serving.Queries;
import dev.alike.serving.RecommendService;
import dev.alike.store.CustomerProfile;
import dev.alike.store.LocalModelStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendationExportTest {
  private static final int N = 8;

  /** Customer ids that need escaping in JSON, besides the synthetic c0, c1, .... */
  private static final List<String> ODD_CUSTOMERS =
      List.of("Zoë \"the\" buyer", "back\\slash", "日本語", "tab\there", "emoji 🛒", "line\u2028sep");

  @TempDir static Path dir;

  private static LocalModelStore store;

  @BeforeAll
  static void buildSmallModel() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    List<String> odd = new ArrayList<>();
    for (int i = 0; i < ODD_CUSTOMERS.size(); i++) {
      JsonObject e = new JsonObject();
      e.addProperty("customer", ODD_CUSTOMERS.get(i));
      for (String sku : List.of("s" + i, "s" + (i + 10))) {
        e.addProperty("sku", sku);
        e.addProperty("event", "purchase");
        e.addProperty("ts", 1_700_000_000L);
        odd.add(e.toString());
      }
    }
    Files.write(events, odd, java.nio.file.StandardOpenOption.APPEND);
    BuildSettings settings =
        new BuildSettings(
            List.of(events.toString()),
            null,
            "local:" + dir.resolve("store"),
            FitOptions.defaults().withK(10).withThreads(2),
            IngestOptions.defaults().withThreads(2),
            null,
            2,
            true);
    new BuildRunner().run(settings);
    store = new LocalModelStore(dir.resolve("store"));
  }

  private static String export(int n, int threads) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long written = new RecommendationExport(store, n, threads).writeTo(out);
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(written, text.lines().count());
    return text;
  }

  private static Set<String> storedCustomers() {
    Set<String> out = new HashSet<>();
    for (Iterator<CustomerProfile> it = store.profiles(); it.hasNext(); ) {
      out.add(it.next().customer());
    }
    return out;
  }

  private static List<String> skus(JsonArray items, boolean pairs) {
    List<String> out = new ArrayList<>();
    for (JsonElement item : items) {
      out.add(
          pairs
              ? item.getAsJsonArray().get(0).getAsString()
              : item.getAsJsonObject().get("sku").getAsString());
    }
    return out;
  }

  @Test
  void oneValidJsonLinePerStoredCustomer_includingIdsThatNeedEscaping() throws Exception {
    List<String> customers = new ArrayList<>();
    for (String line : export(N, 2).split("\n", -1)) {
      if (!line.isEmpty()) {
        customers.add(JsonParser.parseString(line).getAsJsonObject().get("customer").getAsString());
      }
    }
    assertEquals(storedCustomers().size(), customers.size(), "one line per customer");
    assertEquals(storedCustomers(), new HashSet<>(customers));
    assertTrue(customers.containsAll(ODD_CUSTOMERS), customers.toString());
  }

  @Test
  void everyLine_listsWhatTheFunctionRecommends_inTheSameOrder() throws Exception {
    StoreQueries queries = new StoreQueries(store, dev.alike.events.EventWeights.DEFAULT);
    int nonEmpty = 0;
    for (String line : export(N, 2).lines().toList()) {
      JsonObject exported = JsonParser.parseString(line).getAsJsonObject();
      String customer = exported.get("customer").getAsString();
      JsonObject answer =
          JsonParser.parseString(
                  queries.recommend(
                      Map.of("customer", List.of(customer), "n", List.of(Integer.toString(N)))))
              .getAsJsonObject();
      List<String> expected = skus(answer.getAsJsonArray("items"), false);
      List<String> got = skus(exported.getAsJsonArray("items"), true);
      assertEquals(expected, got, customer);
      nonEmpty += got.isEmpty() ? 0 : 1;
      JsonArray items = exported.getAsJsonArray("items");
      for (int i = 1; i < items.size(); i++) {
        double before = items.get(i - 1).getAsJsonArray().get(1).getAsDouble();
        double after = items.get(i).getAsJsonArray().get(1).getAsDouble();
        assertTrue(before >= after, "scores descend for " + customer);
      }
    }
    assertTrue(nonEmpty > 0, "the export must recommend something");
  }

  @Test
  void buyAgainAndRecentlyViewed_listWhatTheEndpointsAnswer_emptyListsLeftOut() throws Exception {
    RecommendService service = RecommendService.forCommandLine(store, 10_000);
    for (RecommendationExport.Kind kind :
        List.of(RecommendationExport.Kind.BUY_AGAIN, RecommendationExport.Kind.RECENTLY_VIEWED)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long written = new RecommendationExport(store, kind, N, 2).writeTo(out);
      long now = System.currentTimeMillis() / 1000;
      Set<String> listed = new HashSet<>();
      for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
        JsonObject exported = JsonParser.parseString(line).getAsJsonObject();
        String customer = exported.get("customer").getAsString();
        listed.add(customer);
        Queries.History q = new Queries.History(customer, N, Filter.NONE);
        List<Item> expected =
            kind == RecommendationExport.Kind.BUY_AGAIN
                ? service.buyAgain(q, now).items()
                : service.recentlyViewed(q).items();
        assertEquals(
            expected.stream().map(Item::sku).toList(),
            skus(exported.getAsJsonArray("items"), true),
            kind + " " + customer);
      }
      assertEquals(written, listed.size());
      assertTrue(written > 0, kind + " lists nobody");
      for (String customer : storedCustomers()) {
        Queries.History q = new Queries.History(customer, N, Filter.NONE);
        boolean empty =
            kind == RecommendationExport.Kind.BUY_AGAIN
                ? service.buyAgain(q, now).items().isEmpty()
                : service.recentlyViewed(q).items().isEmpty();
        assertEquals(!empty, listed.contains(customer), kind + " " + customer);
      }
    }
  }

  @Test
  void output_isIdenticalForOneAndFourThreads() throws Exception {
    String one = export(5, 1);
    String four = export(5, 4);
    assertFalse(one.isEmpty());
    assertArrayEquals(one.getBytes(StandardCharsets.UTF_8), four.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void output_isTheSameAcrossBatchBoundaries_asInOneBatch() throws Exception {
    // 7 customers per batch: the next batch is read while the pool scores the one before it.
    ByteArrayOutputStream small = new ByteArrayOutputStream();
    long written = new RecommendationExport(store, N, 2, 7).writeTo(small);
    assertTrue(written > 7 * 10, "many batches: " + written);
    assertEquals(export(N, 2), small.toString(StandardCharsets.UTF_8));
  }

  @Test
  void nOutsideOneToHundred_isRejectedNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RecommendationExport(store, 101, 1));
    assertTrue(e.getMessage().contains("101"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RecommendationExport(store, 0, 1));
  }

  @Test
  void skuDocuments_areReadInOneScanBeforeScoring_notCustomerByCustomer() throws Exception {
    LocalModelStore spied = org.mockito.Mockito.spy(store);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> log =
        Captured.run(
                () -> {
                  new RecommendationExport(spied, N, 2).writeTo(out);
                  return 0;
                })
            .err()
            .lines()
            .toList();
    long skus = store.current().orElseThrow().skus();
    assertTrue(
        log.stream().anyMatch(l -> l.startsWith(String.format("read %,d SKU documents", skus))),
        log.toString());
    org.mockito.Mockito.verify(spied, org.mockito.Mockito.times(1))
        .forEachSku(org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.any());
    org.mockito.Mockito.verify(spied, org.mockito.Mockito.never())
        .skus(org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.any());
    assertEquals(export(N, 2), out.toString(StandardCharsets.UTF_8));
  }
}
