package dev.alike.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentsTest {
  @Test
  void modelName_keepsASpecThatIsAName_ignoringCaseAndSpaces() {
    assertEquals("tfidf", Experiments.modelName("tfidf"));
    assertEquals("ease", Experiments.modelName(" EASE "));
  }

  @Test
  void modelName_ofOtherSpecs_isAValidNameDistinctPerSpec() {
    List<String> specs =
        List.of(
            "ease:500:100",
            "ease:500:101",
            "bm25:1.2:0.75",
            "cosine+support:3",
            "shrunk-cosine:100-with-a-long-tail",
            "default");
    List<String> names = specs.stream().map(Experiments::modelName).toList();
    for (String name : names) {
      assertTrue(AttributionToken.NAME.matcher(name).matches(), name);
    }
    assertEquals(names.size(), names.stream().distinct().count(), names.toString());
    assertNotEquals("default", Experiments.modelName("default"));
    assertEquals(Experiments.modelName("ease:500:100"), Experiments.modelName("EASE:500:100"));
    assertTrue(Experiments.modelName("ease:500:100").startsWith("ease_500_100-"));
  }

  @Test
  void modelName_refusesABlankSpec() {
    assertThrows(IllegalArgumentException.class, () -> Experiments.modelName(" "));
  }

  @Test
  void similarities_areTheDistinctVariantSpecsInFileOrder() {
    String file =
        """
        {"placements": {"home": {"list": "for-you"}, "pdp": {"list": "similar"}},
         "experiments": {
           "a": {"placements": ["home"], "variants": {
             "holdout": {"share": 0.1, "list": "popular"},
             "t": {"share": 0.45, "similarity": "tfidf"},
             "e": {"share": 0.45, "similarity": "ease"}}},
           "b": {"placements": ["pdp"], "variants": {
             "t2": {"share": 0.5, "similarity": "tfidf"},
             "j": {"share": 0.5, "similarity": "jaccard"}}}}}
        """;
    assertEquals(List.of("tfidf", "ease", "jaccard"), Experiments.similarities(file, "p.json"));
    assertEquals(List.of(), Experiments.similarities("{\"placements\": {}}", "p.json"));
  }

  @Test
  void similarities_ofStoppedExperimentsAreNone_andOfAPromotedOneOnlyThePromotedVariants() {
    String file =
        """
        {"experiments": {
           "a": {"stopped": true, "variants": {"t": {"similarity": "tfidf"}}},
           "b": {"promote": "j", "variants": {
             "e": {"similarity": "ease"}, "j": {"similarity": "jaccard"}}},
           "c": {"stopped": false, "promote": null, "variants": {"c": {"similarity": "cosine"}}}}}
        """;
    assertEquals(List.of("jaccard", "cosine"), Experiments.similarities(file, "p.json"));
  }

  @Test
  void similarities_ofAMalformedFile_nameTheFileAndField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Experiments.similarities(
                    "{\"experiments\": {\"a\": {\"variants\": {\"v\": {\"similarity\": 3}}}}}",
                    "p.json"));
    assertEquals(
        "p.json: experiment \"a\": variant \"v\": similarity is not a string: 3", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Experiments.similarities("{", "p.json"));
  }
}
