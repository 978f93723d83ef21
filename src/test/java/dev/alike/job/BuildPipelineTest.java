package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.events.IngestOptions;
import dev.alike.model.FitOptions;
import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import dev.alike.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildPipelineTest {
  private static final List<String> STAGES =
      List.of(
          "read_events",
          "interactions",
          "similarity",
          "cold_start",
          "scoring_weights",
          "reverse",
          "popular",
          "trending",
          "bought_together",
          "write",
          "write_profiles",
          "activate");

  @TempDir Path dir;

  private Path store() {
    return dir.resolve("store");
  }

  private BuildSettings settings(Path events, Path catalog) {
    return new BuildSettings(
        List.of(events.toString()),
        catalog == null ? null : catalog.toString(),
        "local:" + store(),
        FitOptions.defaults().withK(10).withThreads(2),
        IngestOptions.defaults().withThreads(2),
        null,
        BuildSettings.DEFAULT_KEEP_VERSIONS,
        true);
  }

  private BuildReport build(Path events, Path catalog) {
    return new BuildRunner().run(settings(events, catalog));
  }

  private static long count(BuildReport report, String name) {
    return ((Number) report.count(name)).longValue();
  }

  @Test
  void rebuildWithSameEvents_writesNoProfile() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    BuildReport first = build(events, null);
    long customers = count(first, "customers");
    assertEquals(EventFiles.distinct(events, "customer").size(), customers);
    assertEquals(customers, count(first, "profiles_written"));
    BuildReport second = build(events, null);
    assertEquals(0, count(second, "profiles_written"));
    assertEquals(customers, count(second, "profiles_unchanged"));
    assertEquals(0, count(second, "profiles_deleted"));
  }

  @Test
  void rebuildWithoutOneCustomer_deletesExactlyThatProfile() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Path fewer = dir.resolve("fewer.jsonl");
    Files.write(
        fewer,
        Files.readAllLines(events).stream()
            .filter(line -> !line.contains("\"customer\":\"c5\""))
            .toList());
    BuildReport first = build(events, null);
    BuildReport second = build(fewer, null);
    assertEquals(count(first, "customers") - 1, count(second, "customers"));
    assertEquals(1, count(second, "profiles_deleted"));
    assertEquals(0, count(second, "profiles_written"));
    assertEquals(count(second, "customers"), count(second, "profiles_unchanged"));
    try (LocalModelStore store = new LocalModelStore(store())) {
      assertTrue(store.profile("c5").isEmpty());
      assertTrue(store.profile("c6").isPresent());
    }
  }

  @Test
  void reportJson_hasCountsEveryStageAndPeakHeap_andIsWrittenBesideTheModel() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    BuildReport report = build(events, null);
    JsonObject json = JsonParser.parseString(report.toJson()).getAsJsonObject();
    JsonObject counts = json.getAsJsonObject("counts");
    assertEquals(Files.readAllLines(events).size(), counts.get("events_accepted").getAsLong());
    assertEquals(0, counts.get("events_rejected").getAsLong());
    assertEquals(EventFiles.distinct(events, "sku").size(), counts.get("skus").getAsInt());
    assertEquals(10, counts.get("k").getAsInt());
    assertEquals("ease:100:300", counts.get("similarity").getAsString());
    assertTrue(counts.get("neighbor_entries").getAsLong() > 0);
    JsonObject stages = json.getAsJsonObject("stages_ms");
    assertEquals(Set.copyOf(STAGES), stages.keySet());
    for (String stage : STAGES) {
      assertTrue(stages.get(stage).getAsLong() >= 0, stage);
    }
    assertTrue(json.get("peak_heap_mb").getAsLong() > 0);
    assertTrue(json.get("total_ms").getAsLong() >= 0);
    assertTrue(json.has("rejected_by_reason"));

    String version = counts.get("model_version").getAsString();
    String beside;
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + store().resolve("alike.db"));
        java.sql.PreparedStatement s =
            c.prepareStatement("SELECT report FROM versions WHERE version = ?")) {
      s.setString(1, version);
      java.sql.ResultSet r = s.executeQuery();
      assertTrue(r.next(), "a versions row for " + version);
      beside = r.getString(1);
    }
    JsonObject written = JsonParser.parseString(beside).getAsJsonObject();
    assertEquals(counts, written.getAsJsonObject("counts"));
  }

  @Test
  void extraReportUri_getsTheSameReport() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Path extra = dir.resolve("out/last.json");
    BuildSettings s = settings(events, null);
    BuildSettings withReport =
        new BuildSettings(
            s.events(),
            null,
            s.store(),
            s.fit(),
            s.ingest(),
            extra.toString(),
            s.keepVersions(),
            true);
    BuildReport report = new BuildRunner().run(withReport);
    JsonObject counts =
        JsonParser.parseString(Files.readString(extra)).getAsJsonObject().getAsJsonObject("counts");
    assertEquals(report.count("model_version"), counts.get("model_version").getAsString());
  }

  /** 40 customers who all buy "gone" and view two of s0..s9: "gone" is everyone's neighbour. */
  private Path eventsAroundGone() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int u = 0; u < 40; u++) {
      String c = "\"customer\":\"c" + u + "\"";
      lines.add("{" + c + ",\"sku\":\"gone\",\"event\":\"purchase\",\"ts\":1700000000}");
      lines.add("{" + c + ",\"sku\":\"s" + u % 10 + "\",\"event\":\"view\",\"ts\":1700000100}");
      lines.add(
          "{" + c + ",\"sku\":\"s" + (u + 3) % 10 + "\",\"event\":\"cart\",\"ts\":1700000200}");
    }
    return Files.write(dir.resolve("gone.jsonl"), lines);
  }

  /** Every SKU named in any list of the current model: similar, reverse and popular. */
  private Set<String> listed(LocalModelStore store, Set<String> skus) {
    String version = store.current().map(ModelInfo::version).orElseThrow();
    Map<String, SkuDocument> docs = store.skus(version, skus);
    assertEquals(skus, docs.keySet(), "every SKU keeps its own document");
    Set<String> out =
        docs.values().stream()
            .flatMap(
                d -> java.util.stream.Stream.concat(d.similar().stream(), d.reverse().stream()))
            .map(Neighbor::sku)
            .collect(Collectors.toSet());
    store.popular(version).forEach(n -> out.add(n.sku()));
    return out;
  }

  @Test
  void trendingList_isStoredWithTheVersion_risingSkusOnly() throws Exception {
    long newest = 1_762_000_000L;
    long day = 24 * 3600L;
    List<String> lines = new ArrayList<>();
    // hot: 2 events the week before, 10 this week; cold: the reverse; new: 6 this week only.
    Object[][] plan = {{"hot", 2, 10}, {"cold", 10, 2}, {"new", 0, 6}};
    for (Object[] p : plan) {
      for (int w = 0; w < 2; w++) {
        int events = (Integer) p[1 + w];
        for (int e = 0; e < events; e++) {
          long ts = w == 0 ? newest - 8 * day - e : newest - e;
          lines.add(
              "{\"customer\":\"c"
                  + e
                  + "\",\"sku\":\""
                  + p[0]
                  + "\",\"event\":\"view\",\"ts\":"
                  + ts
                  + "}");
        }
      }
    }
    Path events = Files.write(dir.resolve("trending.jsonl"), lines);
    build(events, null);
    try (LocalModelStore store = new LocalModelStore(store())) {
      String version = store.current().orElseThrow().version();
      List<Neighbor> trending = store.trending(version);
      // (10 - 2) / sqrt(22) = 1.71 before 6 / sqrt(16) = 1.5; cold falls and is not listed.
      assertEquals(List.of("hot", "new"), trending.stream().map(Neighbor::sku).toList());
      assertEquals(8 / Math.sqrt(22), trending.get(0).score(), 1e-6);
    }
  }

  @Test
  void boughtTogether_fromOrderIds_storedWithSupport_andWithoutOrdersNone() throws Exception {
    List<String> lines = new ArrayList<>();
    // Orders 1-3 hold cup and saucer (with 3 orders the pair passes the minimum support); order
    // 4 holds cup alone; the views carry no order and count nowhere.
    for (int o = 1; o <= 4; o++) {
      lines.add(
          "{\"customer\":\"c"
              + o
              + "\",\"sku\":\"cup\",\"event\":\"buy\",\"order\":\"o"
              + o
              + "\"}");
      if (o < 4) {
        lines.add(
            "{\"customer\":\"c"
                + o
                + "\",\"sku\":\"saucer\",\"event\":\"cart\","
                + "\"transaction_id\":\"o"
                + o
                + "\"}");
      }
      lines.add("{\"customer\":\"c" + o + "\",\"sku\":\"tea\",\"event\":\"view\"}");
    }
    BuildReport report = build(Files.write(dir.resolve("orders.jsonl"), lines), null);
    assertEquals(4L, count(report, "together_orders"));
    assertEquals(2L, count(report, "together_entries"));
    try (LocalModelStore store = new LocalModelStore(store())) {
      String version = store.current().orElseThrow().version();
      Map<String, SkuDocument> docs = store.skus(version, List.of("cup", "saucer", "tea"));
      Neighbor saucer = docs.get("cup").together().get(0);
      assertEquals("saucer", saucer.sku());
      assertEquals(3, saucer.support());
      // asymmetric:0.8 on orders: 3 / (4^0.8 * 3^0.2)
      assertEquals(3 / (Math.pow(4, 0.8) * Math.pow(3, 0.2)), saucer.score(), 1e-5);
      assertEquals(List.of(), docs.get("tea").together());
    }
    build(EventFiles.writeSmall(dir.resolve("events.jsonl")), null);
    try (LocalModelStore store = new LocalModelStore(store())) {
      String version = store.current().orElseThrow().version();
      store.forEachSku(version, doc -> assertEquals(List.of(), doc.together(), doc.sku()));
    }
  }

  @Test
  void unavailableSku_appearsInNoListButKeepsItsDocument() throws Exception {
    Path events = eventsAroundGone();
    Set<String> skus = EventFiles.distinct(events, "sku");
    build(events, null);
    try (LocalModelStore store = new LocalModelStore(store())) {
      assertTrue(listed(store, skus).contains("gone"), "without a catalog, gone is listed");
    }
    Path catalog =
        Files.write(
            dir.resolve("catalog.jsonl"),
            List.of(
                "{\"sku\":\"gone\",\"category\":\"old\",\"available\":false}",
                "{\"sku\":\"s1\",\"category\":\"new\"}"));
    BuildReport report = build(events, catalog);
    assertTrue(count(report, "entries_dropped_unavailable") > 0);
    try (LocalModelStore store = new LocalModelStore(store())) {
      Set<String> listed = listed(store, skus);
      assertFalse(listed.contains("gone"), listed.toString());
      assertTrue(listed.contains("s1"));
      String version = store.current().orElseThrow().version();
      SkuDocument gone = store.skus(version, List.of("gone")).get("gone");
      assertEquals("old", gone.category());
      assertFalse(gone.similar().isEmpty(), "an unavailable SKU still shows similar ones");
    }
  }

  @Test
  void threeBuilds_keepTheNewestTwoVersions() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    List<String> built = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      built.add((String) build(events, null).count("model_version"));
    }
    assertEquals(3, Set.copyOf(built).size(), built.toString());
    try (LocalModelStore store = new LocalModelStore(store())) {
      assertEquals(built.subList(1, 3), store.versions().stream().map(ModelInfo::version).toList());
      assertEquals(built.get(2), store.current().orElseThrow().version());
    }
  }

  @Test
  void failedRead_leavesTheCurrentVersionServing() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    String first = (String) build(events, null).count("model_version");
    Path missing = dir.resolve("missing.jsonl");
    assertThrows(RuntimeException.class, () -> build(missing, null));
    try (LocalModelStore store = new LocalModelStore(store())) {
      assertEquals(first, store.current().orElseThrow().version());
    }
  }

  /**
   * {@code local} whose {@code failing} methods throw a StoreException naming the method; {@code
   * called} collects every method called, failing ones once they threw.
   */
  private static ModelStore failing(
      LocalModelStore local, Set<String> failing, Set<String> called) {
    return StoreProxy.of(
        local,
        method -> {
          called.add(method);
          if (failing.contains(method)) {
            throw new StoreException(method + " failed (test)");
          }
        });
  }

  @Test
  void failedProfileWrite_failsTheBuild_andLeavesTheCurrentVersionServing() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    String first = (String) build(events, null).count("model_version");
    try (LocalModelStore local = new LocalModelStore(store())) {
      Set<String> called = ConcurrentHashMap.newKeySet();
      ModelStore store = failing(local, Set.of("replaceProfiles"), called);
      StoreException e =
          assertThrows(
              StoreException.class, () -> new BuildRunner().run(settings(events, null), store));
      assertTrue(e.getMessage().contains("replaceProfiles"), e.getMessage());
      assertFalse(called.contains("activate"), "never switched: " + called);
      assertEquals(first, local.current().orElseThrow().version());
    }
  }

  @Test
  void failedModelWrite_stopsTheProfileWriterBeforeTheBuildFails() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    String first = (String) build(events, null).count("model_version");
    try (LocalModelStore local = new LocalModelStore(store())) {
      Set<String> called = ConcurrentHashMap.newKeySet();
      CountDownLatch writerStarted = new CountDownLatch(1);
      // The profile write blocks until interrupted; the model write fails once it has started.
      ModelStore store =
          StoreProxy.of(
              local,
              method -> {
                called.add(method);
                if (method.equals("replaceProfiles")) {
                  writerStarted.countDown();
                  try {
                    Thread.sleep(30_000);
                  } catch (InterruptedException e) {
                    called.add("replaceProfiles interrupted");
                    throw e;
                  }
                }
                if (method.equals("writeVersion")) {
                  assertTrue(writerStarted.await(10, TimeUnit.SECONDS));
                  throw new StoreException("writeVersion failed (test)");
                }
              });
      StoreException e =
          assertThrows(
              StoreException.class, () -> new BuildRunner().run(settings(events, null), store));
      // Tried as often as StoreRetry.DEFAULT says, then failed naming the step and the cause.
      assertTrue(e.getMessage().startsWith("cannot write version "), e.getMessage());
      assertTrue(
          e.getMessage().endsWith("after 3 attempt(s): writeVersion failed (test)"),
          e.getMessage());
      // Recorded on the writer's thread as it ended: the build interrupted it and waited for it.
      assertTrue(called.contains("replaceProfiles interrupted"), called.toString());
      assertFalse(called.contains("activate"));
      assertEquals(first, local.current().orElseThrow().version());
    }
  }

  @Test
  void keepBelowOne_isRejectedNamingTheValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BuildPipeline(new dev.alike.model.ModelFit(FitOptions.defaults()), 0));
    assertTrue(e.getMessage().contains("0"));
  }
}
