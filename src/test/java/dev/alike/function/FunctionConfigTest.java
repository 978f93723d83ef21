package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.events.EventWeights;
import dev.alike.store.Stores;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionConfigTest {
  @Test
  void emptyEnvironment_givesDocumentedDefaults() {
    FunctionConfig c = FunctionConfig.from(Map.of());
    assertEquals("local:alike-data", c.store());
    assertEquals(List.of(), c.allowedOrigins());
    assertEquals(false, c.demo());
    assertEquals(FunctionConfig.DEFAULT_CACHE_SKUS, c.cacheSkus());
    assertEquals(300, c.similarMaxAgeSeconds());
  }

  @Test
  void variables_areRead() {
    FunctionConfig c =
        FunctionConfig.from(
            Map.of(
                "ALIKE_STORE", "firestore:recs",
                "ALIKE_ALLOWED_ORIGINS", " https://a.example ,,https://b.example",
                "ALIKE_DEMO", "TRUE",
                "ALIKE_CACHE_SKUS", "5",
                "ALIKE_SIMILAR_MAX_AGE", "60"));
    assertEquals("firestore:recs", c.store());
    assertEquals(List.of("https://a.example", "https://b.example"), c.allowedOrigins());
    assertTrue(c.demo());
    assertEquals(5, c.cacheSkus());
    assertEquals(60, c.similarMaxAgeSeconds());
  }

  @Test
  void badValues_nameTheVariableAndValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FunctionConfig.from(Map.of("ALIKE_CACHE_SKUS", "lots")));
    assertTrue(e.getMessage().contains("ALIKE_CACHE_SKUS") && e.getMessage().contains("lots"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FunctionConfig.from(Map.of("ALIKE_DEMO", "maybe")));
    assertTrue(e.getMessage().contains("ALIKE_DEMO"));
    assertThrows(
        IllegalArgumentException.class,
        () -> FunctionConfig.from(Map.of("ALIKE_SIMILAR_MAX_AGE", "-1")));
  }

  @Test
  void storeSpecs_parsedOrRejectedWithTheValue() {
    assertEquals(new Stores.Spec("local", "/data/m"), Stores.Spec.parse("local:/data/m"));
    assertEquals(new Stores.Spec("firestore", "(default)"), Stores.Spec.parse("firestore"));
    assertEquals(new Stores.Spec("firestore", "recs"), Stores.Spec.parse("firestore:recs"));
    for (String bad : List.of("local:", "s3://x", "firestore:", "")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Stores.Spec.parse(bad));
      assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
    }
  }

  @Test
  void sessionEvents_aliasesCaseInsensitive_unknownRejected() {
    EventWeights w = EventWeights.DEFAULT;
    assertEquals(
        Map.of("a", 0.5, "b", 2.0, "c", 6.0),
        QueryParser.recommendation(
                Map.of("with", List.of("a:View_Item,b:AddedToBasket,c:TRANSACTION")), w)
            .query()
            .session());
    BadRequest e =
        assertThrows(
            BadRequest.class,
            () -> QueryParser.recommendation(Map.of("with", List.of("a:wishlist")), w));
    assertTrue(e.getMessage().contains("wishlist"));
    assertEquals("with", e.field());
  }
}
