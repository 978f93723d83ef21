package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alike.store.InMemoryModelStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventsPushFunctionTest {
  private final InMemoryModelStore store = new InMemoryModelStore();
  private final EventsPushFunction push =
      new EventsPushFunction(FunctionConfig.from(Map.of()), spec -> store);

  private FakeHttp.Response call(String method, String body) throws Exception {
    FakeHttp.Response response = new FakeHttp.Response();
    push.service(new FakeHttp.Request(method, "/", body), response);
    return response;
  }

  @Test
  void aPushedMessage_updatesTheProfile_andIsAcknowledgedWith204() throws Exception {
    String data = "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"purchased\",\"ts\":1}\n";
    String body =
        "{\"message\":{\"messageId\":\"7\",\"data\":\""
            + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))
            + "\"}}";
    assertEquals(204, call("POST", body).status);
    assertEquals(204, call("POST", body).status);
    assertEquals(Map.of("s1", 6.0), store.profile("c1").orElseThrow().scores());
    assertEquals(400, call("POST", "{}").status);
    assertEquals(405, call("GET", null).status);
  }
}
