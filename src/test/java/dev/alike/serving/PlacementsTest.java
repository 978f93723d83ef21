package dev.alike.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Placements files: what is read, and every error naming file, placement and position. */
class PlacementsTest {
  private static final List<String> TYPES = List.of("for-you", "similar", "trending", "popular");

  static final String HOME =
      """
      {"placements": {
        "home": {"list": "for-you", "n": 12, "filter": "available and price >= 20",
                 "boost": [{"when": "attr.brand = \\"house\\"", "factor": 1.5}],
                 "bury": [{"when": "category = \\"socks\\"", "factor": 0.5}],
                 "pin": [{"sku": "S9", "position": 3}, {"sku": "S1", "position": 1}],
                 "diversity": {"by": "category", "max": 2}},
        "pdp": {"list": "similar"}
      }}
      """;

  @Test
  void aValidFile_readsEveryPart() {
    Placements all = Placements.parse(HOME, "p.json", TYPES);
    assertEquals(List.of("home", "pdp"), List.copyOf(all.names()));
    Placement home = all.get("home").orElseThrow();
    assertEquals("for-you", home.list());
    assertEquals(12, home.n());
    assertEquals("available and price >= 20", home.filter().toString());
    assertEquals(2, home.rules().size());
    assertEquals(0.5, home.rules().get(1).factor());
    assertEquals(List.of(new Placement.Pin("S1", 1), new Placement.Pin("S9", 3)), home.pins());
    assertEquals(new Placement.Diversity("category", 2), home.diversity());
    assertEquals(10, all.get("pdp").orElseThrow().n());
  }

  @Test
  void errors_nameTheFileThePlacementAndThePosition() {
    assertInvalid(
        "{\"placements\": {\"home\": {\"list\": \"for-you\", \"filter\": \"price >= x\"}}}",
        "p.json: placement \"home\": filter: expected a number or a \"string\", found \"x\" at"
            + " position 10");
    assertInvalid(
        "{\"placements\": {\"home\": {\"list\": \"for-you\", \"boost\": [{\"when\": \"available\","
            + " \"factor\": 1}]}}}",
        "p.json: placement \"home\": boost[0].factor: 1.0 is not a boost");
    assertInvalid(
        "{\"placements\": {\"home\": {\"list\": \"for-you\", \"bury\": [{\"when\": \"colour ="
            + " 1\", \"factor\": 0.5}]}}}",
        "p.json: placement \"home\": bury[0].when: unknown field \"colour\"");
    assertInvalid(
        "{\"placements\": {\"home\": {\"list\": \"bought-together\"}}}",
        "p.json: placement \"home\": unknown list \"bought-together\"");
    assertInvalid(
        "{\"placements\": {\"home\": {\"list\": \"for-you\", \"boosts\": []}}}",
        "p.json: placement \"home\": unknown key \"boosts\"");
    assertInvalid(
        "{\"placements\": {\"home\": {\"list\": \"for-you\", \"n\": 0}}}",
        "p.json: placement \"home\": n must be an integer in 1..100, was 0");
    assertInvalid(
        "{\"placements\": {\"home\": {\"list\": \"for-you\", \"pin\": [{\"sku\": \"a\","
            + " \"position\": 2}, {\"sku\": \"b\", \"position\": 2}]}}}",
        "p.json: placement \"home\": two pins at position 2");
    assertInvalid(
        "{\"placements\": {\"home\": {\"list\": \"for-you\", \"diversity\": {\"by\": \"brand\","
            + " \"max\": 2}}}}",
        "p.json: placement \"home\": diversity.by: \"brand\" is not category or attr.NAME");
    assertInvalid(
        "{\"placements\": {\"home\": {\"list\": \"for-you\",}}}", "p.json: not valid JSON");
    assertInvalid("{\"placements\": {}} {}", "p.json: not valid JSON");
    assertInvalid("{\"slots\": {}}", "p.json: unknown key \"slots\"");
  }

  @Test
  void aJsonSyntaxError_namesLineAndColumn() {
    Placements.Invalid e =
        assertThrows(
            Placements.Invalid.class,
            () ->
                Placements.parse(
                    "{\"placements\": {\n  \"home\": {\"list\" \"for-you\"}}}", "p.json", TYPES));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  private static void assertInvalid(String text, String start) {
    Placements.Invalid e =
        assertThrows(Placements.Invalid.class, () -> Placements.parse(text, "p.json", TYPES));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
