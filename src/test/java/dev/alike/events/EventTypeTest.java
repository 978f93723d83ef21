package dev.alike.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTypeTest {
  private static final Map<String, EventType> ALIASES =
      Map.ofEntries(
          Map.entry("Browsed", EventType.BROWSE),
          Map.entry("browse", EventType.BROWSE),
          Map.entry("view", EventType.BROWSE),
          Map.entry("view_item", EventType.BROWSE),
          Map.entry("pv", EventType.BROWSE),
          Map.entry("AddedToCart", EventType.CART),
          Map.entry("AddedToBasket", EventType.CART),
          Map.entry("addtocart", EventType.CART),
          Map.entry("add_to_cart", EventType.CART),
          Map.entry("cart", EventType.CART),
          Map.entry("Purchased", EventType.PURCHASE),
          Map.entry("purchase", EventType.PURCHASE),
          Map.entry("transaction", EventType.PURCHASE),
          Map.entry("buy", EventType.PURCHASE));

  @Test
  void everyAlias_parsesInAnyCase_fromString() {
    ALIASES.forEach(
        (name, type) -> {
          for (String variant :
              new String[] {
                name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT), " " + name + " "
              }) {
            assertEquals(type, EventType.parse(variant), variant);
          }
        });
  }

  @Test
  void unknownNames_parseToNull() {
    for (String name :
        new String[] {"fav", "", "views", "purchased!", "añadir", "addedtobasketx"}) {
      assertNull(EventType.parse(name), name);
    }
  }
}
