package dev.alike.events;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The three kinds of shop events and the names shops emit for them, matched case-insensitively
 * after trimming spaces: browse = Browsed, browse, view, view_item, pv; cart = AddedToCart,
 * AddedToBasket, addtocart, add_to_cart, cart; purchase = Purchased, purchase, transaction, buy.
 */
public enum EventType {
  BROWSE("browsed", "browse", "view", "view_item", "pv"),
  CART("addedtocart", "addedtobasket", "addtocart", "add_to_cart", "cart"),
  PURCHASE("purchased", "purchase", "transaction", "buy");

  private static final Map<String, EventType> BY_ALIAS = new HashMap<>();
  private static final int MAX_ALIAS_LENGTH = 13;

  /** Lower-case aliases grouped by byte length, so the byte matcher compares few candidates. */
  private static final byte[][][] ALIASES_BY_LENGTH = new byte[MAX_ALIAS_LENGTH + 1][][];

  private static final EventType[][] TYPES_BY_LENGTH = new EventType[MAX_ALIAS_LENGTH + 1][];

  static {
    for (int len = 0; len <= MAX_ALIAS_LENGTH; len++) {
      ALIASES_BY_LENGTH[len] = new byte[0][];
      TYPES_BY_LENGTH[len] = new EventType[0];
    }
    for (EventType type : values()) {
      for (String alias : type.aliases) {
        BY_ALIAS.put(alias, type);
        int len = alias.length();
        int n = ALIASES_BY_LENGTH[len].length;
        ALIASES_BY_LENGTH[len] = java.util.Arrays.copyOf(ALIASES_BY_LENGTH[len], n + 1);
        TYPES_BY_LENGTH[len] = java.util.Arrays.copyOf(TYPES_BY_LENGTH[len], n + 1);
        ALIASES_BY_LENGTH[len][n] = alias.getBytes(StandardCharsets.US_ASCII);
        TYPES_BY_LENGTH[len][n] = type;
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

  /** The type named by {@code name} (any case, surrounding spaces ignored), or null if unknown. */
  public static EventType parse(String name) {
    return name == null ? null : BY_ALIAS.get(name.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * The type named by the bytes {@code [off, off+len)} (ASCII, any case, surrounding spaces
   * ignored), or null if unknown. Allocates nothing: this runs once per parsed line.
   */
  static EventType parse(byte[] b, int off, int len) {
    while (len > 0 && b[off] == ' ') {
      off++;
      len--;
    }
    while (len > 0 && b[off + len - 1] == ' ') {
      len--;
    }
    if (len > MAX_ALIAS_LENGTH) {
      return null;
    }
    byte[][] candidates = ALIASES_BY_LENGTH[len];
    for (int c = 0; c < candidates.length; c++) {
      if (equalsLowerAscii(candidates[c], b, off)) {
        return TYPES_BY_LENGTH[len][c];
      }
    }
    return null;
  }

  private static boolean equalsLowerAscii(byte[] lower, byte[] b, int off) {
    for (int i = 0; i < lower.length; i++) {
      int x = b[off + i];
      if (x >= 'A' && x <= 'Z') {
        x += 'a' - 'A';
      }
      if (x != lower[i]) {
        return false;
      }
    }
    return true;
  }
}
