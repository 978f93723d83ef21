package dev.alike.events;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The general JSON path (Gson's streaming {@link JsonReader}): one object that is either a flat
 * event or a session object {@code {"<customer>": [{"<sku>": "<event>", ...}, ...]}}, told apart by
 * shape: an object with an array value is a session object. Streaming keeps every repeated SKU key
 * of a session element as its own event, in order. Session values may be an event name (string) or
 * an explicit weight (number). Used for JSON arrays and for JSON Lines the fast path cannot handle.
 */
final class JsonObjects {
  private static final Pattern LINE = Pattern.compile(" at line (\\d+)");

  /** The field {@link EventBatch#toJsonLines} adds to each line: the id of its real-time batch. */
  static final String BATCH = "batch";

  private JsonObjects() {}

  /** One session event before validation. */
  private record SessionEvent(String customer, String sku, String event, Double weight) {}

  /** The result of {@link #read}: the line's object could not be turned into events. */
  static final List<Object> MALFORMED = List.of();

  /**
   * Reads the object at the reader's position without committing anything, so a syntax error found
   * later (trailing garbage) can still reject the whole line.
   *
   * @return null for a flat event (then held in {@code e}), {@link #MALFORMED} when the value is
   *     not an object or a field has the wrong shape, else the session's events
   * @throws IOException on JSON syntax errors (the reader cannot continue past them)
   */
  static List<?> read(JsonReader r, RawEvent e) throws IOException {
    e.clear();
    if (r.peek() != JsonToken.BEGIN_OBJECT) {
      r.skipValue();
      return MALFORMED;
    }
    List<SessionEvent> session = null;
    boolean flatFields = false;
    boolean malformed = false;
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      if (r.peek() == JsonToken.BEGIN_ARRAY) {
        session = session == null ? new ArrayList<>() : session;
        malformed |= !readSessions(r, name, session);
      } else {
        int outcome = flatField(r, name, e);
        flatFields |= outcome > 0;
        malformed |= outcome < 0;
      }
    }
    r.endObject();
    if (malformed || (session != null && flatFields)) {
      return MALFORMED;
    }
    return session;
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
      SessionEvent s = (SessionEvent) o;
      e.clear();
      e.customer(s.customer);
      e.sku(s.sku);
      if (s.weight != null) {
        e.weight(s.weight);
      } else if (s.event != null) {
        e.event(EventType.parse(s.event));
      }
      sink.offer(e, line, describe);
    }
  }

  /** Reads {@code [{"sku": "event", ...}, ...]}; false when an element has the wrong shape. */
  private static boolean readSessions(JsonReader r, String customer, List<SessionEvent> out)
      throws IOException {
    boolean ok = true;
    r.beginArray();
    while (r.hasNext()) {
      if (r.peek() != JsonToken.BEGIN_OBJECT) {
        r.skipValue();
        ok = false;
        continue;
      }
      r.beginObject();
      while (r.hasNext()) {
        String sku = r.nextName();
        switch (r.peek()) {
          case STRING -> out.add(new SessionEvent(customer, sku, r.nextString(), null));
          case NUMBER -> out.add(new SessionEvent(customer, sku, null, parse(r.nextString())));
          case NULL -> {
            r.nextNull();
            out.add(new SessionEvent(customer, sku, null, null));
          }
          default -> {
            r.skipValue();
            ok = false;
          }
        }
      }
      r.endObject();
    }
    r.endArray();
    return ok;
  }

  /** Reads one flat field: 1 if it was a known field, 0 if skipped, -1 if of a wrong type. */
  private static int flatField(JsonReader r, String name, RawEvent e) throws IOException {
    JsonToken t = r.peek();
    String key = name.toLowerCase(java.util.Locale.ROOT);
    int known =
        switch (key) {
          case "customer", "sku", "event", "weight", "ts", "timestamp", "time" -> 1;
          default -> 0;
        };
    if (key.equals(BATCH) && t == JsonToken.STRING) {
      e.batch = r.nextString(); // not an event field: the real-time batch the line came in
      return 0;
    }
    if (known == 0 || t == JsonToken.BEGIN_OBJECT) {
      r.skipValue();
      return known == 0 ? 0 : -1;
    }
    if (t == JsonToken.NULL) {
      r.nextNull();
      return 1;
    }
    String text = t == JsonToken.BOOLEAN ? String.valueOf(r.nextBoolean()) : r.nextString();
    boolean scalar = t == JsonToken.STRING || t == JsonToken.NUMBER;
    switch (key) {
      case "customer" -> {
        if (!scalar) {
          return -1;
        }
        e.customer(text);
      }
      case "sku" -> {
        if (!scalar) {
          return -1;
        }
        e.sku(text);
      }
      case "event" -> e.event(t == JsonToken.STRING ? EventType.parse(text) : null);
      case "weight" -> {
        if (t == JsonToken.STRING && text.isBlank()) {
          return 1;
        }
        e.weight(scalar ? parse(text) : Double.NaN);
      }
      default -> {
        if (t == JsonToken.STRING && text.isBlank()) {
          return 1;
        }
        try {
          e.time = Timestamps.parse(text);
        } catch (DateTimeException ex) {
          e.badTime = true;
        }
      }
    }
    return 1;
  }

  private static double parse(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException ex) {
      return Double.NaN;
    }
  }

  /** The 1-based line the reader is at, from Gson's location text (0 when unknown). */
  static long lineOf(JsonReader r) {
    Matcher m = LINE.matcher(r.toString());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
