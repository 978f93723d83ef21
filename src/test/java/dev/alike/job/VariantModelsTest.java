package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.events.IngestOptions;
import dev.alike.model.ColdStart;
import dev.alike.model.FitOptions;
import dev.alike.model.Similarities;
import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelStore;
import dev.alike.store.SkuDocument;
import dev.alike.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's variant models: one per distinct similarity of the placements file's experiments. */
class VariantModelsTest {
  /** The contract's example: the job's own similarity (ease) and one other (tfidf). */
  private static final String PLACEMENTS =
      """
      {"placements": {"home": {"list": "for-you", "n": 12}},
       "experiments": {"home-models": {"placements": ["home"],
           "variants": {"holdout": {"share": 0.05, "list": "popular"},
                        "ease":    {"share": 0.475, "similarity": "ease"},
                        "tfidf":   {"share": 0.475, "similarity": "tfidf"}},
           "stopped": false, "promote": null}}}
      """;

  @TempDir Path dir;

  private BuildSettings settings(Path events, Path store, String similarity, Path placements) {
    return new BuildSettings(
        List.of(events.toString()),
        null,
        "local:" + store,
        FitOptions.defaults()
            .withK(10)
            .withThreads(2)
            .withSimilarity(Similarities.parse(similarity)),
        IngestOptions.defaults().withThreads(2),
        dir.resolve("report-" + similarity + ".json").toString(),
        BuildSettings.DEFAULT_KEEP_VERSIONS,
        true,
        null,
        0,
        StoreRetry.DEFAULT,
        ColdStart.defaults(),
        ModelStore.DEFAULT_MODEL,
        placements == null ? null : placements.toString());
  }

  private Path placements() throws Exception {
    return Files.writeString(dir.resolve("placements.json"), PLACEMENTS);
  }

  private static Map<String, SkuDocument> documents(ModelStore store, String version) {
    Map<String, SkuDocument> out = new TreeMap<>();
    store.forEachSku(version, d -> out.put(d.sku(), d));
    return out;
  }

  @Test
  void easeAndTfidfVariants_leaveDefaultEaseAndTfidfActive_withTheListsOfADirectTfidfBuild()
      throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Path store = dir.resolve("store");
    AtomicInteger profileWrites = new AtomicInteger();
    BuildReport report;
    try (LocalModelStore local = new LocalModelStore(store)) {
      ModelStore counted =
          StoreProxy.of(
              local,
              method -> {
                if (method.equals("replaceProfiles")) {
                  profileWrites.incrementAndGet();
                }
              });
      report = new BuildRunner().run(settings(events, store, "ease", placements()), counted);
    }
    assertEquals(1, profileWrites.get(), "profiles are shared: written once per run");
    JsonObject models =
        JsonParser.parseString(report.toJson()).getAsJsonObject().getAsJsonObject("models");
    assertEquals(List.of("default", "ease", "tfidf"), List.copyOf(models.keySet()));
    String tfidfVersion = models.getAsJsonObject("tfidf").get("version").getAsString();
    assertEquals("tfidf", models.getAsJsonObject("tfidf").get("similarity").getAsString());
    assertTrue(models.getAsJsonObject("tfidf").getAsJsonObject("stages_ms").has("similarity"));
    // the report file has them too
    assertTrue(Files.readString(dir.resolve("report-ease.json")).contains(tfidfVersion));

    Path direct = dir.resolve("direct");
    String directVersion =
        (String)
            new BuildRunner().run(settings(events, direct, "tfidf", null)).count("model_version");
    try (LocalModelStore s = new LocalModelStore(store);
        LocalModelStore d = new LocalModelStore(direct)) {
      assertEquals(report.count("model_version"), s.current().orElseThrow().version());
      assertEquals(tfidfVersion, s.current("tfidf").orElseThrow().version());
      // ease, the job's own similarity, is a model of its own with the default model's lists
      String easeVersion = s.current("ease").orElseThrow().version();
      assertEquals(documents(s, s.current().orElseThrow().version()), documents(s, easeVersion));
      assertTrue(tfidfVersion.compareTo(s.current().orElseThrow().version()) > 0);
      Map<String, SkuDocument> variant = documents(s, tfidfVersion);
      assertEquals(documents(d, directVersion), variant);
      assertFalse(variant.isEmpty());
      assertEquals(d.popular(directVersion), s.popular(tfidfVersion));
      assertEquals(d.trending(directVersion), s.trending(tfidfVersion));
      // the default model's lists are ease's, not tfidf's
      assertFalse(variant.equals(documents(s, s.current().orElseThrow().version())));
    }
  }

  @Test
  void aFailedVariantBuild_failsTheRunNamingIt_andLeavesTheDefaultModelActive() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Path store = dir.resolve("store");
    AtomicInteger versionWrites = new AtomicInteger();
    try (LocalModelStore local = new LocalModelStore(store)) {
      ModelStore failing =
          StoreProxy.of(
              local,
              method -> {
                if (method.equals("writeVersion") && versionWrites.incrementAndGet() > 1) {
                  throw new StoreException("disk full (test)");
                }
              });
      BuildRunner.VariantsFailed e =
          assertThrows(
              BuildRunner.VariantsFailed.class,
              () -> new BuildRunner().run(settings(events, store, "ease", placements()), failing));
      assertTrue(e.getMessage().startsWith("variant model(s) failed: ease: "), e.getMessage());
      assertTrue(e.getMessage().contains("tfidf: "), e.getMessage());
      assertTrue(e.getMessage().contains("disk full (test)"), e.getMessage());
      String active = local.current().orElseThrow().version();
      assertTrue(e.getMessage().contains("model default is at its new version " + active));
      assertEquals(Optional.empty(), local.current("tfidf"));
      assertEquals(List.of(), local.versions("tfidf"));
    }
    JsonObject tfidf =
        JsonParser.parseString(Files.readString(dir.resolve("report-ease.json")))
            .getAsJsonObject()
            .getAsJsonObject("models")
            .getAsJsonObject("tfidf");
    assertTrue(tfidf.get("error").getAsString().contains("disk full (test)"), tfidf.toString());
  }

  @Test
  void aBadVariantSimilarity_failsBeforeAnyWork_namingTheFileAndSpec() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Path bad =
        Files.writeString(dir.resolve("bad.json"), PLACEMENTS.replace("\"tfidf\"}", "\"tfidff\"}"));
    Path store = dir.resolve("store");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BuildRunner().run(settings(events, store, "ease", bad)));
    assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("tfidff"), e.getMessage());
    try (LocalModelStore s = new LocalModelStore(store)) {
      assertEquals(Optional.empty(), s.current());
    }
  }
}
