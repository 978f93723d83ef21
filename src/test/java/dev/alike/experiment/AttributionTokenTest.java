package dev.alike.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributionTokenTest {
  @Test
  void longestNamesStayWithinTheLimitAndRoundTrip() {
    AttributionToken token = AttributionToken.mint("n".repeat(24), "v".repeat(24), "x".repeat(32));
    String text = token.toString();
    assertTrue(text.length() <= AttributionToken.MAX_LENGTH, text);
    assertTrue(text.matches("[A-Za-z0-9_.-]+"), text);
    assertEquals(Optional.of(token), AttributionToken.parse(text));
  }

  @Test
  void missingPlacementAndVersionAreDashes() {
    AttributionToken token = AttributionToken.mint(null, "default", null);
    assertTrue(token.toString().endsWith(".-.default.-"), token.toString());
    assertEquals(Optional.of(token), AttributionToken.parse(token.toString()));
  }

  @Test
  void requestIdsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(seen.add(AttributionToken.mint("home", "ease", "v1").request()));
    }
  }

  @Test
  void malformedTextIsNoToken() {
    for (String bad :
        new String[] {
          null,
          "",
          "abc.home.ease.v1",
          "AAAAAAAAAAAA.home.ease",
          "AAAAAAAAAAAA.home.ease.v1.x",
          "AAAAAAAAAAAA.ho me.ease.v1",
          "AAAAAAAAAAAA.home..v1",
          "AAAAAAAAAAAA.home.ease." + "v".repeat(90)
        }) {
      assertEquals(Optional.empty(), AttributionToken.parse(bad), bad);
    }
    assertEquals(
        Optional.of(new AttributionToken("AAAAAAAAAAAA", "home", "ease", "v1")),
        AttributionToken.parse("AAAAAAAAAAAA.home.ease.v1"));
  }

  @Test
  void aNameOutsideTheFormatIsRefusedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AttributionToken.mint("home page", "ease", "v1"));
    assertTrue(e.getMessage().contains("placement \"home page\""), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> AttributionToken.mint("home", "é", "v1"));
    assertTrue(e.getMessage().contains("variant \"é\""), e.getMessage());
  }
}
