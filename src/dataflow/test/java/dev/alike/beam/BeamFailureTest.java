package dev.alike.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.events.IngestOptions;
import dev.alike.events.SyntheticEvents;
import dev.alike.job.BuildSettings;
import dev.alike.model.FitOptions;
import dev.alike.model.Similarities;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import dev.alike.store.Stores;
import dev.alike.store.VersionDocuments;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Beam build that fails part-way leaves the previous version serving; EASE is refused. */
class BeamFailureTest {
  @TempDir Path dir;
  private String store;
  private List<String> events;

  @BeforeEach
  void events() throws Exception {
    Path file = dir.resolve("events.jsonl");
    new SyntheticEvents(400, 60, 6, 6, 3).writeEvents(file);
    events = List.of(file.toString());
    store = "local:" + dir.resolve("store");
  }

  private BuildSettings settings(String similarity) {
    FitOptions fit = FitOptions.defaults().withK(5).withSimilarity(Similarities.parse(similarity));
    return new BuildSettings(events, null, store, fit, IngestOptions.defaults(), null, 2, false);
  }

  /** Opens the real store, whose version write fails after three SKU documents. */
  static ModelStore failingAfterThreeDocuments(String spec) {
    ModelStore real = Stores.open(spec);
    return (ModelStore)
        Proxy.newProxyInstance(
            ModelStore.class.getClassLoader(),
            new Class<?>[] {ModelStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("writeVersion")) {
                VersionDocuments docs = (VersionDocuments) args[1];
                return real.writeVersion(
                    (ModelInfo) args[0],
                    new VersionDocuments() {
                      @Override
                      public int size() {
                        return docs.size();
                      }

                      @Override
                      public SkuDocument document(int index) {
                        if (index >= 3) {
                          throw new IllegalStateException("injected failure after 3 SKU documents");
                        }
                        return docs.document(index);
                      }

                      @Override
                      public int[] indicesInIdOrder() {
                        return docs.indicesInIdOrder();
                      }

                      @Override
                      public List<Neighbor> popular() {
                        return docs.popular();
                      }

                      @Override
                      public List<Neighbor> trending() {
                        return docs.trending();
                      }
                    });
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void failureWhileWritingTheVersion_previousVersionStaysCurrent() {
    BeamRunner runner = new BeamRunner();
    String first =
        runner
            .run(settings("cosine"), PipelineOptionsFactory.create(), StoreOpener.DEFAULT)
            .version();
    StoredModel before = StoredModel.read(store);

    RuntimeException failed =
        assertThrows(
            RuntimeException.class,
            () ->
                runner.run(
                    settings("tfidf"),
                    PipelineOptionsFactory.create(),
                    BeamFailureTest::failingAfterThreeDocuments));
    assertTrue(String.valueOf(failed.getMessage()).contains("injected failure"), failed.toString());

    try (ModelStore s = Stores.open(store)) {
      assertEquals(first, s.current().orElseThrow().version());
      assertEquals(1, s.versions().size(), "the failed version was never finished");
    }
    StoredModel.assertSame(before, StoredModel.read(store), "after the failed build");
  }

  @Test
  void negativeGroupBuckets_areRefusedNamingThem() {
    BeamBuildOptions options = PipelineOptionsFactory.as(BeamBuildOptions.class);
    options.setGroupBuckets(-2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BeamRunner().run(settings("tfidf"), options, StoreOpener.DEFAULT));
    assertTrue(e.getMessage().contains("-2"), e.getMessage());
  }
}
