package dev.alike.function;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.common.base.Suppliers;
import dev.alike.realtime.PushHandler;
import dev.alike.serving.Json;
import dev.alike.store.Backend;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The second entry point, deployed as its own private function (terraform/events.tf): the target of
 * the events topic's push subscription. Only Pub/Sub's OIDC identity may invoke it (Cloud Run
 * checks the token before the request reaches this code), so nobody else can add to profiles. Each
 * {@code POST} carries one message, handled by {@link PushHandler}: 204 acknowledges it, 400 sends
 * it towards the dead-letter topic, 503 asks for a redelivery.
 */
public final class EventsPushFunction implements HttpFunction {
  private static final System.Logger LOG = System.getLogger(EventsPushFunction.class.getName());

  /** A push message is one request's events: {@code POST /events}' limit, base64 and envelope. */
  static final int MAX_BODY_BYTES = 1 << 20;

  /**
   * 20 s to apply one message: up to {@value dev.alike.events.EventBatch#MAX_EVENTS} customers, one
   * profile transaction each (tens of milliseconds), well within the subscription's 60 s ack
   * deadline (terraform/events.tf), so a stalled store is answered 503 before Pub/Sub gives up.
   */
  static final Duration APPLY_DEADLINE = Duration.ofSeconds(20);

  private final PushHandler handler;

  /** The entry point used by the Functions Framework: settings from the environment. */
  public EventsPushFunction() {
    this(pushSettings(System.getenv()));
  }

  private EventsPushFunction(FunctionConfig config) {
    this(config, StoreFactory.standard(config.deadlines()));
  }

  /**
   * The function's settings from {@code env} without the customer-token ones and catalog writes:
   * this handler checks no tokens and serves no {@code POST /catalog}, and Terraform gives it the
   * recommendations function's environment but not the token secret, so {@code
   * ALIKE_REQUIRE_TOKEN=true} or {@code ALIKE_CATALOG_WRITES=true} must not make it demand one.
   */
  static FunctionConfig pushSettings(Map<String, String> env) {
    Map<String, String> withoutTokens = new HashMap<>(env);
    withoutTokens
        .keySet()
        .removeAll(
            List.of(
                CustomerTokens.REQUIRE,
                CustomerTokens.SECRET,
                CustomerTokens.PREVIOUS_SECRET,
                EventsConfig.CATALOG_WRITES));
    return FunctionConfig.from(withoutTokens);
  }

  EventsPushFunction(FunctionConfig config, StoreFactory stores) {
    Supplier<ModelStore> store = Suppliers.memoize(() -> stores.open(config.store()));
    this.handler =
        new PushHandler(
            store,
            config.events().weights(),
            new Backend("model store", Backend.Settings.serving(APPLY_DEADLINE)));
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    if (!request.getMethod().equals("POST")) {
      response.setStatusCode(405);
      response.appendHeader("Allow", "POST");
      return;
    }
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    PushHandler.Outcome outcome =
        bytes.length > MAX_BODY_BYTES
            ? new PushHandler.Outcome(400, "push body over " + MAX_BODY_BYTES + " bytes")
            : handler.handle(new String(bytes, StandardCharsets.UTF_8));
    if (outcome.status() == 204) {
      LOG.log(Level.DEBUG, outcome.message());
    }
    response.setStatusCode(outcome.status());
    if (outcome.status() != 204) {
      response.setContentType(RecommendFunction.JSON);
      try (OutputStream out = response.getOutputStream()) {
        out.write(Json.error(outcome.message(), null).getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
