package dev.alike.events;

/** Why an input line (or one event of a session line) was not turned into an event. */
public enum RejectReason {
  /** Not valid JSON, not a JSON object, a CSV record with a broken quote, a value of wrong type. */
  MALFORMED("malformed"),
  /** No customer, no SKU, or neither an event type nor a weight. */
  MISSING_FIELD("missing_field"),
  /** An event type that is none of the known aliases, and no explicit weight. */
  UNKNOWN_EVENT("unknown_event"),
  /** A customer or SKU id that is empty or only white space. */
  EMPTY_ID("empty_id"),
  /** An explicit weight that is not a number, not finite, or &lt;= 0. */
  BAD_WEIGHT("bad_weight"),
  /** A timestamp that is neither epoch seconds (or milliseconds) nor ISO-8601. */
  BAD_TIMESTAMP("bad_timestamp");

  private final String key;

  RejectReason(String key) {
    this.key = key;
  }

  /** The name used in reports and messages, e.g. {@code unknown_event}. */
  public String key() {
    return key;
  }
}
