package dev.alike.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticEventsTest {

  private static String generate(long seed) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SyntheticEvents(2_000, 500, 20, 10, seed).writeEvents(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sameSeed_sameBytes_otherSeed_otherBytes() throws Exception {
    assertArrayEquals(generate(1).getBytes(), generate(1).getBytes());
    assertTrue(!generate(1).equals(generate(2)));
  }

  @Test
  void funnelNarrows_andCategoriesAreRespected() throws Exception {
    SyntheticEvents gen = new SyntheticEvents(2_000, 500, 20, 10, 1);
    Map<String, Integer> byType = new HashMap<>();
    Map<String, Integer> bySku = new HashMap<>();
    String[] lines = generate(1).split("\n");
    for (String line : lines) {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      byType.merge(o.get("event").getAsString(), 1, Integer::sum);
      bySku.merge(o.get("sku").getAsString(), 1, Integer::sum);
      long ts = o.get("ts").getAsLong();
      assertTrue(ts <= SyntheticEvents.END && ts > SyntheticEvents.END - 60L * 86_400);
    }
    double mean = lines.length / 2_000.0;
    assertTrue(mean > 6 && mean < 14, "mean events per customer " + mean);
    assertTrue(byType.get("view") > 4 * byType.get("cart"), byType.toString());
    assertTrue(byType.get("cart") > byType.get("purchase"), byType.toString());
    // Zipf within categories: the first SKU of category 0 is far more popular than its last.
    int firstOfCategory0 = bySku.getOrDefault("s0", 0);
    int lastOfCategory0 = bySku.getOrDefault("s24", 0);
    assertTrue(firstOfCategory0 > 5 * Math.max(1, lastOfCategory0), firstOfCategory0 + "");
    assertEquals(0, gen.categoryOf(0));
    assertEquals(19, gen.categoryOf(499));
  }

  @Test
  void moreCategoriesThanSkus_isRejectedWithTheValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SyntheticEvents(10, 5, 6, 10, 1));
    assertEquals("categories must be in [1, skus=5], was 6", e.getMessage());
  }
}
