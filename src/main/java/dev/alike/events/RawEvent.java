package dev.alike.events;

import dev.alike.experiment.AttributionToken;

/**
 * The fields of one event as a parser found them, before validation: ids as byte slices of the line
 * (or Strings where there are no line bytes or an id is escaped), the event name resolved to a
 * type, an optional weight and timestamp. Reused for every line of a chunk to avoid allocation.
 */
final class RawEvent {
  byte[] customerBuf;
  int customerOff;
  int customerLen = -1;
  byte customerKind;
  String customer;

  byte[] skuBuf;
  int skuOff;
  int skuLen = -1;
  byte skuKind;
  String sku;

  boolean hasEvent;

  /** The parsed type; null with {@link #hasEvent} means an unknown name. */
  EventType type;

  boolean hasWeight;
  boolean badWeight;
  double weight;

  boolean badTime;
  long time;

  /** {@link OrderKeys} of the order id, {@link dev.alike.model.EventLog#NO_ORDER} when none. */
  long order;

  /**
   * The order id as text, kept only where the parser had no line bytes (real-time batches write it
   * back out); null otherwise, also when {@link #order} is set.
   */
  String orderId;

  /** The line's {@code "batch"} field (real-time events only), or null. */
  String batch;

  /**
   * Units bought ({@code quantity}, a GA4 item's quantity), else 1: the weight is multiplied by it,
   * and a purchase's revenue is its price times it.
   */
  double quantity = 1;

  /**
   * The {@code attribution} value when it is a well-formed {@link AttributionToken}, else null
   * ({@link #badAttribution} says whether there was one).
   */
  String attribution;

  /** Whether the event came with an attribution that was dropped: malformed, too long, no text. */
  boolean badAttribution;

  /** The unit price ({@code price}, a GA4 item's price), NaN when none or bad. */
  double price = Double.NaN;

  /**
   * Whether the price was no number &gt;= 0: only a purchase is rejected for it ({@link
   * ChunkSink#check}), since only a purchase's price is kept.
   */
  boolean badPrice;

  void clear() {
    customerLen = -1;
    customer = null;
    skuLen = -1;
    sku = null;
    hasEvent = false;
    type = null;
    hasWeight = false;
    badWeight = false;
    badTime = false;
    time = dev.alike.model.EventLog.NO_TIME;
    order = dev.alike.model.EventLog.NO_ORDER;
    orderId = null;
    batch = null;
    quantity = 1;
    attribution = null;
    badAttribution = false;
    price = Double.NaN;
    badPrice = false;
  }

  /** Sets the price from a parsed number (NaN for text that is none), flagging a bad one. */
  void price(double v) {
    badPrice = !goodPrice(v);
    price = badPrice ? Double.NaN : v;
  }

  /**
   * Sets the attribution from the event's text: kept when it is a token ({@link
   * AttributionToken#parse}), dropped and flagged otherwise; null or blank text is none (a front
   * end without a token may send an empty one).
   */
  void attribution(String text) {
    attribution = null;
    badAttribution = false;
    if (text == null || text.isBlank()) {
      return;
    }
    if (AttributionToken.parse(text).isPresent()) {
      attribution = text;
    } else {
      badAttribution = true;
    }
  }

  /** Price times quantity, or NaN when the event had no price. */
  double revenue() {
    return price * quantity;
  }

  /** Whether {@code v} is a usable price: finite and &gt;= 0. */
  static boolean goodPrice(double v) {
    return v >= 0 && !Double.isInfinite(v);
  }

  /** Whether {@code v} is a usable quantity: finite and &gt; 0. */
  static boolean goodQuantity(double v) {
    return v > 0 && !Double.isInfinite(v);
  }

  void customer(byte[] b, int off, int len, byte kind) {
    customerBuf = b;
    customerOff = off;
    customerLen = len;
    customerKind = kind;
    customer = null;
  }

  void sku(byte[] b, int off, int len, byte kind) {
    skuBuf = b;
    skuOff = off;
    skuLen = len;
    skuKind = kind;
    sku = null;
  }

  void customer(String id) {
    customer = id;
    customerLen = -1;
  }

  void sku(String id) {
    sku = id;
    skuLen = -1;
  }

  /**
   * The type as {@link dev.alike.model.EventLog#type} stores it: an event name's type wins over an
   * explicit weight, which sets only the weight.
   */
  byte typeCode() {
    return type == null ? dev.alike.model.EventLog.NO_TYPE : type.code();
  }

  boolean hasCustomer() {
    return customer != null || customerLen >= 0;
  }

  boolean hasSku() {
    return sku != null || skuLen >= 0;
  }

  /** Sets the weight from a parsed number, flagging NaN, infinities and values &lt;= 0. */
  void weight(double w) {
    hasWeight = true;
    weight = w;
    badWeight = !(w > 0) || Double.isInfinite(w);
  }

  /** Sets the weight from text (surrounding spaces ignored); text that is no number is bad. */
  void weight(String text) {
    weight(number(text));
  }

  /** The number {@code text} holds (surrounding spaces ignored), NaN when it holds none. */
  static double number(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException ex) {
      return Double.NaN;
    }
  }

  /** Sets the time from text ({@link Timestamps#parse}), flagging text that is no timestamp. */
  void time(String text) {
    try {
      time = Timestamps.parse(text);
    } catch (java.time.DateTimeException ex) {
      badTime = true;
    }
  }

  void event(EventType t) {
    hasEvent = true;
    type = t;
  }
}
