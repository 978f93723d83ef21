package dev.alike.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.experiment.AttributionToken;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Experiments in the placements file: what is read, every error, and how units are assigned. */
class ExperimentsTest {
  private static final Set<String> TYPES = RecommendService.LIST_TYPES;

  /** The contract's example; {@code %s} is the experiment's name, then its extra keys. */
  static final String FILE =
      """
      {"placements": {"home": {"list": "for-you", "n": 12}, "pdp": {"list": "similar"}},
       "experiments": {"%s": {"placements": ["home"],
           "variants": {"holdout": {"share": 0.05, "list": "popular"},
                        "ease":    {"share": 0.475, "similarity": "ease"},
                        "tfidf":   {"share": 0.475, "similarity": "tfidf"}}%s}}}
      """;

  private static Placements parse(String name, String extra) {
    return Placements.parse(FILE.formatted(name, extra), "p.json", TYPES);
  }

  private static String variant(Placements p, String unit) {
    return p.assign(p.get("home").orElseThrow(), unit, null).variant();
  }

  @Test
  void eachVariant_isThePlacementWithItsListAndModel() {
    Placements p = parse("home-models", "");
    Map<String, Placement> seen = new HashMap<>();
    for (int u = 0; seen.size() < 3 && u < 10_000; u++) {
      Placement served = p.assign(p.get("home").orElseThrow(), "c" + u, null);
      seen.put(served.variant(), served);
    }
    assertEquals("popular", seen.get("holdout").list());
    assertEquals("default", seen.get("holdout").model());
    assertEquals("for-you", seen.get("ease").list());
    assertEquals("ease", seen.get("ease").model());
    assertEquals("tfidf", seen.get("tfidf").model());
    assertEquals(12, seen.get("tfidf").n());
    // a placement in no experiment is served as it is
    Placement pdp = p.get("pdp").orElseThrow();
    assertSame(pdp, p.assign(pdp, "c1", null));
    assertEquals("default", pdp.variant());
    assertEquals(Set.of("ease", "tfidf"), p.experiments().similarities());
  }

  @Test
  void assignment_isStableAcrossInstancesAndFollowsTheCustomerElseTheSession() {
    Placements a = parse("home-models", "");
    Placements b = parse("home-models", "");
    Placement home = a.get("home").orElseThrow();
    for (int u = 0; u < 2000; u++) {
      String unit = "customer-" + u;
      assertEquals(variant(a, unit), variant(b, unit), unit);
      // the session counts only without a customer; an empty customer is none
      assertEquals(variant(a, unit), a.assign(home, unit, "other-session").variant());
      assertEquals(variant(a, unit), a.assign(home, "", unit).variant());
      assertEquals(variant(a, unit), a.assign(home, null, unit).variant());
    }
  }

  @Test
  void withoutAUnit_eachRequestIsAssignedAtRandomByTheShares() {
    Placements p = parse("home-models", "");
    Placement home = p.get("home").orElseThrow();
    Map<String, Integer> counts = new HashMap<>();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      counts.merge(p.assign(home, null, "").variant(), 1, Integer::sum);
    }
    assertShare(0.05, counts.get("holdout"), n);
    assertShare(0.475, counts.get("ease"), n);
  }

  @Test
  void sharesHold_within5SigmaOver100kUnits() {
    Placements p = parse("home-models", "");
    Map<String, Integer> counts = new HashMap<>();
    int n = 100_000;
    for (int u = 0; u < n; u++) {
      counts.merge(variant(p, "c" + u), 1, Integer::sum);
    }
    assertShare(0.05, counts.get("holdout"), n);
    assertShare(0.475, counts.get("ease"), n);
    assertShare(0.475, counts.get("tfidf"), n);
  }

  @Test
  void renamingTheExperiment_reshufflesUnitsAsIndependentDrawsWould() {
    Placements a = parse("home-models", "");
    Placements b = parse("home-models-2", "");
    int n = 100_000;
    int moved = 0;
    for (int u = 0; u < n; u++) {
      moved += variant(a, "c" + u).equals(variant(b, "c" + u)) ? 0 : 1;
    }
    // two independent draws differ with probability 1 - sum of squared shares
    double expected = 1 - (0.05 * 0.05 + 2 * 0.475 * 0.475);
    assertShare(expected, moved, n);
  }

  @Test
  void addingAVariantAtTheEnd_movesOnlyTheShareItTakes() {
    String two =
        """
        {"placements": {"home": {"list": "for-you"}},
         "experiments": {"x": {"placements": ["home"], "variants": {
           "a": {"share": 0.5}, "b": {"share": 0.5}}}}}
        """;
    String three =
        """
        {"placements": {"home": {"list": "for-you"}},
         "experiments": {"x": {"placements": ["home"], "variants": {
           "a": {"share": 0.5}, "b": {"share": 0.4}, "c": {"share": 0.1, "list": "popular"}}}}}
        """;
    Placements before = Placements.parse(two, "p.json", TYPES);
    Placements after = Placements.parse(three, "p.json", TYPES);
    int n = 100_000;
    int moved = 0;
    for (int u = 0; u < n; u++) {
      String was = variant(before, "c" + u);
      String is = variant(after, "c" + u);
      if (!was.equals(is)) {
        moved++;
        assertEquals("b", was, "only b gave up traffic");
        assertEquals("c", is, "only c took traffic");
      }
    }
    assertShare(0.1, moved, n);
  }

  @Test
  void stopped_servesThePlacementAsIs_andPromoted_servesOneVariantToEveryone() {
    Placements stopped = parse("home-models", ", \"stopped\": true");
    Placements promoted = parse("home-models", ", \"promote\": \"tfidf\", \"stopped\": false");
    Placement home = stopped.get("home").orElseThrow();
    for (int u = 0; u < 1000; u++) {
      assertSame(home, stopped.assign(home, "c" + u, null));
      Placement p = promoted.assign(promoted.get("home").orElseThrow(), "c" + u, null);
      assertEquals("tfidf", p.variant());
      assertEquals("tfidf", p.model());
    }
    assertEquals(Set.of(), stopped.experiments().similarities());
    assertEquals(Set.of("tfidf"), promoted.experiments().similarities());
    assertTrue(stopped.experiments().all().get(0).stopped());
  }

  @Test
  void errors_nameTheFileExperimentVariantAndField() {
    assertInvalid(
        variants("\"a\": {\"share\": 0.5}, \"b\": {\"share\": 0.4}"),
        "p.json: experiment \"x\": the variants' shares sum to 0.9");
    assertInvalid(
        variants("\"a\": {\"share\": 0}, \"b\": {\"share\": 1}"),
        "p.json: experiment \"x\": variant \"a\": share must be in (0, 1], was 0");
    assertInvalid(
        variants("\"a\": {\"share\": 1, \"list\": \"best\"}"),
        "p.json: experiment \"x\": variant \"a\": unknown list \"best\"");
    assertInvalid(
        variants("\"a\": {\"share\": 1, \"similarity\": \"ease:x\"}"),
        "p.json: experiment \"x\": variant \"a\": similarity: bad parameter \"x\"");
    assertInvalid(
        variants("\"a\": {\"share\": 1, \"weight\": 2}"),
        "p.json: experiment \"x\": variant \"a\": unknown key \"weight\"");
    assertInvalid(
        variants("\"a b\": {\"share\": 1}"),
        "p.json: experiment \"x\": variant \"a b\": the name must match [A-Za-z0-9_-]{1,24}");
    assertInvalid(
        variants("\"default\": {\"share\": 1}"),
        "p.json: experiment \"x\": variant \"default\": \"default\" names answers outside");
    assertInvalid(
        variants("\"a\": {\"share\": 1, \"list\": \"similar\"}"),
        "p.json: experiment \"x\": variant \"a\": list \"similar\" needs the page's sku");
    assertInvalid(
        experiment(
            "\"placements\": [\"home\"], \"variants\": {\"a\": {\"share\": 1}},"
                + " \"promote\": \"b\""),
        "p.json: experiment \"x\": promote names no variant: \"b\"");
    assertInvalid(
        experiment(
            "\"placements\": [\"home\"], \"variants\": {\"a\": {\"share\": 1}},"
                + " \"stopped\": true, \"promote\": \"a\""),
        "p.json: experiment \"x\": both stopped and promote \"a\"");
    assertInvalid(
        experiment("\"placements\": [\"cart\"], \"variants\": {\"a\": {\"share\": 1}}"),
        "p.json: experiment \"x\": no placement \"cart\" (known: [home, pdp])");
    assertInvalid(
        experiment("\"placements\": [], \"variants\": {\"a\": {\"share\": 1}}"),
        "p.json: experiment \"x\": placements is empty");
    assertInvalid(
        experiment("\"placements\": [\"home\"], \"variants\": {}"),
        "p.json: experiment \"x\": variants must hold 1 to 20, has 0");
    assertInvalid(
        experiment(
            "\"placements\": [\"home\"], \"variants\": {\"a\": {\"share\": 1}},"
                + " \"stopped\": \"no\""),
        "p.json: experiment \"x\": stopped must be true or false, was \"no\"");
    assertInvalid(FILE.formatted("x!", ""), "p.json: experiment \"x!\": the name must match");
    assertInvalid("{\"placements\": {}, \"experiment\": {}}", "p.json: unknown key \"experiment\"");
  }

  @Test
  void aPlacementInTwoRunningExperiments_isRefusedNamingBoth_unlessOneIsStopped() {
    String two =
        """
        {"placements": {"home": {"list": "for-you"}},
         "experiments": {
           "first": {"placements": ["home"], "variants": {"a": {"share": 1}}},
           "second": {"placements": ["home"], "variants": {"b": {"share": 1}}%s}}}
        """;
    assertInvalid(
        two.formatted(""),
        "p.json: experiment \"second\": placement \"home\" is already in running experiment"
            + " \"first\"");
    Placements p = Placements.parse(two.formatted(", \"stopped\": true"), "p.json", TYPES);
    assertEquals("a", variant(p, "c1"));
  }

  @Test
  void modelNames_areTheSpecWhenItIsAName_elseItsSafeCharactersAndAStableHash() {
    assertEquals("ease", Experiments.modelName("ease"));
    assertEquals("tfidf", Experiments.modelName(" TFIDF "));
    assertEquals("shrunk-cosine", Experiments.modelName("shrunk-cosine"));
    String hashed = Experiments.modelName("ease:200:300:cosine");
    // a literal: the job of another release stores the model under the same name
    assertEquals("ease_200_300_co-784db339", hashed);
    assertTrue(AttributionToken.NAME.matcher(hashed).matches(), hashed);
    assertNotEquals(hashed, Experiments.modelName("ease:200:300:tfidf"));
    assertEquals(hashed, Experiments.modelName("EASE:200:300:COSINE"));
    assertEquals("default-933b5bde", Experiments.modelName("default"));
    assertEquals("aaaaaaaaaaaaaaa-d511ca94", Experiments.modelName("a".repeat(25)));
  }

  @Test
  void theHash_isFnv1aOfTheUtf8Bytes_finishedByFmix64() {
    for (String unit : List.of("c1", "c2", "", "é", "日本", "\uD83D\uDE00x", "a\uD800b")) {
      long fnv = fnv1a(("exp\0" + unit).getBytes(StandardCharsets.UTF_8));
      double expected = (fmix64(fnv) >>> 11) * 0x1.0p-53;
      assertEquals(expected, Assignment.point("exp", unit), unit);
    }
  }

  /** The textbook FNV-1a, over a byte array. */
  private static long fnv1a(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return h;
  }

  private static long fmix64(long k) {
    k = (k ^ (k >>> 33)) * 0xff51afd7ed558ccdL;
    k = (k ^ (k >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return k ^ (k >>> 33);
  }

  /** {@code count} of {@code n} is within 5 standard deviations of a binomial with {@code p}. */
  private static void assertShare(double p, int count, int n) {
    double sigma = Math.sqrt(n * p * (1 - p));
    assertTrue(
        Math.abs(count - n * p) <= 5 * sigma,
        count + " of " + n + ", expected " + n * p + " +- " + 5 * sigma);
  }

  private static String experiment(String body) {
    return "{\"placements\": {\"home\": {\"list\": \"for-you\"}, \"pdp\": {\"list\":"
        + " \"similar\"}}, \"experiments\": {\"x\": {"
        + body
        + "}}}";
  }

  private static String variants(String variants) {
    return experiment("\"placements\": [\"home\"], \"variants\": {" + variants + "}");
  }

  private static void assertInvalid(String text, String start) {
    Placements.Invalid e =
        assertThrows(Placements.Invalid.class, () -> Placements.parse(text, "p.json", TYPES));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
