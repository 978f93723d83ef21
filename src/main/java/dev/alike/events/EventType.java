package dev.alike.events;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kinds of shop events and the names shops emit for them, matched case-insensitively after
 * trimming spaces: browse = Browsed, browse, view, view_item, pv; cart = AddedToCart,
 * AddedToBasket, addtocart, add_to_cart, cart; purchase = Purchased, purchase, transaction, buy;
 * click = click (a click on a recommended item: a browse for the models unless weighted apart, and
 * what the experiment report counts as a click).
 */
public enum EventType {
  BROWSE("browsed", "browse", "view", "view_item", "pv"),
  CART("addedtocart", "addedtobasket", "addtocart", "add_to_cart", "cart"),
  PURCHASE("purchased", "purchase", "transaction", "buy"),
  CLICK("click");

  private static final Map<String, EventType> BY_ALIAS = new HashMap<>();

  static {
    for (EventType type : values()) {
      for (String alias : type.aliases) {
        BY_ALIAS.put(alias, type);
      }
    }
  }

  private final List<String> aliases;

  EventType(String... aliases) {
    this.aliases = List.of(aliases);
  }

  /** The lower-case names accepted for this type. */
  public List<String> aliases() {
    return aliases;
  }

  /** This type as {@link dev.alike.model.EventLog#type} stores it: its ordinal. */
  public byte code() {
    return (byte) ordinal();
  }

  /**
   * The type {@link dev.alike.model.EventLog#type} stored as {@code code}, or null for {@link
   * dev.alike.model.EventLog#NO_TYPE} (an event given by weight).
   */
  public static EventType of(byte code) {
    return code < 0 ? null : values()[code];
  }

  /** The type named by {@code name} (any case, surrounding spaces ignored), or null if unknown. */
  public static EventType parse(String name) {
    return name == null ? null : BY_ALIAS.get(name.trim().toLowerCase(Locale.ROOT));
  }
}
