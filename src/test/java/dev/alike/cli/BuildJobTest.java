package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.job.Captured;
import dev.alike.job.EventFiles;
import dev.alike.store.CustomerProfile;
import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildJobTest {
  @TempDir Path dir;

  private Path store() {
    return dir.resolve("store");
  }

  private static Set<String> customers(LocalModelStore store) {
    Set<String> out = new HashSet<>();
    for (Iterator<CustomerProfile> it = store.profiles(); it.hasNext(); ) {
      out.add(it.next().customer());
    }
    return out;
  }

  @Test
  void localBuild_exitsZeroAndActivatesAVersionWithEverySku() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of(
                        "ALIKE_EVENTS",
                        events.toString(),
                        "ALIKE_STORE",
                        "local:" + store(),
                        "ALIKE_K",
                        "10")));
    assertEquals(0, run.code(), run.both());
    assertTrue(run.err().contains("build report"), run.both());
    try (LocalModelStore store = new LocalModelStore(store())) {
      ModelInfo current = store.current().orElseThrow();
      assertEquals(EventFiles.distinct(events, "sku").size(), current.skus());
      assertEquals(EventFiles.distinct(events, "customer"), customers(store));
    }
  }

  @Test
  void badEnvironment_exitsOneWithOneLineNamingTheVariable() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of(
                        "ALIKE_EVENTS",
                        events.toString(),
                        "ALIKE_STORE",
                        "local:" + store(),
                        "ALIKE_K",
                        "abc")));
    assertEquals(1, run.code(), run.both());
    List<String> lines = run.err().strip().lines().toList();
    assertEquals(1, lines.size(), run.both());
    assertTrue(lines.get(0).startsWith("alike build failed: "), run.both());
    assertTrue(lines.get(0).contains("ALIKE_K=\"abc\""), run.both());
    assertTrue(Files.notExists(store()), "nothing may be written");
  }

  @Test
  void missingEvents_exitsOne() throws Exception {
    Captured run = Captured.run(() -> BuildJob.run(Map.of("ALIKE_STORE", "local:" + store())));
    assertEquals(1, run.code());
    assertTrue(run.err().contains("ALIKE_EVENTS"), run.both());
  }

  /** 1,000 good lines and {@code bad} truncated ones after the first line. */
  private Path withMalformedLines(int bad) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      lines.add(
          String.format(
              "{\"customer\":\"c%d\",\"sku\":\"s%d\",\"event\":\"view\",\"ts\":1700000000}",
              i % 97, i % 31));
      if (i > 0 && i <= bad) {
        lines.add("{\"customer\":\"c" + i + "\",\"sku\":");
      }
    }
    return Files.write(dir.resolve("mixed.jsonl"), lines);
  }

  @Test
  void moreThanOnePercentMalformed_exitsOneWithTheRejectionCounts() throws Exception {
    Path events = withMalformedLines(20);
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of("ALIKE_EVENTS", events.toString(), "ALIKE_STORE", "local:" + store())));
    assertEquals(1, run.code(), run.both());
    assertTrue(run.err().contains("rejected 20 of 1020 events"), run.both());
    assertTrue(run.err().contains("malformed"), run.both());
    try (LocalModelStore store = new LocalModelStore(store())) {
      assertTrue(store.current().isEmpty(), "no version may be activated");
    }
  }

  @Test
  void maxRejectedVariable_letsTheSameFileBuild() throws Exception {
    Path events = withMalformedLines(20);
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of(
                        "ALIKE_EVENTS",
                        events.toString(),
                        "ALIKE_STORE",
                        "local:" + store(),
                        "ALIKE_MAX_REJECTED",
                        "0.05")));
    assertEquals(0, run.code(), run.both());
    try (LocalModelStore store = new LocalModelStore(store())) {
      assertEquals(31, store.current().orElseThrow().skus());
    }
  }

  @Test
  void gcsEventsCatalogAndReport_areReadAndWrittenThroughTheInjectedClient() throws Exception {
    Storage storage = LocalStorageHelper.getOptions().getService();
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    List<String> lines = Files.readAllLines(events);
    int half = lines.size() / 2;
    put(storage, "events/part-1.jsonl", lines.subList(0, half));
    put(storage, "events/part-2.jsonl", lines.subList(half, lines.size()));
    put(storage, "other/ignored.jsonl", List.of("not events"));
    Path catalog = dir.resolve("catalog.jsonl");
    EventFiles.small().writeCatalog(catalog);
    put(storage, "catalog.jsonl", Files.readAllLines(catalog));
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of(
                        "ALIKE_EVENTS", "gs://bkt/events/",
                        "ALIKE_CATALOG", "gs://bkt/catalog.jsonl",
                        "ALIKE_REPORT_URI", "gs://bkt/reports/last.json",
                        "ALIKE_STORE", "local:" + store(),
                        "ALIKE_K", "10"),
                    () -> storage));
    assertEquals(0, run.code(), run.both());
    Blob report = storage.get("bkt", "reports/last.json");
    assertNotNull(report, "report written to gs://");
    JsonObject counts =
        JsonParser.parseString(new String(report.getContent(), StandardCharsets.UTF_8))
            .getAsJsonObject()
            .getAsJsonObject("counts");
    assertEquals(2, counts.get("input_files").getAsInt());
    assertEquals(lines.size(), counts.get("events_accepted").getAsLong());
    assertTrue(counts.get("entries_dropped_unavailable").getAsLong() > 0, "catalog was applied");
    try (LocalModelStore store = new LocalModelStore(store())) {
      ModelInfo current = store.current().orElseThrow();
      assertEquals(counts.get("model_version").getAsString(), current.version());
      // Every catalog SKU has a document, those without events too (content neighbours).
      java.util.Set<String> skus = new java.util.HashSet<>(EventFiles.distinct(events, "sku"));
      skus.addAll(EventFiles.distinct(catalog, "sku"));
      assertEquals(skus.size(), current.skus());
      assertTrue(current.skus() > EventFiles.distinct(events, "sku").size(), "catalog-only SKUs");
    }
  }

  @Test
  void placementsVariable_buildsTheVariantModelsOfItsExperiments_fromGcs() throws Exception {
    Storage storage = LocalStorageHelper.getOptions().getService();
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    put(
        storage,
        "placements.json",
        List.of(
            "{\"placements\": {\"home\": {\"list\": \"for-you\"}}, \"experiments\": {\"x\":"
                + " {\"placements\": [\"home\"], \"variants\": {\"a\": {\"share\": 0.5},"
                + " \"b\": {\"share\": 0.5, \"similarity\": \"jaccard\"}}}}}"));
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of(
                        "ALIKE_EVENTS",
                        events.toString(),
                        "ALIKE_PLACEMENTS",
                        "gs://bkt/placements.json",
                        "ALIKE_STORE",
                        "local:" + store(),
                        "ALIKE_K",
                        "10"),
                    () -> storage));
    assertEquals(0, run.code(), run.both());
    try (LocalModelStore store = new LocalModelStore(store())) {
      assertTrue(store.current().isPresent());
      assertEquals(
          store.current().orElseThrow().skus(), store.current("jaccard").orElseThrow().skus());
    }
  }

  @Test
  void gcsPrefixWithoutObjects_exitsOneNamingIt() throws Exception {
    Storage storage = LocalStorageHelper.getOptions().getService();
    put(storage, "elsewhere/e.jsonl", List.of("{}"));
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of("ALIKE_EVENTS", "gs://bkt/none/", "ALIKE_STORE", "local:" + store()),
                    () -> storage));
    assertEquals(1, run.code(), run.both());
    assertTrue(run.err().contains("no event files found at gs://bkt/none/"), run.both());
  }

  private static void put(Storage storage, String name, List<String> lines) {
    storage.create(
        BlobInfo.newBuilder("bkt", name).build(),
        (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
