package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.alike.serving.CurrentModel;
import dev.alike.serving.Placement;
import dev.alike.serving.Placements;
import dev.alike.serving.RecommendService;
import dev.alike.store.InMemoryModelStore;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment of the placements file served through the function: each variant's answers are its
 * list type's and its model's, and stopping, promoting and a model's first version take effect
 * within the check interval, without a restart.
 */
class ExperimentEndpointTest {
  /** Placements; {@code %s} is the end of experiment "home-models" (stopped, promote). */
  static final String PLACEMENTS =
      """
      {"placements": {
        "home": {"list": "for-you", "n": 6},
        "home-popular": {"list": "popular", "n": 6},
        "pdp": {"list": "similar", "n": 6}}""";

  static final String EXPERIMENTS =
      """
      ,
       "experiments": {
        "home-models": {"placements": ["home"], "variants": {
          "holdout": {"share": 0.2, "list": "popular"},
          "control": {"share": 0.3},
          "tfidf": {"share": 0.3, "similarity": "tfidf"},
          "cos": {"share": 0.2, "similarity": "cosine"}}%s},
        "pdp-holdout": {"placements": ["pdp"], "variants": {
          "holdout": {"share": 0.5, "list": "popular"}, "control": {"share": 0.5}}}}}
      """;

  @TempDir Path dir;
  private Path file;
  private final Map<String, String> pointers = new ConcurrentHashMap<>();
  private FunctionFixture experiment;
  private FunctionFixture plain;
  private FunctionFixture onV2;
  private long edits;

  @BeforeEach
  void setUp() throws IOException {
    InMemoryModelStore store = TestModels.store(1);
    TestModels.write(store, "v2", TestModels.random(2, 300, 120, 3, 12, 10), 4);
    store.activate("v1", 3);
    pointers.put("tfidf", "v2");
    ModelStore models = withModels(store);
    InMemoryModelStore v2 = new InMemoryModelStore();
    TestModels.write(v2, "v2", TestModels.random(2, 300, 120, 3, 12, 10), 4);

    file = dir.resolve("placements.json");
    write("");
    Path plainFile = dir.resolve("plain.json");
    Files.writeString(plainFile, PLACEMENTS + "}");
    experiment = new FunctionFixture(models, Map.of(FunctionConfig.PLACEMENTS, file.toString()));
    plain = new FunctionFixture(models, Map.of(FunctionConfig.PLACEMENTS, plainFile.toString()));
    onV2 = new FunctionFixture(v2, Map.of(FunctionConfig.PLACEMENTS, plainFile.toString()));
  }

  @Test
  void eachVariant_servesItsListTypeAndModel_andTheCustomerStaysInIt() throws IOException {
    Placements same = parsed("");
    Set<String> seen = new HashSet<>();
    for (int u = 0; u < 60; u++) {
      String customer = "u" + u;
      String variant = same.assign(home(same), customer, null).variant();
      seen.add(variant);
      String asked = "/recommendations?customer=" + customer + "&placement=home";
      JsonObject answer = answer(experiment.get(asked));
      assertEquals(expected(variant, asked), items(answer), customer + " in " + variant);
      assertEquals(variant, answer.get("variant").getAsString());
      assertEquals(variant.equals("tfidf") ? "v2" : "v1", answer.get("model").getAsString());
      // the variant whose model has no version yet is answered by the default one, degraded
      assertEquals(variant.equals("cos"), answer.has("degraded"), customer + " in " + variant);
      assertEquals(items(answer), items(answer(experiment.get(asked))), "stays in its variant");
    }
    assertEquals(Set.of("holdout", "control", "tfidf", "cos"), seen);
  }

  @Test
  void anonymousVisitors_areAssignedByTheirSession_onEveryListEndpoint() throws IOException {
    Placements same = parsed("");
    Placement pdp = same.get("pdp").orElseThrow();
    Set<String> seen = new HashSet<>();
    for (int s = 0; s < 30; s++) {
      String session = "session-" + s;
      String variant = same.assign(home(same), null, session).variant();
      JsonObject answer =
          answer(experiment.get("/recommendations?placement=home&session=" + session));
      assertEquals(variant.equals("tfidf") ? "v2" : "v1", answer.get("model").getAsString());
      assertEquals(variant, answer.get("variant").getAsString());
      String pdpVariant = same.assign(pdp, null, session).variant();
      seen.add(pdpVariant);
      String similar = "/similar?sku=s1&placement=pdp&session=" + session;
      assertEquals(
          items(
              answer(
                  plain.get(
                      pdpVariant.equals("holdout")
                          ? "/recommendations?placement=home-popular"
                          : similar.replace("&session=" + session, "")))),
          items(answer(experiment.get(similar))),
          session + " in " + pdpVariant);
      assertEquals(pdpVariant, answer(experiment.get(similar)).get("variant").getAsString());
    }
    assertEquals(Set.of("holdout", "control"), seen);
  }

  @Test
  void stopping_servesThePlacementAsIs_andPromoting_servesEveryoneOneVariant_noRestart()
      throws IOException {
    write(", \"stopped\": true");
    experiment.clock.addAndGet(CurrentModel.REFRESH_NANOS);
    for (int u = 0; u < 30; u++) {
      String asked = "/recommendations?customer=u" + u + "&placement=home";
      JsonObject answer = answer(experiment.get(asked));
      assertEquals(items(answer(plain.get(asked))), items(answer), asked);
      assertEquals("v1", answer.get("model").getAsString());
      assertEquals("default", answer.get("variant").getAsString());
    }
    write(", \"promote\": \"tfidf\"");
    experiment.clock.addAndGet(CurrentModel.REFRESH_NANOS);
    for (int u = 0; u < 30; u++) {
      String asked = "/recommendations?customer=u" + u + "&placement=home";
      JsonObject answer = answer(experiment.get(asked));
      assertEquals(items(answer(onV2.get(asked))), items(answer), asked);
      assertEquals("v2", answer.get("model").getAsString());
      assertEquals("tfidf", answer.get("variant").getAsString());
    }
  }

  @Test
  void aVariantModelsFirstVersion_isServedWithinTheCheckInterval_neverA503Before()
      throws IOException {
    write(", \"promote\": \"cos\"");
    String asked = "/recommendations?customer=u3&placement=home";
    JsonObject before = answer(experiment.get(asked));
    assertEquals("v1", before.get("model").getAsString());
    assertTrue(before.get("degraded").getAsBoolean());
    assertEquals(items(answer(plain.get(asked))), items(before));
    pointers.put("cosine", "v2");
    experiment.clock.addAndGet(CurrentModel.REFRESH_NANOS);
    JsonObject after = answer(experiment.get(asked));
    assertEquals("v2", after.get("model").getAsString());
    assertFalse(after.has("degraded"));
    assertEquals(items(answer(onV2.get(asked))), items(after));
  }

  @Test
  void aBrokenEdit_keepsTheLastGoodExperiments() throws IOException {
    write(", \"promote\": \"tfidf\"");
    String asked = "/recommendations?customer=u3&placement=home";
    assertEquals("v2", answer(experiment.get(asked)).get("model").getAsString());
    write(", \"promote\": \"nobody\"");
    experiment.clock.addAndGet(CurrentModel.REFRESH_NANOS);
    assertEquals("v2", answer(experiment.get(asked)).get("model").getAsString());
    JsonObject health = FunctionFixture.json(experiment.get("/healthz"));
    assertTrue(
        health
            .getAsJsonObject("placements")
            .get("error")
            .getAsString()
            .contains("experiment \"home-models\": promote names no variant: \"nobody\""),
        health.toString());
  }

  @Test
  void aVariantShowingAHistoryList_givesAnonymousVisitorsAnEmptyList() throws IOException {
    Files.writeString(
        file,
        """
        {"placements": {"home": {"list": "for-you"}},
         "experiments": {"x": {"placements": ["home"], "variants": {
           "again": {"share": 1, "list": "buy-again"}}}}}
        """);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L));
    assertEquals("[]", items(answer(experiment.get("/recommendations?placement=home&session=a"))));
    assertEquals(
        items(answer(plain.get("/buy-again?customer=u3&n=10"))),
        items(answer(experiment.get("/recommendations?placement=home&customer=u3"))));
  }

  /** The answer {@code variant} should give to {@code asked}, from the functions without it. */
  private String expected(String variant, String asked) {
    return switch (variant) {
      case "holdout" -> items(answer(plain.get("/recommendations?placement=home-popular")));
      case "tfidf" -> items(answer(onV2.get(asked)));
      default -> items(answer(plain.get(asked)));
    };
  }

  private Placements parsed(String end) {
    return Placements.parse(
        PLACEMENTS + EXPERIMENTS.formatted(end), file.toString(), RecommendService.LIST_TYPES);
  }

  private static Placement home(Placements p) {
    return p.get("home").orElseThrow();
  }

  /** Rewrites the file with a later modification time, so every edit is seen as one. */
  private void write(String end) throws IOException {
    Files.writeString(file, PLACEMENTS + EXPERIMENTS.formatted(end));
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + 1000 * edits++));
  }

  private static JsonObject answer(FakeHttp.Response r) {
    assertEquals(200, r.status, r.body());
    return FunctionFixture.json(r);
  }

  private static String items(JsonObject answer) {
    return answer.getAsJsonArray("items").toString();
  }

  /**
   * The store with a pointer per model name from {@link #pointers} (the default model's is the
   * store's own).
   */
  private ModelStore withModels(InMemoryModelStore store) {
    return (ModelStore)
        Proxy.newProxyInstance(
            ModelStore.class.getClassLoader(),
            new Class<?>[] {ModelStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("current")
                  && args != null
                  && args.length == 1
                  && !args[0].equals("default")) {
                String version = pointers.get((String) args[0]);
                Optional<ModelInfo> info =
                    store.versions().stream().filter(v -> v.version().equals(version)).findFirst();
                return info;
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
