package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ALIKE_REQUIRE_TOKEN=true} over real HTTP on the Functions Framework invoker. */
class TokenModeIT {
  private static LocalServer server;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = new HashMap<>(TokenModeTest.ENV);
    env.put(FunctionConfig.RECORD_ANSWERS, "false"); // the store is in memory: no ./alike-data
    server = LocalServer.start(FunctionConfig.from(env), TestModels.store(5), 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String target) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.port() + target);
    return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String errorOf(HttpResponse<String> r) {
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null));
    return JsonParser.parseString(r.body())
        .getAsJsonObject()
        .getAsJsonObject("error")
        .get("message")
        .getAsString();
  }

  @Test
  void missingForgedOrExpiredTokens_get401_andAFreshOneWorks() throws Exception {
    assertEquals(
        "a token for the customer is required (token=)",
        errorOf(get("/recommendations?customer=u4")));
    String forged =
        new CustomerTokens(List.of(CustomerTokensTest.OLD.getBytes(StandardCharsets.UTF_8)), false)
            .mint("u4", Instant.now().plusSeconds(600));
    assertEquals(
        "the token's signature is not valid",
        errorOf(get("/recommendations?customer=u4&token=" + forged)));
    String expired = TokenModeTest.MINT.mint("u4", Instant.now().minusSeconds(3600));
    String message = errorOf(get("/recommendations?customer=u4&token=" + expired));
    assertTrue(message.startsWith("the token expired at "), message);

    String fresh = TokenModeTest.MINT.mint("u4", Instant.now().plusSeconds(600));
    HttpResponse<String> ok = get("/recommendations?customer=u4&n=5&token=" + fresh);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(
        5, JsonParser.parseString(ok.body()).getAsJsonObject().getAsJsonArray("items").size());
    assertEquals(200, get("/recommendations?with=s1:pv").statusCode());
  }
}
