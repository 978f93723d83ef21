package dev.alike.events;

import dev.alike.model.EventLog;
import java.util.ArrayList;
import java.util.List;

/**
 * One Google Analytics 4 event as the JSON and Avro readers found it (a row of the BigQuery export,
 * or a Measurement Protocol event), and the rule that turns it into events: one per entry of {@code
 * items}, for the customer {@link Ga4Mapping#customerFields} pick, weighted by what the event name
 * maps to times the item's quantity. Reused row after row.
 *
 * <p>A row is taken or refused whole: {@link #check} names the first problem of any item, so no row
 * is ever half-accepted.
 */
final class Ga4Row {
  /** GA4 timestamps are microseconds since the epoch. */
  private static final long MICROS_PER_SECOND = 1_000_000;

  String eventName;
  String userId;
  String pseudoId;
  String transactionId;
  long time = EventLog.NO_TIME;
  boolean badTime;

  /** Why the row's layout is wrong (a column of the wrong type), or null. */
  String malformed;

  /** What {@link #resolve} found the name maps to; null when skipped or rejected. */
  private Ga4Mapping.Target target;

  /** What {@link #resolve} found wrong, or null. */
  String detail;

  /** Whether an {@code items} column was present (even empty). */
  boolean hasItems;

  private final List<String> itemIds = new ArrayList<>();
  private final List<String> variants = new ArrayList<>();
  private final List<Double> quantities = new ArrayList<>();
  private final List<Double> prices = new ArrayList<>();

  /**
   * Whether the object had an {@code attribution} (top-level, or a Measurement Protocol event's
   * {@code params.attribution}); it applies to every event the object yields, of any shape.
   */
  private boolean hasAttribution;

  /** Its text, null when it was no string. */
  private String attribution;

  void clear() {
    eventName = null;
    userId = null;
    pseudoId = null;
    transactionId = null;
    time = EventLog.NO_TIME;
    badTime = false;
    malformed = null;
    target = null;
    detail = null;
    hasItems = false;
    itemIds.clear();
    variants.clear();
    quantities.clear();
    prices.clear();
    hasAttribution = false;
    attribution = null;
  }

  /** Sets the object's attribution: its text, or null for a value that is no string. */
  void attribution(String text) {
    hasAttribution = true;
    attribution = text;
  }

  /** Gives {@code e} the object's attribution, if it had one. */
  void attributionTo(RawEvent e) {
    if (hasAttribution) {
      e.attribution(attribution);
      e.badAttribution |= attribution == null;
    }
  }

  /** Sets the order id; GA4 writes {@code (not set)} where a purchase had none. */
  void transaction(String id) {
    String t = id == null ? "" : id.trim();
    transactionId = t.isEmpty() || t.equals("(not set)") ? null : t;
  }

  /** Sets the time from {@code event_timestamp} microseconds. */
  void micros(long micros) {
    time = Math.floorDiv(micros, MICROS_PER_SECOND);
  }

  /** As {@link #micros(long)} from text (BigQuery's JSON export writes INT64 as a string). */
  void micros(String text) {
    String t = text.trim();
    try {
      micros(Long.parseLong(t));
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(t); // a float such as 1.7651E15
        badTime = !Double.isFinite(d);
        micros((long) d);
      } catch (NumberFormatException notANumber) {
        badTime = true;
      }
    }
  }

  /**
   * Adds one entry of {@code items}.
   *
   * @param quantity null when absent; GA4 leaves it empty or 0 on views, so values below 1 count as
   *     1, and NaN (not a number) or an infinity makes the row malformed
   * @param price the unit price, null when absent (a bad one is checked as a flat event's)
   */
  void item(String itemId, String variant, Double quantity, Double price) {
    itemIds.add(itemId);
    variants.add(variant);
    quantities.add(quantity);
    prices.add(price);
  }

  /** Events this row yields once {@link #check} passed. */
  int size() {
    return itemIds.size();
  }

  /** The id the mapping picks, or null when every configured column is blank. */
  String customer(Ga4Mapping m) {
    for (String f : m.customerFields()) {
      String id = f.equals("user_id") ? userId : pseudoId;
      if (id != null && !id.isBlank()) {
        return id;
      }
    }
    return null;
  }

  /**
   * Decides the row: rejected (returns why; {@link #detail} says exactly what), skipped by name
   * ({@link #skipped()}), or taken ({@link #size()} events for {@link #fill}). Rejections in the
   * order a reader should fix them: no event name or a column of the wrong type ({@code
   * malformed}), no items, no customer, an item without id ({@code missing_field}), then each
   * item's event as {@link ChunkSink#check} sees it.
   *
   * @param e scratch for checking each item's event
   */
  RejectReason resolve(Ga4Mapping m, RawEvent e) {
    target = null;
    detail = null;
    if (malformed != null) {
      return reject(RejectReason.MALFORMED, malformed);
    }
    if (eventName == null) {
      return reject(RejectReason.MALFORMED, "GA4 event without a name (event_name)");
    }
    target = m.target(eventName);
    if (target == null) {
      return null;
    }
    if (itemIds.isEmpty()) {
      return reject(
          RejectReason.MISSING_FIELD,
          "GA4 " + eventName + " without " + (hasItems ? "an entry in items" : "items"));
    }
    if (customer(m) == null) {
      return reject(
          RejectReason.MISSING_FIELD,
          "GA4 " + eventName + " without " + String.join(" or ", m.customerFields()));
    }
    for (int i = 0; i < size(); i++) {
      if (itemIds.get(i) == null) {
        return reject(RejectReason.MISSING_FIELD, "items[" + i + "] has no item_id");
      }
      Double q = quantities.get(i);
      if (q != null && !Double.isFinite(q)) {
        return reject(RejectReason.MALFORMED, "items[" + i + "].quantity is not a finite number");
      }
      fill(i, m, e);
      RejectReason r = ChunkSink.check(e);
      if (r != null) {
        return reject(r, "items[" + i + "]");
      }
    }
    return null;
  }

  /** Whether {@link #resolve} found a name the mapping does not take. */
  boolean skipped() {
    return target == null && detail == null;
  }

  private RejectReason reject(RejectReason r, String what) {
    detail = what;
    return r;
  }

  /** Fills {@code e} with the event of item {@code i}. */
  void fill(int i, Ga4Mapping m, RawEvent e) {
    String batch = e.batch;
    e.clear();
    e.batch = batch;
    e.customer(customer(m));
    String variant = variants.get(i);
    String sep = m.variantSeparator();
    e.sku(
        sep != null && variant != null && !variant.isEmpty()
            ? itemIds.get(i) + sep + variant
            : itemIds.get(i));
    if (target.type() != null) {
      e.event(target.type());
    } else {
      e.weight(target.weight());
    }
    Double q = quantities.get(i);
    e.quantity = q == null || q < 1 ? 1 : q;
    Double price = prices.get(i);
    if (price != null) {
      e.price(price);
    }
    attributionTo(e);
    e.time = time;
    e.badTime = badTime;
    e.order = transactionId == null ? EventLog.NO_ORDER : OrderKeys.of(transactionId);
    e.orderId = transactionId;
  }
}
