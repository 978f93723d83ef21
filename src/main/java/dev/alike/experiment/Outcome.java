package dev.alike.experiment;

/**
 * Something a customer did that an answer may have caused: a click, a cart or a purchase of a SKU.
 *
 * @param revenue what a purchase earned (price times quantity), 0 for other kinds
 */
public record Outcome(long atMillis, String customer, String sku, Kind kind, double revenue) {
  /** The kinds of outcome the report counts. */
  public enum Kind {
    CLICK,
    CART,
    PURCHASE
  }
}
