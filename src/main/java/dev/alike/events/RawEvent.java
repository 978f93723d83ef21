package dev.alike.events;

/**
 * The fields of one event as a parser found them, before validation: the ids, the event name
 * resolved to a type, an optional weight and timestamp. Reused for every line of a chunk.
 */
final class RawEvent {
  String customer;
  String sku;

  boolean hasEvent;

  /** The parsed type; null with {@link #hasEvent} means an unknown name. */
  EventType type;

  boolean hasWeight;
  boolean badWeight;
  double weight;

  boolean badTime;
  long time;

  /** The line's {@code "batch"} field (real-time events only), or null. */
  String batch;

  void clear() {
    customer = null;
    sku = null;
    hasEvent = false;
    type = null;
    hasWeight = false;
    badWeight = false;
    badTime = false;
    time = dev.alike.model.EventLog.NO_TIME;
    batch = null;
  }

  /** Sets the weight from a parsed number, flagging NaN, infinities and values &lt;= 0. */
  void weight(double w) {
    hasWeight = true;
    weight = w;
    badWeight = !(w > 0) || Double.isInfinite(w);
  }

  /** Sets the weight from text (surrounding spaces ignored); text that is no number is bad. */
  void weight(String text) {
    double w;
    try {
      w = Double.parseDouble(text.trim());
    } catch (NumberFormatException ex) {
      w = Double.NaN;
    }
    weight(w);
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
