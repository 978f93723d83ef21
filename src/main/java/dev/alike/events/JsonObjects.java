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
 * The one JSON event reader (Jackson's streaming {@link JsonParser}): one object that is either a
 * flat event or a session object {@code {"<customer>": [{"<sku>": "<event>", ...}, ...]}}, told
 * apart by shape: an object with an array value is a session object. Streaming keeps every repeated
 * SKU key of a session element as its own event, in order. Session values may be an event name
 * (string) or an explicit weight (number). Used for JSON Lines, JSON arrays and real-time batches.
 */
final class JsonObjects {
  /**
   * Shared by every parser: its field-name table is what lets known keys be matched unallocated.
   */
  static final JsonFactory JSON = new JsonFactory();

  /** The field {@link EventBatch#toJsonLines} adds to each line: the id of its real-time batch. */
  static final String BATCH = "batch";

  private JsonObjects() {}

  /** One session event before validation. */
  private record SessionEvent(String customer, String sku, String event, Double weight) {}

  /** The result of {@link #read}: the object could not be turned into events. */
  static final List<Object> MALFORMED = List.of();

  /**
   * Reads the object whose first token is the parser's current one, through its end, without
   * committing anything, so a syntax error found later (trailing garbage) can still reject it.
   *
   * <p>With {@code src}, the bytes a non-blocking parser was fed, string ids without escapes are
   * left in {@code e} as slices of {@code src} (found from the token's byte locations: the parser's
   * location of a string token is just after its opening quote), so the chunk's id table finds a
   * known id without a String being made; other ids are Strings.
   *
   * @param base the index in {@code src} of the parser's byte offset 0
   * @return null for a flat event (then held in {@code e}), {@link #MALFORMED} when the value is
   *     not an object or a field has the wrong shape, else the session's events
   * @throws IOException on JSON syntax errors and on input that ends inside the object
   */
  static List<?> read(JsonParser p, RawEvent e, byte[] src, long base) throws IOException {
    e.clear();
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return MALFORMED;
    }
    List<SessionEvent> session = null;
    boolean flatFields = false;
    boolean malformed = false;
    while (next(p) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (next(p) == JsonToken.START_ARRAY) {
        session = session == null ? new ArrayList<>() : session;
        malformed |= !readSessions(p, name, session);
      } else {
        int outcome = flatField(p, name, e, src, base);
        flatFields |= outcome > 0;
        malformed |= outcome < 0;
      }
    }
    if (malformed || (session != null && flatFields)) {
      return MALFORMED;
    }
    return session;
  }

  /**
   * The next token; a non-blocking parser fed a whole line that has none left is a line that ends
   * inside its object.
   */
  private static JsonToken next(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null || t == JsonToken.NOT_AVAILABLE) {
      throw new JsonParseException(p, "unexpected end of input");
    }
    return t;
  }

  /** Offers what {@link #read} returned to {@code sink}; {@code describe} is shown on rejection. */
  static void commit(List<?> parsed, RawEvent e, ChunkSink sink, long line, String describe) {
    if (parsed == MALFORMED) {
      sink.reject(RejectReason.MALFORMED, line, describe);
      return;
    }
    if (parsed == null) {
      sink.offer(e, line, describe);
      return;
    }
    for (Object o : parsed) {
      session((SessionEvent) o, e);
      sink.offer(e, line, describe);
    }
  }

  /** As {@link #commit}, showing the line's bytes on rejection. */
  static void commit(
      List<?> parsed, RawEvent e, ChunkSink sink, long line, byte[] b, int s, int n) {
    if (parsed == MALFORMED) {
      sink.reject(RejectReason.MALFORMED, line, b, s, n);
      return;
    }
    if (parsed == null) {
      sink.offer(e, line, b, s, n);
      return;
    }
    for (Object o : parsed) {
      session((SessionEvent) o, e);
      sink.offer(e, line, b, s, n);
    }
  }

  private static void session(SessionEvent s, RawEvent e) {
    e.clear();
    e.customer(s.customer);
    e.sku(s.sku);
    if (s.weight != null) {
      e.weight(s.weight);
    } else if (s.event != null) {
      e.event(EventType.parse(s.event));
    }
  }

  /** Reads {@code [{"sku": "event", ...}, ...]}; false when an element has the wrong shape. */
  private static boolean readSessions(JsonParser p, String customer, List<SessionEvent> out)
      throws IOException {
    boolean ok = true;
    for (JsonToken t = next(p); t != JsonToken.END_ARRAY; t = next(p)) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        ok = false;
        continue;
      }
      while (next(p) == JsonToken.FIELD_NAME) {
        String sku = p.currentName();
        switch (next(p)) {
          case VALUE_STRING -> out.add(new SessionEvent(customer, sku, p.getText(), null));
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
              out.add(new SessionEvent(customer, sku, null, p.getDoubleValue()));
          case VALUE_NULL -> out.add(new SessionEvent(customer, sku, null, null));
          default -> {
            p.skipChildren();
            ok = false;
          }
        }
      }
    }
    return ok;
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
      default -> false;
    };
  }

  /**
   * Reads one flat field: 1 if it was a known field, 0 if skipped, -1 if of a wrong type. Keys are
   * matched case-insensitively; the parser hands out one String per distinct key, so a lower-case
   * key costs no allocation.
   */
  private static int flatField(JsonParser p, String name, RawEvent e, byte[] src, long base)
      throws IOException {
    String key = known(name) ? name : name.toLowerCase(Locale.ROOT);
    JsonToken t = p.currentToken();
    boolean known = known(key);
    if (key.equals(BATCH) && t == JsonToken.VALUE_STRING) {
      e.batch = p.getText(); // not an event field: the real-time batch the line came in
      return 0;
    }
    if (!known || t == JsonToken.START_OBJECT) {
      p.skipChildren();
      return known ? -1 : 0;
    }
    if (t == JsonToken.VALUE_NULL) {
      return 1;
    }
    boolean string = t == JsonToken.VALUE_STRING;
    boolean number = t.isNumeric();
    switch (key) {
      case "customer" -> {
        if (!string && !number) {
          return -1;
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
          return -1;
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
          return -1;
        }
        // The parser's own character buffer: no String per line. Without line bytes (real-time
        // batches) the id is kept as text too, to be written back out.
        e.order = OrderKeys.of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (src == null) {
          e.orderId = p.getText();
        }
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
    return 1;
  }
}
