package dev.alike.experiment;

/**
 * Something a customer did that an answer may have caused: a click, a cart or a purchase of a SKU.
 *
 * @param revenue what a purchase earned (price times quantity), 0 for other kinds
 * @param attribution the answer token the event came with ({@link AttributionToken}), null when it
 *     had none; text that is no token (also what ingestion writes for one it dropped) is malformed
 */
public record Outcome(
    long atMillis, String customer, String sku, Kind kind, double revenue, String attribution) {
  /** The kinds of outcome the report counts. */
  public enum Kind {
    CLICK,
    CART,
    PURCHASE
  }

  /** An outcome without an attribution token (credited by the rule alone). */
  public Outcome(long atMillis, String customer, String sku, Kind kind, double revenue) {
    this(atMillis, customer, sku, kind, revenue, null);
  }
}
