package dev.alike.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one JSON event reader (Jackson's streaming {@link JsonParser}). Each object is recognised by
 * its fields as exactly one of:
 *
 * <ul>
 *   <li>a flat event {@code {"customer", "sku", "event"|"weight", "ts"?, "order"?, "price"?,
 *       "quantity"?}} (other scalar fields ignored);
 *   <li>a session object {@code {"<customer>": [{"<sku>": "<event>"|weight, ...}, ...]}}, every
 *       value an event name, a weight or null; streaming keeps every repeated SKU key as its own
 *       event, in order;
 *   <li>a Google Analytics 4 event: a row of the BigQuery export ({@code event_name}, {@code
 *       event_timestamp}, {@code user_id}, {@code user_pseudo_id}, {@code items}, {@code
 *       ecommerce.transaction_id}) or, in a {@link #measurementProtocol} batch, an event {@code
 *       {"name", "params": {"items", "transaction_id"}}}; read into a {@link Ga4Row}.
 * </ul>
 *
 * Any of them may carry an {@code attribution} ({@link #ATTRIBUTION}) that applies to all its
 * events and never decides the shape. An object of none of these shapes, or mixing them, is
 * rejected whole as {@code malformed} with what was wrong ({@link #detail()}), never half-accepted.
 * One instance per parser thread; it holds the {@link RawEvent} reused for every object. Used for
 * JSON Lines, JSON arrays and real-time batches.
 */
final class JsonObjects {
  /**
   * Shared by every parser: its field-name table is what lets known keys be matched unallocated.
   */
  static final JsonFactory JSON = new JsonFactory();

  /** The field {@link EventBatch#toJsonLines} adds to each line: the id of its real-time batch. */
  static final String BATCH = "batch";

  /**
   * The per-event answer token an event may carry, in any shape ({@link RawEvent#attribution}); a
   * Measurement Protocol event's is in its {@code params}.
   */
  static final String ATTRIBUTION = "attribution";

  /** Unknown field names kept to say what an unrecognised object held. */
  private static final int NAMES_SHOWN = 6;

  /** What {@link #read} found. */
  enum Shape {
    /** A flat event, in {@link #event()}. */
    FLAT,
    /** A session object: {@link #count} events. */
    SESSION,
    /** A GA4 event whose name the mapping takes: one event per item, all checked. */
    GA4,
    /** A GA4 event whose name the mapping does not take: {@link #skippedName()}. */
    SKIPPED,
    /** Not taken: {@link #reason()}, {@link #detail()}. */
    REJECTED
  }

  /** One session event before validation: an event type, a weight, or neither (a null value). */
  private record SessionEvent(String customer, String sku, EventType type, Double weight) {}

  private final Ga4Mapping ga4;
  private final RawEvent event = new RawEvent();
  private final List<SessionEvent> session = new ArrayList<>();
  private final Ga4Row row = new Ga4Row();
  private final List<String> unknownNames = new ArrayList<>();
  private RejectReason reason;
  private String detail;

  /** What {@link #flatField} found wrong with a value of the right type, or null. */
  private String badValue;

  /** Whether the last object had the fields of exactly one known shape (even if rejected). */
  private boolean recognised;

  /** Set for a Measurement Protocol batch: the ids and time its events share. */
  private boolean measurementProtocol;

  private String mpUserId;
  private String mpClientId;
  private String mpMicros;

  JsonObjects(Ga4Mapping ga4) {
    this.ga4 = ga4;
  }

  /**
   * Reads the following objects as events of a Measurement Protocol request: {@code name} and
   * {@code params} are a GA4 event's, and its customer and time are the request's.
   *
   * @param userId the request's {@code user_id} (GA4's {@code user_id}), or null
   * @param clientId its {@code client_id} (GA4's {@code user_pseudo_id}), or null
   * @param micros its {@code timestamp_micros} as text, or null
   */
  void measurementProtocol(String userId, String clientId, String micros) {
    measurementProtocol = true;
    mpUserId = userId;
    mpClientId = clientId;
    mpMicros = micros;
  }

  /** The event of a {@link Shape#FLAT} object, or the one {@link #fill} made. */
  RawEvent event() {
    return event;
  }

  RejectReason reason() {
    return reason;
  }

  /** What exactly made {@link #read} return {@link Shape#REJECTED}, or null. */
  String detail() {
    return detail;
  }

  /**
   * Whether the last object {@link #read} had the fields of exactly one known shape, even if one of
   * them was wrong: false for an object of unknown layout, one mixing shapes, and a non-object.
   */
  boolean recognised() {
    return recognised;
  }

  /** The event name of a {@link Shape#SKIPPED} object. */
  String skippedName() {
    return row.eventName;
  }

  /** How many events an object of {@code shape} yields. */
  int count(Shape shape) {
    return switch (shape) {
      case FLAT -> 1;
      case SESSION -> session.size();
      case GA4 -> row.size();
      case SKIPPED, REJECTED -> 0;
    };
  }

  /** The {@code i}-th event of the object (for a flat one, {@link #event()} as read). */
  RawEvent fill(Shape shape, int i) {
    if (shape == Shape.SESSION) {
      SessionEvent s = session.get(i);
      event.clear();
      event.customer(s.customer);
      event.sku(s.sku);
      if (s.weight != null) {
        event.weight(s.weight);
      } else if (s.type != null) {
        event.event(s.type);
      }
      row.attributionTo(event);
    } else if (shape == Shape.GA4) {
      row.fill(i, ga4, event);
    }
    return event;
  }

  /** Offers what {@link #read} found to {@code sink}, at the line it was last told. */
  void commit(Shape shape, ChunkSink sink) {
    switch (shape) {
      case REJECTED -> sink.reject(reason, detail);
      case SKIPPED -> sink.skip(row.eventName);
      default -> {
        for (int i = 0, n = count(shape); i < n; i++) {
          sink.offer(fill(shape, i));
        }
      }
    }
  }

  /**
   * Reads the object whose first token is the parser's current one, through its end, without
   * committing anything, so a syntax error found later (trailing garbage) can still reject it.
   *
   * <p>With {@code src}, the bytes a non-blocking parser was fed, string ids of flat events without
   * escapes are left in the event as slices of {@code src} (found from the token's byte locations:
   * the parser's location of a string token is just after its opening quote), so the chunk's id
   * table finds a known id without a String being made; other ids are Strings.
   *
   * @param base the index in {@code src} of the parser's byte offset 0
   * @throws IOException on JSON syntax errors and on input that ends inside the object
   */
  Shape read(JsonParser p, byte[] src, long base) throws IOException {
    event.clear();
    session.clear();
    row.clear();
    unknownNames.clear();
    reason = null;
    detail = null;
    recognised = false;
    if (measurementProtocol) {
      row.userId = mpUserId;
      row.pseudoId = mpClientId;
      if (mpMicros != null) {
        row.micros(mpMicros);
      }
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      JsonToken t = p.currentToken();
      p.skipChildren();
      return reject(RejectReason.MALFORMED, "not a JSON object but " + kind(t));
    }
    boolean flat = false;
    boolean sessions = false;
    boolean ga4Columns = false;
    String wrong = null;
    while (next(p) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = next(p);
      String key = known(name) ? name : name.toLowerCase(Locale.ROOT);
      if (key.equals(ATTRIBUTION)) {
        attribution(p, t); // any shape's: never decides the shape, never rejects
      } else if (known(key) && t != JsonToken.START_ARRAY) {
        flat = true;
        badValue = null;
        if (!flatField(p, key, t, src, base) && wrong == null) {
          wrong = badValue != null ? badValue : "\"" + name + "\" is " + kind(t);
        }
      } else if (Ga4Json.column(key, measurementProtocol)) {
        ga4Columns = true;
        String bad = Ga4Json.field(p, key, t, row);
        wrong = wrong == null ? bad : wrong;
      } else if (t == JsonToken.START_ARRAY) {
        sessions = true;
        String bad = readSessions(p, name);
        wrong = wrong == null ? bad : wrong;
      } else if (key.equals(BATCH) && t == JsonToken.VALUE_STRING) {
        event.batch = p.getText(); // not an event field: the real-time batch the line came in
      } else {
        p.skipChildren();
        if (unknownNames.size() <= NAMES_SHOWN) {
          unknownNames.add(name);
        }
      }
    }
    Shape shape = shape(flat, sessions, ga4Columns, wrong);
    if (shape == Shape.FLAT) {
      row.attributionTo(event);
    }
    return shape;
  }

  /** Reads the object's {@code attribution} into the row that holds it for every shape. */
  private void attribution(JsonParser p, JsonToken t) throws IOException {
    p.skipChildren();
    if (t != JsonToken.VALUE_NULL) {
      row.attribution(t == JsonToken.VALUE_STRING ? p.getText() : null);
    }
  }

  private Shape shape(boolean flat, boolean sessions, boolean ga4Columns, String wrong) {
    recognised = (flat ? 1 : 0) + (sessions ? 1 : 0) + (ga4Columns ? 1 : 0) == 1;
    if ((flat ? 1 : 0) + (sessions ? 1 : 0) + (ga4Columns ? 1 : 0) > 1) {
      List<String> kinds = new ArrayList<>();
      if (flat) {
        kinds.add("a flat event (customer, sku, event, weight, ts)");
      }
      if (sessions) {
        kinds.add("a session (an array value)");
      }
      if (ga4Columns) {
        kinds.add("a GA4 event (event_name, items, ...)");
      }
      return reject(RejectReason.MALFORMED, "mixes the fields of " + String.join(" and ", kinds));
    }
    if (wrong != null) {
      return reject(RejectReason.MALFORMED, wrong);
    }
    if (flat) {
      return Shape.FLAT;
    }
    if (sessions) {
      return Shape.SESSION;
    }
    if (ga4Columns) {
      return ga4Event();
    }
    if (unknownNames.isEmpty()) {
      return reject(RejectReason.MALFORMED, "an empty object");
    }
    String names =
        unknownNames.size() > NAMES_SHOWN
            ? String.join(", ", unknownNames.subList(0, NAMES_SHOWN)) + ", ..."
            : String.join(", ", unknownNames);
    return reject(RejectReason.MALFORMED, "no field of a known format, only " + names);
  }

  private Shape ga4Event() {
    RejectReason r = row.resolve(ga4, event);
    if (r != null) {
      return reject(r, row.detail);
    }
    return row.skipped() ? Shape.SKIPPED : Shape.GA4;
  }

  private Shape reject(RejectReason r, String what) {
    reason = r;
    detail = what;
    return Shape.REJECTED;
  }

  /** {@code an array}, {@code a number}, ...: a token as a reader of the message says it. */
  static String kind(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  /**
   * The next token; a non-blocking parser fed a whole line that has none left is a line that ends
   * inside its object.
   */
  static JsonToken next(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null || t == JsonToken.NOT_AVAILABLE) {
      throw new JsonParseException(p, "unexpected end of input");
    }
    return t;
  }

  /**
   * Reads {@code [{"sku": "event"|weight|null, ...}, ...]}; what is wrong with it, or null. A
   * string that is no event name makes the whole object malformed: such an object is some other
   * record that happens to hold an array, and reading it as sessions would invent customers and
   * SKUs from its field names.
   */
  private String readSessions(JsonParser p, String customer) throws IOException {
    String wrong = null;
    for (JsonToken t = next(p); t != JsonToken.END_ARRAY; t = next(p)) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        wrong = wrong != null ? wrong : "session \"" + customer + "\" holds " + kind(t);
        continue;
      }
      while (next(p) == JsonToken.FIELD_NAME) {
        String sku = p.currentName();
        JsonToken v = next(p);
        switch (v) {
          case VALUE_STRING -> {
            EventType type = EventType.parse(p.getText());
            if (type == null && wrong == null) {
              wrong = "session value \"" + p.getText() + "\" of \"" + sku + "\" is no event name";
            }
            session.add(new SessionEvent(customer, sku, type, null));
          }
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
              session.add(new SessionEvent(customer, sku, null, p.getDoubleValue()));
          case VALUE_NULL -> session.add(new SessionEvent(customer, sku, null, null));
          default -> {
            p.skipChildren();
            wrong = wrong != null ? wrong : "session value of \"" + sku + "\" is " + kind(v);
          }
        }
      }
    }
    return wrong;
  }

  /** Where the current string token's body starts in {@code src}, or -1 if it has escapes. */
  private static int from(JsonParser p, byte[] src, long base) {
    int from = (int) (base + p.currentTokenLocation().getByteOffset());
    int to = to(p, base);
    for (int i = from; i < to; i++) {
      if (src[i] == '\\') {
        return -1;
      }
    }
    return from;
  }

  /** Where the current string token's body ends in {@code src} (its closing quote). */
  private static int to(JsonParser p, long base) {
    return (int) (base + p.currentLocation().getByteOffset()) - 1;
  }

  private static boolean known(String key) {
    return switch (key) {
      case "customer", "sku", "event", "weight", "ts", "timestamp", "time" -> true;
      case "order", "transaction_id", "invoiceno" -> true;
      case "price", "quantity" -> true;
      default -> false;
    };
  }

  /**
   * Reads one known flat field into {@link #event}; false if its value has the wrong type. Keys are
   * matched case-insensitively; the parser hands out one String per distinct key, so a lower-case
   * key costs no allocation.
   */
  private boolean flatField(JsonParser p, String key, JsonToken t, byte[] src, long base)
      throws IOException {
    RawEvent e = event;
    if (t == JsonToken.START_OBJECT) {
      p.skipChildren();
      return false;
    }
    if (t == JsonToken.VALUE_NULL) {
      return true;
    }
    boolean string = t == JsonToken.VALUE_STRING;
    boolean number = t.isNumeric();
    switch (key) {
      case "customer" -> {
        if (!string && !number) {
          return false;
        }
        int from = string && src != null ? from(p, src, base) : -1;
        if (from >= 0) {
          e.customer(src, from, to(p, base) - from, ByteIdTable.UTF8);
        } else {
          e.customer(p.getText());
        }
      }
      case "sku" -> {
        if (!string && !number) {
          return false;
        }
        int from = string && src != null ? from(p, src, base) : -1;
        if (from >= 0) {
          e.sku(src, from, to(p, base) - from, ByteIdTable.UTF8);
        } else {
          e.sku(p.getText());
        }
      }
      case "event" -> e.event(string ? EventType.parse(p.getText()) : null);
      case "order", "transaction_id", "invoiceno" -> {
        if (!string && !number) {
          return false;
        }
        // The parser's own character buffer: no String per line. Without line bytes (real-time
        // batches) the id is kept as text too, to be written back out.
        e.order = OrderKeys.of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (src == null) {
          e.orderId = p.getText();
        }
      }
      case "price" -> e.price(Ga4Json.number(p, t));
      case "quantity" -> {
        double v = Ga4Json.number(p, t);
        if (!RawEvent.goodQuantity(v)) {
          badValue =
              "\"quantity\" is "
                  + (number || string ? p.getText() : kind(t))
                  + ", not a number > 0";
          return false;
        }
        e.quantity = v;
      }
      case "weight" -> {
        if (number) {
          e.weight(p.getDoubleValue());
        } else if (!string) {
          e.weight(Double.NaN);
        } else if (!p.getText().isBlank()) {
          e.weight(p.getText());
        }
      }
      default -> {
        if (number) {
          try {
            e.time = Timestamps.fromNumber(p.getDoubleValue());
          } catch (DateTimeException ex) {
            e.badTime = true;
          }
        } else if (!string || !p.getText().isBlank()) {
          e.time(p.getText());
        }
      }
    }
    return true;
  }
}
