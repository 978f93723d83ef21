package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.store.InMemoryModelStore;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import dev.alike.store.VersionDocuments;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every answer item carries its SKU's catalog category, from the entry it was scored from. */
class ItemCategoryTest {
  @Test
  void everySource_carriesTheCatalogCategory() {
    FunctionFixture f = new FunctionFixture(TestModels.store(2));
    Set<String> sources = new HashSet<>();
    for (String target :
        List.of(
            "/recommendations?customer=u3&n=30",
            "/recommendations?customer=nobody&n=5",
            "/similar?sku=s5&n=15",
            "/similar?sku=unknown&n=5")) {
      JsonArray items = FunctionFixture.json(f.get(target)).getAsJsonArray("items");
      assertFalse(items.isEmpty(), target);
      for (JsonElement e : items) {
        JsonObject item = e.getAsJsonObject();
        String sku = item.get("sku").getAsString();
        assertEquals(TestModels.category(sku, 4), item.get("category").getAsString(), target);
        sources.add(item.get("source").getAsString());
      }
    }
    assertEquals(Set.of("personalized", "similar", "popular"), sources);
  }

  @Test
  void skuWithoutCategory_hasNoCategoryField() {
    ModelStore store = new InMemoryModelStore();
    store.writeVersion(
        new ModelInfo("v1", Instant.now(), 2),
        VersionDocuments.of(
            List.of(
                new SkuDocument(
                    "a", null, Map.of(), List.of(new Neighbor("b", 0.5, null, null)), List.of()),
                new SkuDocument("b", null, Map.of(), List.of(), List.of())),
            List.of(new Neighbor("b", 1, null, null))));
    store.activate("v1", 1);
    FunctionFixture f = new FunctionFixture(store);
    String body = f.get("/similar?sku=a&n=1").body();
    JsonObject item =
        JsonParser.parseString(body)
            .getAsJsonObject()
            .getAsJsonArray("items")
            .get(0)
            .getAsJsonObject();
    assertEquals("b", item.get("sku").getAsString());
    assertFalse(item.has("category"), body);
  }
}
