package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a Firestore document read back must look like to be used (else it reads as missing). */
class StoreCodecTest {
  private static Map<String, Object> entry(String sku, double score) {
    return Map.of(StoreCodec.SKU, sku, StoreCodec.SCORE, score);
  }

  @Test
  void similarEntryScores_mustBeFiniteAndPositive_theMessageNamingTheValue() {
    assertEquals(
        List.of(new Neighbor("a", 0.5, null, null)),
        StoreCodec.readList(List.of(entry("a", 0.5)), "similar"));
    for (double bad : new double[] {0.0, -0.25, Double.NaN, Double.POSITIVE_INFINITY}) {
      StoreCodec.Malformed e =
          assertThrows(
              StoreCodec.Malformed.class,
              () -> StoreCodec.readList(List.of(entry("a", 0.5), entry("b", bad)), "similar"));
      assertTrue(e.getMessage().contains("similar entry score is " + bad), e.getMessage());
    }
  }

  @Test
  void reverseEntryScores_mayBeNegative_butMustBeFiniteAndNonZero() {
    assertEquals(
        List.of(new Neighbor("a", 0.5, null, null), new Neighbor("b", -0.25, null, null)),
        StoreCodec.readList(List.of(entry("a", 0.5), entry("b", -0.25)), "reverse"));
    for (double bad : new double[] {0.0, Double.NaN, Double.NEGATIVE_INFINITY}) {
      StoreCodec.Malformed e =
          assertThrows(
              StoreCodec.Malformed.class,
              () -> StoreCodec.readList(List.of(entry("a", 0.5), entry("b", bad)), "reverse"));
      assertTrue(e.getMessage().contains("reverse entry score is " + bad), e.getMessage());
    }
  }

  @Test
  void profileNamingOneSkuTwice_isMalformed() {
    Map<String, Object> ok =
        Map.of(
            StoreCodec.CUSTOMER, "c1",
            StoreCodec.SKUS, List.of("a", "b"),
            StoreCodec.SCORES, List.of(1.0, 2.0));
    assertEquals(Map.of("a", 1.0, "b", 2.0), StoreCodec.readProfile(ok).scores());
    Map<String, Object> twice =
        Map.of(
            StoreCodec.CUSTOMER, "c1",
            StoreCodec.SKUS, List.of("a", "b", "a"),
            StoreCodec.SCORES, List.of(1.0, 2.0, 5.0));
    StoreCodec.Malformed e =
        assertThrows(StoreCodec.Malformed.class, () -> StoreCodec.readProfile(twice));
    assertTrue(e.getMessage().contains("sku 2 twice"), e.getMessage());
  }
}
