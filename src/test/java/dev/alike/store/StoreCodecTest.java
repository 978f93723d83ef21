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

  @Test
  void profileTimesAndPurchases_areWrittenCompactly_andReadBack() {
    Map<String, Double> scores = new java.util.LinkedHashMap<>();
    scores.put("a", 1.0);
    scores.put("b", 2.0);
    scores.put("c", 6.0);
    CustomerProfile p =
        new CustomerProfile(
            "c1",
            scores,
            Map.of("a", 1_762_000_000L, "c", 1_762_000_300L),
            Map.of("c", 1_762_000_300L, "a", CustomerProfile.NO_TIME),
            List.of());
    String json = LocalDocuments.json(StoreCodec.write(p));
    assertTrue(json.contains("\"seen\":[1762000000,0,1762000300]"), json);
    assertTrue(json.contains("\"bought\":[0,0,2,1762000300]"), json);
    assertEquals(p, LocalDocuments.profile("c1", json).orElseThrow());
    CustomerProfile plain = new CustomerProfile("c1", Map.of("a", 1.0));
    Map<String, Object> stored = StoreCodec.write(plain);
    assertTrue(!stored.containsKey("seen") && !stored.containsKey("bought"), stored.toString());
  }

  @Test
  void malformedTimesAndPurchases_areNamed() {
    Object[][] cases = {
      {StoreCodec.SEEN, List.of(1L), "profile has 2 skus but 1 seen"},
      {StoreCodec.SEEN, List.of(1L, -5L), "profile seen 1 is -5, not a whole number >= 0"},
      {StoreCodec.SEEN, List.of(1L, 2.5), "profile seen 1 is 2.5, not a whole number >= 0"},
      {StoreCodec.BOUGHT, List.of(0L), "bought is not a list of index, time pairs"},
      {StoreCodec.BOUGHT, List.of(2L, 5L), "bought index 0 is 2, not a new SKU index"},
      {StoreCodec.BOUGHT, List.of(1L, 5L, 1L, 6L), "bought index 1 is 1, not a new SKU index"},
      {StoreCodec.BOUGHT, List.of(1L, "x"), "profile bought time 0 is x, not a whole number >= 0"},
    };
    for (Object[] c : cases) {
      Map<String, Object> doc =
          Map.of(
              StoreCodec.CUSTOMER,
              "c1",
              StoreCodec.SKUS,
              List.of("a", "b"),
              StoreCodec.SCORES,
              List.of(1.0, 2.0),
              (String) c[0],
              c[1]);
      StoreCodec.Malformed e =
          assertThrows(StoreCodec.Malformed.class, () -> StoreCodec.readProfile(doc));
      assertTrue(e.getMessage().contains((String) c[2]), e.getMessage());
    }
  }

  @Test
  void skuRebuyRate_outsideZeroToOne_isMalformed() {
    for (Object bad : List.of(-0.1, 1.5, Double.NaN, "x")) {
      Map<String, Object> doc =
          new java.util.HashMap<>(
              StoreCodec.write(new SkuDocument("s1", null, Map.of(), List.of(), List.of())));
      doc.put(StoreCodec.REBUY, bad);
      StoreCodec.Malformed e =
          assertThrows(StoreCodec.Malformed.class, () -> StoreCodec.readSku(doc));
      assertTrue(e.getMessage().startsWith("rebuy is " + bad), e.getMessage());
    }
  }
}
