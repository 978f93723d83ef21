package dev.alike.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.alike.model.EventLog;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A batch of real-time events ({@code POST /events}, a Pub/Sub message), read and validated with
 * the batch build's own code: each element goes through the same JSON field reading ({@link
 * JsonObjects}) and the same checks in the same order ({@link ChunkSink#check}) as a line of an
 * events file, so an event the endpoint accepts is one the next build accepts too, with the same
 * weight.
 *
 * <p>Flat events ({@code {"customer","sku","event"|"weight","ts"?,"order"?,"attribution"?,
 * "price"?,"quantity"?}}) and GA4 events are accepted; a session object is {@code malformed} here.
 * A body with a top-level {@code client_id} or {@code user_id} is a Google Analytics 4 Measurement
 * Protocol request ({@code {"client_id", "user_id"?, "timestamp_micros"?, "events": [{"name",
 * "params": {"items": [...], "transaction_id"?}}]}}), so a shop can forward what it sends GA4: each
 * event is read as the build reads a GA4 export row, with {@code client_id} as {@code
 * user_pseudo_id}. An event without a time gets the time it was received, so that the build's
 * recency weighting sees when it happened.
 */
public final class EventBatch {
  /**
   * At most 500 events per request: a front end sends a handful per page view and a back end can
   * batch a few hundred; 500 flat events of about 100 bytes are a 50 KB Pub/Sub message, far under
   * its 10 MB limit, and one request's profile updates stay a few hundred small transactions.
   */
  public static final int MAX_EVENTS = 500;

  /** At most 256 KiB of request body: 500 events with ids of a few hundred bytes each. */
  public static final int MAX_BYTES = 256 * 1024;

  /**
   * {@link Event#attribution} of an event whose attribution was malformed and dropped: written back
   * out as such (it is no token), so the next read drops and counts it again and the report counts
   * the event as malformed, not as credited by the rule.
   */
  public static final String DROPPED = "malformed";

  /**
   * One accepted event.
   *
   * @param type the event's type, null when an explicit weight was given instead
   * @param weight the weight it adds to the customer's score for the SKU (quantity included)
   * @param ts epoch seconds (the receive time when the event had none)
   * @param order the event's order id, or null when it had none
   * @param attribution the answer token it came with, {@link #DROPPED}, or null when none
   * @param price its unit price, NaN when none
   * @param quantity units (1 when none): the weight and a purchase's revenue are multiplied by it
   */
  public record Event(
      String customer,
      String sku,
      EventType type,
      double weight,
      long ts,
      String order,
      String attribution,
      double price,
      double quantity) {
    /** An event without attribution, price and quantity. */
    public Event(
        String customer, String sku, EventType type, double weight, long ts, String order) {
      this(customer, sku, type, weight, ts, order, null, Double.NaN, 1);
    }

    /** An event without an order id. */
    public Event(String customer, String sku, EventType type, double weight, long ts) {
      this(customer, sku, type, weight, ts, null);
    }
  }

  /**
   * The first rejected event: its 0-based position and why.
   *
   * @param detail what exactly is wrong, or null when the reason says it all
   */
  public record Rejection(int index, RejectReason reason, String detail) {
    /** {@code "event 3 is unknown_event"}, with the detail in parentheses when there is one. */
    public String message() {
      return "event " + index + " is " + reason.key() + (detail == null ? "" : " (" + detail + ")");
    }
  }

  /**
   * A read batch.
   *
   * @param events the accepted events, in order
   * @param rejected count per {@link RejectReason#key()}, every reason present (0 when none)
   * @param first the first rejected event, or null when none was rejected
   * @param token the body's {@code "token"} field, or null
   * @param batch the lines' {@code "batch"} field ({@link #toJsonLines}: the same on every line of
   *     one batch), the last one read; null when none had one
   * @param skipped GA4 events skipped per event name (names the mapping does not take)
   * @param unattributed accepted events whose attribution was malformed and dropped
   */
  public record Parsed(
      List<Event> events,
      Map<String, Long> rejected,
      Rejection first,
      String token,
      String batch,
      Map<String, Long> skipped,
      long unattributed) {
    /** Whether every event passed. */
    public boolean ok() {
      return first == null;
    }
  }

  /** A body that is not a batch at all (not JSON, no events array, too many events). */
  public static final class BadBatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadBatch(String message) {
      super(message, null, false, false);
    }
  }

  private EventBatch() {}

  /**
   * Reads {@code {"events": [event, ...], "token": "..."}} (other top-level fields are ignored), or
   * a Measurement Protocol request.
   *
   * @param now epoch seconds given to events without a time
   * @throws BadBatch when the body is not such an object, has no {@code events} array, or more than
   *     {@link #MAX_EVENTS} events
   */
  public static Parsed parse(String body, EventWeights weights, Ga4Mapping ga4, long now) {
    Reading reading = new Reading(weights, ga4, now);
    measurementProtocol(body, reading.objects);
    String token = null;
    boolean sawEvents = false;
    try (JsonParser p = JsonObjects.JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadBatch("the body is not a JSON object {\"events\": [...]}");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("events") && value == JsonToken.START_ARRAY) {
          sawEvents = true;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            reading.element(p, false);
          }
        } else if (name.equals("token") && value == JsonToken.VALUE_STRING) {
          token = p.getText();
        } else if (name.equals("events") || name.equals("token")) {
          throw new BadBatch("\"" + name + "\" has the wrong type (" + value + ")");
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new BadBatch("the body has data after its JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new BadBatch("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String
    }
    if (!sawEvents) {
      throw new BadBatch("the body has no \"events\" array");
    }
    return reading.result(token);
  }

  /**
   * Sets {@code objects} to read Measurement Protocol events when the body's top level has a {@code
   * client_id} or {@code user_id} (a first pass over the body, since these may follow the events).
   * A body that is not JSON is left to the main pass to refuse.
   */
  private static void measurementProtocol(String body, JsonObjects objects) {
    String userId = null;
    String clientId = null;
    String micros = null;
    try (JsonParser p = JsonObjects.JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        boolean scalar = value == JsonToken.VALUE_STRING || value.isNumeric();
        switch (name) {
          case "user_id" -> userId = scalar ? p.getText() : null;
          case "client_id" -> clientId = scalar ? p.getText() : null;
          case "timestamp_micros" -> micros = scalar ? p.getText() : null;
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      return;
    }
    if (userId != null || clientId != null) {
      objects.measurementProtocol(userId, clientId, micros);
    }
  }

  /**
   * Reads events written by {@link #toJsonLines} (one flat event per line, blank lines skipped),
   * e.g. a Pub/Sub message's data. A line that is not JSON counts as {@code malformed}.
   */
  public static Parsed parseLines(String lines, EventWeights weights, long now) {
    Reading reading = new Reading(weights, Ga4Mapping.DEFAULT, now);
    for (String line : lines.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try (JsonParser p = JsonObjects.JSON.createParser(line)) {
        p.nextToken();
        reading.element(p, true);
      } catch (IOException e) {
        reading.reject(RejectReason.MALFORMED, "not valid JSON");
      }
    }
    return reading.result(null);
  }

  /**
   * The events as JSON Lines in the events-file format, one per line, each ending in a newline:
   * {@code
   * {"customer":"c1","sku":"s9","event":"addedtocart","ts":1762000000,"order":"o7","batch":"local:..."}}
   * ({@code "order"}, {@code "attribution"}, {@code "price"} and {@code "quantity"} only when the
   * event had them), or {@code "weight"} (before the quantity, which reading applies again) instead
   * of {@code "event"} for an event that came with an explicit weight. {@code "batch"} names the
   * accepted batch (not an event field: the build skips it); a real-time update is keyed by it, so
   * the push handler and a build's replay of the same line agree.
   */
  public static String toJsonLines(String batch, List<Event> events) {
    StringWriter out = new StringWriter(events.size() * 120);
    try (JsonGenerator w = JsonObjects.JSON.createGenerator(out)) {
      w.setRootValueSeparator(null);
      for (Event e : events) {
        w.writeStartObject();
        w.writeStringField("customer", e.customer());
        w.writeStringField("sku", e.sku());
        if (e.type() != null) {
          w.writeStringField("event", e.type().aliases().get(0));
        } else {
          w.writeNumberField("weight", e.weight() / e.quantity());
        }
        w.writeNumberField("ts", e.ts());
        if (e.order() != null) {
          w.writeStringField("order", e.order());
        }
        if (e.attribution() != null) {
          w.writeStringField(JsonObjects.ATTRIBUTION, e.attribution());
        }
        if (!Double.isNaN(e.price())) {
          w.writeNumberField("price", e.price());
        }
        if (e.quantity() != 1) {
          w.writeNumberField("quantity", e.quantity());
        }
        if (batch != null) {
          w.writeStringField(JsonObjects.BATCH, batch);
        }
        w.writeEndObject();
        w.writeRaw('\n');
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString();
  }

  /** Accumulates one batch. */
  private static final class Reading {
    private final EventWeights weights;
    private final long now;
    private final JsonObjects objects;
    private final List<Event> events = new ArrayList<>();
    private final long[] rejected = new long[RejectReason.values().length];
    private final Map<String, Long> skipped = new TreeMap<>();
    private int index;
    private Rejection first;
    private String batch;
    private long unattributed;

    Reading(EventWeights weights, Ga4Mapping ga4, long now) {
      this.weights = weights;
      this.now = now;
      this.objects = new JsonObjects(ga4);
    }

    /**
     * Reads the event at the parser's current token; {@code whole}: it must be all that {@code p}
     * holds (one line). A GA4 event with several items adds several events, all or none.
     */
    void element(JsonParser p, boolean whole) throws IOException {
      if (index >= MAX_EVENTS) {
        throw new BadBatch("more than " + MAX_EVENTS + " events in one batch");
      }
      JsonObjects.Shape shape = objects.read(p, null, 0);
      if (whole && p.nextToken() != null) {
        reject(RejectReason.MALFORMED, "more after the object");
        return;
      }
      switch (shape) {
        case REJECTED -> reject(objects.reason(), objects.detail());
        case SESSION -> reject(RejectReason.MALFORMED, "a session object; send flat or GA4 events");
        case SKIPPED -> {
          skipped.merge(objects.skippedName(), 1L, Long::sum);
          index++;
        }
        case FLAT -> {
          RejectReason reason = ChunkSink.check(objects.event());
          if (reason != null) {
            reject(reason, null);
            return;
          }
          add(objects.event());
          index++;
        }
        case GA4 -> {
          for (int i = 0, n = objects.count(shape); i < n; i++) {
            add(objects.fill(shape, i));
          }
          index++;
        }
      }
    }

    /**
     * Adds a checked event. One with an explicit weight keeps no type, so {@link #toJsonLines}
     * writes its weight; a malformed attribution is dropped and counted.
     */
    private void add(RawEvent raw) {
      double w = ChunkSink.weight(raw, weights);
      long ts = raw.time == EventLog.NO_TIME ? now : raw.time;
      EventType type = raw.hasWeight ? null : raw.type;
      String order = raw.order == EventLog.NO_ORDER ? null : raw.orderId;
      String attribution = raw.badAttribution ? DROPPED : raw.attribution;
      unattributed += raw.badAttribution ? 1 : 0;
      events.add(
          new Event(
              raw.customer, raw.sku, type, w, ts, order, attribution, raw.price, raw.quantity));
      if (raw.batch != null) {
        batch = raw.batch;
      }
    }

    void reject(RejectReason reason, String detail) {
      rejected[reason.ordinal()]++;
      if (first == null) {
        first = new Rejection(index, reason, detail);
      }
      index++;
    }

    Parsed result(String token) {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (RejectReason reason : RejectReason.values()) {
        counts.put(reason.key(), rejected[reason.ordinal()]);
      }
      return new Parsed(
          List.copyOf(events),
          counts,
          first,
          token,
          batch,
          Collections.unmodifiableMap(skipped),
          unattributed);
    }
  }
}
