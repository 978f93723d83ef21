package dev.alike.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.events.EventReader;
import dev.alike.events.EventWeights;
import dev.alike.events.Ga4Mapping;
import dev.alike.events.Ga4Samples;
import dev.alike.events.IngestOptions;
import dev.alike.events.IngestReport;
import dev.alike.events.LocalInputs;
import dev.alike.events.SyntheticEvents;
import dev.alike.job.BuildReport;
import dev.alike.job.BuildRunner;
import dev.alike.job.BuildSettings;
import dev.alike.model.FitOptions;
import dev.alike.model.Similarities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.file.CodecFactory;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Beam build on the DirectRunner against the single-machine build on the same events: every
 * SKU's similar and reverse list, the popular list and the profiles agree (same SKUs in the same
 * order, scores within 1e-9 relative), and bad lines are counted alike, for every similarity the
 * Beam build offers.
 */
class BeamEquivalenceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cosine",
        "tfidf",
        "jaccard",
        "shrunk-cosine",
        "shrunk-cosine:3",
        "asymmetric",
        "asymmetric:0.7",
        "cosine+support:2",
        "jaccard+support:2",
        "bm25",
        "bm25:0.8:0.3",
        "ease:8:30",
        "ease:6:5:cosine+support:2",
        "ease"
      })
  void randomEventsWithBadLines_sameModelAsTheSingleMachine(String similarity) throws IOException {
    List<String> files = randomEvents(new Random(similarity.hashCode()));
    FitOptions fit = FitOptions.defaults().withK(5).withSimilarity(Similarities.parse(similarity));
    compare(files, fit, similarity);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tfidf", "shrunk-cosine", "bm25", "ease:6:10"})
  void decayCapsAndShortReverseLists_sameModel(String similarity) throws IOException {
    List<String> files = randomEvents(new Random(7));
    FitOptions fit =
        FitOptions.defaults()
            .withK(4)
            .withSimilarity(Similarities.parse(similarity))
            .withHalfLifeSeconds(3 * 86_400)
            .withMaxSkusPerCustomer(4)
            .withMaxReverse(2);
    Map<String, Long> counters = compare(files, fit, similarity + " decayed");
    assertTrue(counters.getOrDefault("customers_capped", 0L) > 0, "the cap must bite");
    assertTrue(counters.getOrDefault("reverse_cap_hits", 0L) > 0, "the reverse cap must bite");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cosine", "jaccard", "bm25", "ease"})
  void generatedShopEvents_sameModel(String similarity) throws IOException {
    Path events = dir.resolve("generated.jsonl");
    new SyntheticEvents(1500, 300, 12, 8, 42).writeEvents(events);
    FitOptions fit = FitOptions.defaults().withK(20).withSimilarity(Similarities.parse(similarity));
    compare(List.of(events.toString()), fit, similarity + " generated");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tfidf", "ease:8:30"})
  void oneGroupPerKey_theDataflowShape_sameModel(String similarity) throws IOException {
    List<String> files = randomEvents(new Random(11));
    FitOptions fit = FitOptions.defaults().withK(5).withSimilarity(Similarities.parse(similarity));
    BeamBuildOptions options = PipelineOptionsFactory.as(BeamBuildOptions.class);
    options.setGroupBuckets(0);
    compare(files, fit, similarity + " one group per key", options);
  }

  @Test
  void ga4ExportShards_jsonGzippedAndAvro_withAMapping_sameModelAndCounts() throws IOException {
    Path json = dir.resolve("ga4/events-000000000000.json");
    Files.createDirectories(json.getParent());
    Files.writeString(json, Ga4Samples.jsonLines());
    Path avro = dir.resolve("ga4/events-000000000001.avro");
    Files.write(avro, Ga4Samples.avro(CodecFactory.deflateCodec(6)));
    Path gz = dir.resolve("ga4/events-000000000002.json.gz");
    try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Ga4Samples.jsonLines().replace("C42", "C43").getBytes(StandardCharsets.UTF_8));
    }
    IngestOptions ingest =
        IngestOptions.defaults()
            .withMaxRejectedShare(0.5)
            .withGa4(
                Ga4Mapping.of(
                    "user_id,user_pseudo_id",
                    "-",
                    Ga4Mapping.DEFAULT_EVENTS + ",add_to_wishlist=1.5"));
    Map<String, Long> counters =
        compare(
            List.of(json.toString(), avro.toString(), gz.toString()),
            FitOptions.defaults().withK(5),
            "GA4 shards",
            PipelineOptionsFactory.create(),
            ingest);
    assertEquals(15, counters.get("events_accepted"));
    assertEquals(3, counters.get("events_skipped"));
  }

  private Map<String, Long> compare(List<String> files, FitOptions fit, String what) {
    return compare(files, fit, what, PipelineOptionsFactory.create());
  }

  private Map<String, Long> compare(
      List<String> files, FitOptions fit, String what, PipelineOptions options) {
    IngestOptions ingest =
        IngestOptions.defaults().withWeights(EventWeights.DEFAULT).withMaxRejectedShare(0.5);
    return compare(files, fit, what, options, ingest);
  }

  private Map<String, Long> compare(
      List<String> files,
      FitOptions fit,
      String what,
      PipelineOptions options,
      IngestOptions ingest) {
    String single = "local:" + dir.resolve("single");
    String beam = "local:" + dir.resolve("beam");
    BuildReport report =
        new BuildRunner().run(new BuildSettings(files, null, single, fit, ingest, null, 2, false));
    BeamRunner.Outcome outcome =
        new BeamRunner()
            .run(
                new BuildSettings(files, null, beam, fit, ingest, null, 2, false),
                options,
                StoreOpener.DEFAULT);
    StoredModel.assertSame(StoredModel.read(single), StoredModel.read(beam), what);

    IngestReport read = new EventReader(ingest).read(LocalInputs.resolve(files)).report();
    assertEquals(read.accepted(), outcome.counter("events_accepted"), what + ": accepted");
    assertEquals(read.skippedTotal(), outcome.counter("events_skipped"), what + ": skipped");
    for (var reason : read.rejected().entrySet()) {
      assertEquals(
          reason.getValue(),
          outcome.counter("rejected_" + reason.getKey()),
          what + ": rejected " + reason.getKey());
    }
    assertEquals(
        ((Number) report.count("customers_capped")).longValue(),
        outcome.counter("customers_capped"),
        what + ": capped customers");
    assertEquals(
        ((Number) report.count("reverse_cap_hits")).longValue(),
        outcome.counter("reverse_cap_hits"),
        what + ": reverse cap hits");
    return outcome.counters();
  }

  /**
   * Two files (JSON Lines and CSV) of random events over few customers and SKUs, so that lists tie
   * often, with timestamps, explicit weights and every kind of bad line.
   */
  private List<String> randomEvents(Random r) throws IOException {
    String[] types = {"Browsed", "AddedToCart", "Purchased", "view", "buy"};
    List<String> jsonl = new ArrayList<>();
    List<String> csv = new ArrayList<>(List.of("customer,sku,event,timestamp"));
    long now = 1_762_000_000L;
    for (int e = 0; e < 700; e++) {
      String c = "c" + r.nextInt(60);
      String s = "s" + (int) Math.floor(Math.pow(r.nextDouble(), 2) * 30);
      long ts = now - r.nextInt(30 * 86_400);
      String type = types[r.nextInt(types.length)];
      int bad = r.nextInt(40);
      if (e % 2 == 0) {
        jsonl.add(
            switch (bad) {
              case 0 -> "{\"customer\":\"" + c + "\",";
              case 1 -> "{\"customer\":\"" + c + "\",\"sku\":\"" + s + "\",\"event\":\"Foo\"}";
              case 2 -> "{\"customer\":\"" + c + "\",\"event\":\"" + type + "\"}";
              case 3 -> "{\"customer\":\"  \",\"sku\":\"" + s + "\",\"event\":\"" + type + "\"}";
              case 4 -> "{\"customer\":\"" + c + "\",\"sku\":\"" + s + "\",\"weight\":-1}";
              case 5, 6 ->
                  "{\"customer\":\""
                      + c
                      + "\",\"sku\":\""
                      + s
                      + "\",\"weight\":"
                      + (1 + r.nextInt(4)) * 0.75
                      + ",\"ts\":"
                      + ts
                      + "}";
              default ->
                  "{\"customer\":\""
                      + c
                      + "\",\"sku\":\""
                      + s
                      + "\",\"event\":\""
                      + type
                      + "\",\"ts\":"
                      + ts
                      + "}";
            });
      } else {
        csv.add(
            switch (bad) {
              case 0 -> c + ",\"" + s + ",Browsed," + ts;
              case 1 -> c + "," + s + ",Foo," + ts;
              case 2 -> c + "," + s + "," + type + ",yesterday";
              default -> c + "," + s + "," + type + "," + ts;
            });
      }
    }
    Path a = dir.resolve("a-events.jsonl");
    Path b = dir.resolve("b-events.csv");
    Files.write(a, jsonl);
    Files.write(b, csv);
    return List.of(a.toString(), b.toString());
  }
}
