package dev.alike.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventWeightsTest {
  @Test
  void fullSpec_setsAllThree() {
    EventWeights w = EventWeights.parse("browse=1,cart=3.5,purchase=10");
    assertEquals(1, w.of(EventType.BROWSE));
    assertEquals(3.5, w.of(EventType.CART));
    assertEquals(10, w.of(EventType.PURCHASE));
  }

  @Test
  void partialSpec_keepsOtherDefaults_andAcceptsAliases() {
    EventWeights w = EventWeights.parse(" view = 0.25 ");
    assertEquals(0.25, w.browse());
    assertEquals(2, w.cart());
    assertEquals(6, w.purchase());
    assertEquals(EventWeights.DEFAULT, EventWeights.parse(""));
    assertEquals(w, EventWeights.parse(w.toString()));
  }

  @Test
  void clicks_weighAsBrowses_unlessGivenTheirOwnWeight() {
    assertEquals(0.25, EventWeights.parse("browse=0.25").of(EventType.CLICK));
    EventWeights apart = EventWeights.parse("browse=0.25,click=1");
    assertEquals(1, apart.of(EventType.CLICK));
    assertEquals(0.25, apart.of(EventType.BROWSE));
    assertEquals(apart, EventWeights.parse(apart.toString()));
    assertEquals(EventType.CLICK, EventType.parse(" Click "));
  }

  @Test
  void badSpecs_nameTheBadPart() {
    assertTrue(message("browse").contains("\"browse\""));
    assertTrue(message("like=3").contains("\"like\""));
    assertTrue(message("cart=lots").contains("\"lots\""));
    assertTrue(message("cart=0").contains("cart weight must be finite and > 0, was 0.0"));
    assertTrue(message("purchase=NaN").contains("purchase"));
    assertTrue(message("purchase=Infinity").contains("purchase"));
  }

  private static String message(String spec) {
    return assertThrows(IllegalArgumentException.class, () -> EventWeights.parse(spec))
        .getMessage();
  }
}
