package dev.alike.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.events.EventWeights;
import dev.alike.store.InMemoryModelStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushHandlerTest {
  private final InMemoryModelStore store = new InMemoryModelStore();
  private final PushHandler handler =
      new PushHandler(() -> store, EventWeights.DEFAULT, dev.alike.store.Backend.inline());

  static String envelope(String messageId, String data) {
    String b64 = Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8));
    return "{\"message\":{\"data\":\""
        + b64
        + "\",\"messageId\":\""
        + messageId
        + "\",\"attributes\":{\"events\":\"2\"}},\"subscription\":\"projects/p/subscriptions/s\"}";
  }

  private static final String TWO =
      "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"addedtocart\",\"ts\":1}\n"
          + "{\"customer\":\"c2\",\"sku\":\"s1\",\"weight\":1.5,\"ts\":1}\n";

  @Test
  void aMessage_isAppliedOnce_evenWhenDeliveredTwice() {
    assertEquals(204, handler.handle(envelope("m1", TWO)).status());
    PushHandler.Outcome again = handler.handle(envelope("m1", TWO));
    assertEquals(204, again.status());
    assertTrue(again.message().contains("2 already applied"), again.message());
    assertEquals(Map.of("s1", 2.0), store.profile("c1").orElseThrow().scores());
    assertEquals(Map.of("s1", 1.5), store.profile("c2").orElseThrow().scores());
    assertEquals(204, handler.handle(envelope("m2", TWO)).status());
    assertEquals(Map.of("s1", 4.0), store.profile("c1").orElseThrow().scores());
  }

  @Test
  void poisonMessages_are400_andChangeNothing() {
    assertEquals(400, handler.handle("not json").status());
    assertEquals(400, handler.handle("{\"message\":{\"messageId\":\"m\"}}").status());
    assertEquals(
        400, handler.handle("{\"message\":{\"messageId\":\"m\",\"data\":\"%%%\"}}").status());
    String oneBad = TWO + "{\"customer\":\"c3\",\"sku\":\"s1\",\"event\":\"wink\"}\n";
    PushHandler.Outcome o = handler.handle(envelope("m3", oneBad));
    assertEquals(400, o.status());
    assertTrue(o.message().contains("event 2 is unknown_event"), o.message());
    assertTrue(store.profile("c1").isEmpty());
  }

  @Test
  void aFailingStore_is503_soPubSubRedelivers() {
    store.failing(true);
    assertEquals(503, handler.handle(envelope("m1", TWO)).status());
    store.failing(false);
    assertEquals(204, handler.handle(envelope("m1", TWO)).status());
    assertEquals(Map.of("s1", 2.0), store.profile("c1").orElseThrow().scores());
  }
}
