package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The function with {@code ALIKE_REQUIRE_TOKEN=true}, in-process. */
class TokenModeTest {
  static final Map<String, String> ENV =
      Map.of(CustomerTokens.SECRET, CustomerTokensTest.CURRENT, CustomerTokens.REQUIRE, "true");
  static final CustomerTokens MINT =
      new CustomerTokens(
          List.of(CustomerTokensTest.CURRENT.getBytes(StandardCharsets.UTF_8)), false);

  private final FunctionFixture open = new FunctionFixture(TestModels.store(5));
  private final FunctionFixture guarded = new FunctionFixture(TestModels.store(5), ENV);

  private static void assertUnauthorized(FakeHttp.Response r, String message) {
    assertEquals(401, r.status, r.body());
    JsonObject error = FunctionFixture.json(r).getAsJsonObject("error");
    assertEquals(message, error.get("message").getAsString());
    assertEquals("token", error.get("field").getAsString());
  }

  @Test
  void aCustomerWithoutValidToken_gets401() {
    assertUnauthorized(
        guarded.get("/recommendations?customer=u4"),
        "a token for the customer is required (token=)");
    String forUser3 = MINT.mint("u3", Instant.now().plusSeconds(600));
    assertUnauthorized(
        guarded.get("/recommendations?customer=u4&token=" + forUser3),
        "the token is for another customer");
    String expired = MINT.mint("u4", Instant.now().minusSeconds(3600));
    assertTrue(
        FunctionFixture.json(guarded.get("/recommendations?customer=u4&token=" + expired))
            .toString()
            .contains("the token expired at"));
    assertUnauthorized(
        guarded.post("/recommendations", "{\"customer\":\"u4\",\"token\":\"forged.x.y\"}"),
        "the token is not a signed JWT");
  }

  @Test
  void aFreshToken_getsTheSameAnswerAsAnOpenFunction() {
    String token = MINT.mint("u4", Instant.now().plusSeconds(600));
    FakeHttp.Response r = guarded.get("/recommendations?customer=u4&n=8&token=" + token);
    assertEquals(200, r.status, r.body());
    assertEquals(
        FunctionFixture.stable(open.get("/recommendations?customer=u4&n=8").body()),
        FunctionFixture.stable(r.body()));
    FakeHttp.Response post =
        guarded.post(
            "/recommendations", "{\"customer\":\"u4\",\"n\":8,\"token\":\"" + token + "\"}");
    assertEquals(FunctionFixture.stable(r.body()), FunctionFixture.stable(post.body()));
  }

  @Test
  void anonymousSessionsAndSimilar_needNoToken() {
    FakeHttp.Response session = guarded.get("/recommendations?with=s1:AddedToCart,s2:pv");
    assertEquals(200, session.status, session.body());
    assertEquals(
        FunctionFixture.stable(open.get("/recommendations?with=s1:AddedToCart,s2:pv").body()),
        FunctionFixture.stable(session.body()));
    assertEquals(200, guarded.get("/similar?sku=s3").status);
  }

  @Test
  void theRequestLog_neverHoldsTheToken() {
    String token = MINT.mint("u4", Instant.now().plusSeconds(600));
    guarded.get("/recommendations?customer=u4&token=" + token + "&n=3");
    String log = guarded.logBytes.toString(StandardCharsets.UTF_8);
    assertFalse(log.contains(token), log);
    assertTrue(log.contains("token=REDACTED&n=3"), log);
  }
}
