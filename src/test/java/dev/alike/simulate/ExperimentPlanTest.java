package dev.alike.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentPlanTest {
  @Test
  void json_holdsThePlacementAndAnExperiment_whoseSharesSumToOne() {
    ExperimentPlan plan =
        new ExperimentPlan(
            "home", "for-you", 10, 0.1, ExperimentPlan.variants(List.of("ease", "cheap=cosine")));

    JsonObject root = JsonParser.parseString(plan.json()).getAsJsonObject();

    JsonObject home = root.getAsJsonObject("placements").getAsJsonObject("home");
    assertEquals("for-you", home.get("list").getAsString());
    assertEquals(10, home.get("n").getAsInt());
    JsonObject experiment =
        root.getAsJsonObject("experiments").getAsJsonObject(ExperimentPlan.EXPERIMENT);
    assertEquals("home", experiment.getAsJsonArray("placements").get(0).getAsString());
    JsonObject variants = experiment.getAsJsonObject("variants");
    assertEquals(List.of("holdout", "ease", "cheap"), List.copyOf(variants.keySet()));
    assertEquals("popular", variants.getAsJsonObject("holdout").get("list").getAsString());
    assertEquals("ease", variants.getAsJsonObject("ease").get("similarity").getAsString());
    assertEquals("cosine", variants.getAsJsonObject("cheap").get("similarity").getAsString());
    double sum = 0;
    for (String v : variants.keySet()) {
      sum += variants.getAsJsonObject(v).get("share").getAsDouble();
    }
    assertEquals(1, sum, 1e-9);
    assertEquals(0.45, variants.getAsJsonObject("ease").get("share").getAsDouble(), 1e-12);
    assertTrue(experiment.get("promote").isJsonNull());
  }

  @Test
  void variants_nameASpecByItselfOrBeforeAnEqualsSign() {
    assertEquals(
        Map.of("ease", "ease", "strict", "cosine+support:2"),
        ExperimentPlan.variants(List.of("ease", "strict=cosine+support:2")));
  }

  @Test
  void aSpecThatIsNoVariantName_mustBeNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ExperimentPlan(
                    "home", "for-you", 10, 0.1, ExperimentPlan.variants(List.of("ease:100"))));
    assertTrue(e.getMessage().startsWith("variant name \"ease:100\" must match"), e.getMessage());
  }

  @Test
  void aVariantCalledHoldout_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExperimentPlan("home", "for-you", 10, 0.1, Map.of("holdout", "ease")));
  }
}
