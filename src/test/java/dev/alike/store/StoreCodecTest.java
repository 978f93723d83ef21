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
  void togetherSupports_writtenOnlyWhenHeld_andMustBeWholeNumbersAtLeastZero() {
    List<Neighbor> together =
        List.of(new Neighbor("b", 0.5, null, null, 7), new Neighbor("c", 0.25, null, null, 2));
    Map<String, Object> written = StoreCodec.writeList(together);
    assertEquals(List.of(7L, 2L), written.get(StoreCodec.SUPPORTS));
    assertEquals(together, StoreCodec.readList(written, "together"));
    assertTrue(
        !StoreCodec.writeList(List.of(new Neighbor("b", 0.5, null, null)))
            .containsKey(StoreCodec.SUPPORTS));
    for (Object bad : new Object[] {-1L, 1.5, "7", 3e9}) {
      Map<String, Object> map = new java.util.HashMap<>(written);
      map.put(StoreCodec.SUPPORTS, java.util.Arrays.asList(7L, bad));
      StoreCodec.Malformed e =
          assertThrows(StoreCodec.Malformed.class, () -> StoreCodec.readList(map, "together"));
      assertEquals("together support 1 is " + bad + ", not a whole number >= 0", e.getMessage());
    }
    Map<String, Object> shorter = new java.util.HashMap<>(written);
    shorter.put(StoreCodec.SUPPORTS, List.of(7L));
    assertThrows(StoreCodec.Malformed.class, () -> StoreCodec.readList(shorter, "together"));
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

  @Test
  void listScores_areWrittenAsTheShortestFloatText_andReadBackAsTheSameFloat() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    List<Neighbor> list = new java.util.ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      float score = Float.intBitsToFloat(random.nextInt(0x0080_0000, 0x7f80_0000)); // > 0, finite
      list.add(new Neighbor("s" + i, score, null, null));
    }
    String json = JsonValues.toJson(StoreCodec.writeList(list), false);
    assertEquals(list, StoreCodec.readList(JsonValues.readObject(json), "similar"));
    assertEquals(
        "{\"skus\":[\"s479\",\"s2\"],\"scores\":[0.23624326,6.0]}",
        JsonValues.toJson(
            StoreCodec.writeList(
                List.of(
                    new Neighbor("s479", 0.23624326288700104, null, null),
                    new Neighbor("s2", 6, null, null))),
            false));
  }

  @Test
  void listEntries_keepTheirCategoryAndAttributes_asParallelArrays() {
    List<Neighbor> list =
        List.of(
            new Neighbor("a", 0.5, null, null),
            new Neighbor("b", 0.25, "hats", Map.of("size", "L", "colour", "red")),
            new Neighbor("c", 0.125, null, Map.of("size", "S")));
    Map<String, Object> stored = StoreCodec.writeList(list);
    assertEquals(
        "{\"skus\":[\"a\",\"b\",\"c\"],\"scores\":[0.5,0.25,0.125],"
            + "\"categories\":[null,\"hats\",null],"
            + "\"attrs\":[1,\"colour\",\"red\",1,\"size\",\"L\",2,\"size\",\"S\"]}",
        JsonValues.toJson(stored, false));
    assertEquals(list, StoreCodec.readList(stored, "similar"));
  }

  @Test
  void listsWrittenBeforeParallelArrays_readBackAsTheSameFloats() {
    Map<String, Object> old =
        JsonValues.readObject(
            "{\"similar\":[{\"sku\":\"s1\",\"score\":0.798028290271759,\"category\":\"c\","
                + "\"attrs\":[\"gender\",\"male\"]},{\"sku\":\"s2\",\"score\":0.5}]}");
    assertEquals(
        List.of(
            new Neighbor("s1", 0.798028290271759f, "c", Map.of("gender", "male")),
            new Neighbor("s2", 0.5, null, null)),
        StoreCodec.readList(old.get("similar"), "similar"));
  }
}
