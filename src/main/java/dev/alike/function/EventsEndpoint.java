package dev.alike.function;

import com.google.cloud.functions.HttpRequest;
import com.google.common.base.Suppliers;
import dev.alike.events.EventBatch;
import dev.alike.realtime.EventSink;
import dev.alike.realtime.EventSinks;
import dev.alike.serving.Json;
import dev.alike.store.Backend;
import dev.alike.store.ModelStore;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /events}: a shop's front end or back end reports what customers did, {@code
 * {"events": [{"customer": "c1", "sku": "s9", "event": "AddedToCart", "ts": 1762000000}]}}, at most
 * {@value EventBatch#MAX_EVENTS} events and {@value EventBatch#MAX_BYTES} bytes per request. Events
 * are read and validated by the batch build's code ({@link EventBatch}); a batch with any bad event
 * is refused whole (400 naming the first bad one), so a client never wonders which half landed.
 * Accepted batches go to the {@link EventSink} and are answered 202 {@code {"accepted": n,
 * "rejected": {reason: 0, ...}, "unattributed": 0, "id": "..."}}: {@code unattributed} counts
 * accepted events whose {@code attribution} was malformed (or over {@link
 * dev.alike.experiment.AttributionToken#MAX_LENGTH} characters) and was dropped; an attribution
 * never makes an event rejected.
 *
 * <p>Who may write: a browser only from an origin of the CORS allow-list (or the function's own
 * origin, as the demo page); with {@code ALIKE_REQUIRE_TOKEN=true} only with a signed token ({@code
 * "token"} in the body or {@code Authorization: Bearer}) for the customer of every event, so one
 * visitor cannot write events into another customer's profile.
 */
final class EventsEndpoint {
  private final Cors cors;
  private final FunctionConfig config;
  private final Supplier<EventSink> sink;
  private final Backend backend;

  /**
   * @param sink asked for on each accepted batch (the caller opens it lazily, once)
   * @param backend the deadline and breaker every hand-over goes through: a batch the sink does not
   *     take in time is answered 503
   */
  EventsEndpoint(FunctionConfig config, Supplier<EventSink> sink, Backend backend) {
    this.config = config;
    this.cors = new Cors(config.allowedOrigins());
    this.sink = sink;
    this.backend = backend;
  }

  /**
   * The sink chosen by {@link EventSinks#open} from {@code config}, opened on first use; its store
   * writes go through {@code storeBackend}.
   */
  static Supplier<EventSink> lazySink(
      FunctionConfig config, Supplier<ModelStore> store, Backend storeBackend) {
    EventsConfig events = config.events();
    return Suppliers.memoize(
        () ->
            EventSinks.open(
                events.topic(), events.emulatorHost(), config.store(), store, storeBackend));
  }

  /** The sink's breaker, for {@code /healthz}. */
  Backend.State backendState() {
    return backend.state();
  }

  /** The answer to {@code method /events}. */
  Reply handle(String method, HttpRequest request) {
    return switch (method) {
      case "POST" -> post(request);
      case "OPTIONS" ->
          new Reply(204, null)
              .with("Access-Control-Allow-Methods", "POST, OPTIONS")
              .with("Access-Control-Allow-Headers", "Content-Type, Authorization")
              .with("Access-Control-Max-Age", Cors.PREFLIGHT_MAX_AGE);
      default ->
          Reply.error(405, "method " + method + " not allowed (use POST, OPTIONS)", null)
              .with("Allow", "POST, OPTIONS");
    };
  }

  private Reply post(HttpRequest request) {
    if (cors.refusesWrite(request)) {
      String origin = request.getFirstHeader("Origin").orElse("");
      return Reply.error(403, "origin " + origin + " may not write events", "Origin");
    }
    String body = HttpIo.body(request, EventBatch.MAX_BYTES);
    if (body == null) {
      return Reply.error(413, "body over " + EventBatch.MAX_BYTES + " bytes", "body");
    }
    EventBatch.Parsed batch;
    try {
      batch =
          EventBatch.parse(
              body,
              config.events().weights(),
              config.events().ga4(),
              Instant.now().getEpochSecond());
    } catch (EventBatch.BadBatch e) {
      return Reply.error(400, e.getMessage(), "body");
    }
    if (!batch.ok()) {
      String message = batch.first().message() + "; no event of the batch was accepted";
      return new Reply(
              400,
              answer(
                  0,
                  batch.rejected(),
                  batch.skipped(),
                  batch.unattributed(),
                  null,
                  message,
                  "events[" + batch.first().index() + "]"))
          .with("Cache-Control", "no-store");
    }
    String token = batch.token() != null ? batch.token() : HttpIo.bearer(request);
    Set<String> customers = new LinkedHashSet<>();
    batch.events().forEach(e -> customers.add(e.customer()));
    Instant now = Instant.now();
    for (String customer : customers) {
      config.tokens().check(customer, token, now);
    }
    String id;
    try {
      id =
          batch.events().isEmpty()
              ? null
              : backend.call(
                  "take " + batch.events().size() + " events",
                  () -> sink.get().accept(batch.events()));
    } catch (Backend.Unavailable e) {
      System.getLogger(EventsEndpoint.class.getName())
          .log(System.Logger.Level.WARNING, "POST /events answered 503: " + e.getMessage());
      return Reply.error(503, "events could not be stored; retry shortly", null)
          .with("Retry-After", "1");
    }
    return new Reply(
            202,
            answer(
                batch.events().size(),
                batch.rejected(),
                batch.skipped(),
                batch.unattributed(),
                id,
                null,
                null))
        .with("Cache-Control", "no-store");
  }

  private static String answer(
      int accepted,
      Map<String, Long> rejected,
      Map<String, Long> skipped,
      long unattributed,
      String id,
      String error,
      String field) {
    return Json.write(
        w -> {
          w.beginObject();
          if (error != null) {
            w.name("error");
            Json.error(w, error, field);
          }
          w.name("accepted").value(accepted).name("rejected").beginObject();
          for (Map.Entry<String, Long> e : rejected.entrySet()) {
            w.name(e.getKey()).value(e.getValue());
          }
          w.endObject();
          w.name("unattributed").value(unattributed);
          if (!skipped.isEmpty()) {
            w.name("skipped").beginObject(); // GA4 event names the mapping does not take
            for (Map.Entry<String, Long> e : skipped.entrySet()) {
              w.name(e.getKey()).value(e.getValue());
            }
            w.endObject();
          }
          if (id != null) {
            w.name("id").value(id);
          }
          w.endObject();
        });
  }
}
