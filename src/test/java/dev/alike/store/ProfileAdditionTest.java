package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileAdditionTest {
  @Test
  void addsToStoredScores_andCreatesNewOnes() {
    CustomerProfile old = new CustomerProfile("c", Map.of("a", 1.0));
    assertEquals(
        Map.of("a", 3.0, "b", 0.5),
        ProfileAddition.add(old, "c", SkuEvents.weights(Map.of("a", 2.0, "b", 0.5)), null)
            .scores());
    assertEquals(
        Map.of("b", 0.5),
        ProfileAddition.add(null, "c", SkuEvents.weights(Map.of("b", 0.5)), null).scores());
  }

  @Test
  void overTheCap_keepsTheHighest_tiesBySkuId() {
    Map<String, Double> add = new LinkedHashMap<>();
    add.put("d", 1.0);
    add.put("b", 1.0);
    add.put("a", 5.0);
    add.put("c", 1.0);
    CustomerProfile p = ProfileAddition.add(null, "c", SkuEvents.weights(add), 3, null);
    assertEquals(List.of("a", "b", "c"), List.copyOf(p.scores().keySet()));
  }

  @Test
  void badWeights_areRefusedNamingTheSku() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProfileAddition.add(null, "c", SkuEvents.weights(Map.of("s9", -1.0)), null));
    assertEquals("weight for SKU s9 is -1.0", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ProfileAddition.add(null, "c", SkuEvents.weights(Map.of("s9", Double.NaN)), "u"));
  }

  @Test
  void updateKeys_areRemembered_oldestDroppedOverTheLimit() {
    CustomerProfile p = ProfileAddition.add(null, "c", SkuEvents.weights(Map.of("a", 1.0)), "u0");
    assertTrue(ProfileAddition.holds(p, "u0"));
    assertFalse(ProfileAddition.holds(p, "u1"));
    assertEquals(32, p.updates().get(0).length());
    for (int i = 1; i <= ProfileAddition.MAX_UPDATE_KEYS; i++) {
      p = ProfileAddition.add(p, "c", SkuEvents.weights(Map.of("a", 1.0)), "u" + i);
    }
    assertEquals(ProfileAddition.MAX_UPDATE_KEYS, p.updates().size());
    assertFalse(ProfileAddition.holds(p, "u0"));
    assertTrue(ProfileAddition.holds(p, "u1"));
    assertEquals(ProfileAddition.MAX_UPDATE_KEYS + 1.0, p.scores().get("a"));
  }

  @Test
  void aProfileWithUpdates_hashesDifferently_andRoundTripsThroughTheCodec() {
    CustomerProfile built = new CustomerProfile("c", Map.of("a", 1.0));
    CustomerProfile updated = new CustomerProfile("c", Map.of("a", 1.0), List.of("k1"));
    assertNotEquals(ProfileHash.of(built), ProfileHash.of(updated));
    assertEquals(updated, StoreCodec.readProfile(StoreCodec.write(updated)));
    assertFalse(StoreCodec.write(built).containsKey(StoreCodec.UPDATES));
  }
}
