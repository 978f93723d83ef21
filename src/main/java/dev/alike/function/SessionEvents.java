package dev.alike.function;

import java.util.Locale;
import java.util.Map;

/**
 * Event names of session interactions ({@code with=sku:event}) and their weights: browse 0.5, cart
 * 2, purchase 6, the design's weights. Names are matched case-insensitively against the aliases
 * that shops' trackers use. To be replaced by {@code dev.alike.events.EventType} once merged.
 */
final class SessionEvents {
  static final double BROWSE = 0.5;
  static final double CART = 2;
  static final double PURCHASE = 6;

  private static final Map<String, Double> WEIGHTS =
      Map.ofEntries(
          Map.entry("browsed", BROWSE),
          Map.entry("browse", BROWSE),
          Map.entry("view", BROWSE),
          Map.entry("view_item", BROWSE),
          Map.entry("pv", BROWSE),
          Map.entry("addedtocart", CART),
          Map.entry("addedtobasket", CART),
          Map.entry("addtocart", CART),
          Map.entry("add_to_cart", CART),
          Map.entry("cart", CART),
          Map.entry("purchased", PURCHASE),
          Map.entry("purchase", PURCHASE),
          Map.entry("transaction", PURCHASE),
          Map.entry("buy", PURCHASE));

  private SessionEvents() {}

  /**
   * The weight of event type {@code name}.
   *
   * @throws IllegalArgumentException naming the value when it is no known alias
   */
  static double weight(String name) {
    Double w = name == null ? null : WEIGHTS.get(name.trim().toLowerCase(Locale.ROOT));
    if (w == null) {
      throw new IllegalArgumentException(
          "unknown event type \"" + name + "\" (use browse, cart or purchase)");
    }
    return w;
  }
}
