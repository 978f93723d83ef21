package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        ProfileAddition.add(old, "c", Map.of("a", 2.0, "b", 0.5)).scores());
    assertEquals(Map.of("b", 0.5), ProfileAddition.add(null, "c", Map.of("b", 0.5)).scores());
  }

  @Test
  void overTheCap_keepsTheHighest_tiesBySkuId() {
    Map<String, Double> add = new LinkedHashMap<>();
    add.put("d", 1.0);
    add.put("b", 1.0);
    add.put("a", 5.0);
    add.put("c", 1.0);
    CustomerProfile p = ProfileAddition.add(null, "c", add, 3);
    assertEquals(List.of("a", "b", "c"), List.copyOf(p.scores().keySet()));
  }

  @Test
  void badWeights_areRefusedNamingTheSku() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProfileAddition.add(null, "c", Map.of("s9", -1.0)));
    assertEquals("weight for SKU s9 is -1.0", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ProfileAddition.add(null, "c", Map.of("s9", Double.NaN)));
  }
}
