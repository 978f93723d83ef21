package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alike.events.IdShape;
import dev.alike.events.IngestOptions;
import dev.alike.events.SyntheticEvents;
import dev.alike.model.ColdStart;
import dev.alike.model.FitOptions;
import dev.alike.model.Similarities;
import dev.alike.store.LocalModelStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The export of a fixed synthetic model is, line for line, byte for byte what the release before
 * the one scorer wrote (then: the local store's packed export, {@code PackedRecommendations}). The
 * expected files under {@code src/test/resources/export/} were written by that release from the
 * same events and settings; a change to the formula, the ranking, the top-up or the float
 * formatting shows here.
 */
class ExportUnchangedTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"ease", "cosine"})
  void exportOfAFixedModel_isTheReleasedBytes(String similarity) throws Exception {
    // The SQLite store lists customers in id order, the packed store listed them in first-seen
    // order: the lines are compared as a sorted list, each line byte for byte.
    assertEquals(sorted(expected(similarity)), sorted(export(similarity, dir)), similarity);
  }

  private static java.util.List<String> sorted(String lines) {
    return lines.lines().sorted().toList();
  }

  /** 600 customers, 150 SKUs, 12 categories, k = 10: ties, top-ups and unavailable SKUs. */
  static String export(String similarity, Path dir) throws Exception {
    SyntheticEvents events = new SyntheticEvents(600, 150, 12, 10, 11, IdShape.SHORT);
    Path file = dir.resolve("events.jsonl");
    events.writeEvents(file);
    Path catalog = dir.resolve("catalog.jsonl");
    events.writeCatalog(catalog);
    Path store = dir.resolve("store-" + similarity);
    new BuildRunner()
        .run(
            new BuildSettings(
                List.of(file.toString()),
                catalog.toString(),
                "local:" + store,
                FitOptions.defaults()
                    .withK(10)
                    .withSimilarity(Similarities.parse(similarity))
                    .withThreads(2),
                IngestOptions.defaults().withThreads(2),
                null,
                2,
                true,
                null,
                0,
                StoreRetry.DEFAULT,
                // Catalog SKUs without events would get content neighbours (NewProductsTest);
                // the released bytes predate cold start.
                new ColdStart(0, ColdStart.DEFAULT_WEIGHT)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LocalModelStore local = new LocalModelStore(store)) {
      new RecommendationExport(local, 10, 2).writeTo(out);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String expected(String similarity) throws Exception {
    String name = "/export/synthetic-600-" + similarity + ".jsonl";
    try (InputStream in = ExportUnchangedTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
