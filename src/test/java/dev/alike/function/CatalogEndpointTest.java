package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.store.InMemoryModelStore;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may send {@code POST /catalog}, and what a bad update is answered. */
class CatalogEndpointTest {
  private static final String SECRET = "endpoint-test-secret-".repeat(2);
  private static final Map<String, String> WRITES =
      Map.of(
          EventsConfig.CATALOG_WRITES,
          "true",
          CustomerTokens.SECRET,
          SECRET,
          FunctionConfig.ALLOWED_ORIGINS,
          "https://shop.example");
  private static final CustomerTokens TOKENS =
      CustomerTokens.from(Map.of(CustomerTokens.SECRET, SECRET), false);

  private final InMemoryModelStore store = TestModels.store(7);

  private FakeHttp.Response post(Map<String, String> env, String body, String... headers) {
    return new FunctionFixture(store, env).call("POST", "/catalog", body, headers);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static final String STOCK = "{\"sku\": \"s1\", \"available\": false}\n";

  private void assertNothingRecorded() {
    assertEquals(Map.of(), store.catalogChanges(Instant.EPOCH));
  }

  @Test
  void off_byDefault_403NamingTheSetting() {
    FakeHttp.Response r =
        post(
            Map.of(CustomerTokens.SECRET, SECRET),
            STOCK,
            "Authorization",
            bearer(TOKENS.mintCatalog(Instant.now().plusSeconds(60))));
    assertEquals(403, r.status);
    assertTrue(r.body().contains(EventsConfig.CATALOG_WRITES), r.body());
    assertNothingRecorded();
  }

  @Test
  void writesWithoutASecret_refusedAtStartNamingBothSettings() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FunctionConfig.from(Map.of(EventsConfig.CATALOG_WRITES, "true")));
    assertTrue(e.getMessage().contains(CustomerTokens.SECRET), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> FunctionConfig.from(Map.of(EventsConfig.CATALOG_WRITES, "yes please")));
  }

  @Test
  void withoutACatalogToken_401() {
    Instant later = Instant.now().plusSeconds(60);
    assertEquals(401, post(WRITES, STOCK).status);
    FakeHttp.Response customer =
        post(WRITES, STOCK, "Authorization", bearer(TOKENS.mint("u1", later)));
    assertEquals(401, customer.status);
    assertTrue(customer.body().contains("not a catalog token"), customer.body());
    FakeHttp.Response expired =
        post(
            WRITES,
            STOCK,
            "Authorization",
            bearer(TOKENS.mintCatalog(Instant.now().minusSeconds(3600))));
    assertEquals(401, expired.status);
    CustomerTokens other =
        CustomerTokens.from(Map.of(CustomerTokens.SECRET, "another-secret-".repeat(3)), false);
    assertEquals(
        401, post(WRITES, STOCK, "Authorization", bearer(other.mintCatalog(later))).status);
    assertNothingRecorded();
  }

  @Test
  void fromAnOriginNotAllowed_403_likeEvents() {
    String token = bearer(TOKENS.mintCatalog(Instant.now().plusSeconds(60)));
    FakeHttp.Response r =
        post(WRITES, STOCK, "Authorization", token, "Origin", "https://evil.example");
    assertEquals(403, r.status);
    assertNothingRecorded();
    FakeHttp.Response allowed =
        post(WRITES, STOCK, "Authorization", token, "Origin", "https://shop.example");
    assertEquals(200, allowed.status, allowed.body());
  }

  @Test
  void badLines_400NamingTheFirstAndItsValue_andNothingRecorded() {
    String token = bearer(TOKENS.mintCatalog(Instant.now().plusSeconds(60)));
    String body =
        STOCK
            + "{\"sku\": \"s2\", \"price\": \"12 EUR\"}\n"
            + "{\"sku\": \"s3\", \"availble\": false}\n"
            + "{\"sku\": \"s4\"}\n";
    FakeHttp.Response r = post(WRITES, body, "Authorization", token);
    assertEquals(400, r.status);
    String message = FunctionFixture.json(r).getAsJsonObject("error").get("message").getAsString();
    assertTrue(message.startsWith("3 of 4 lines of POST /catalog are bad"), message);
    assertTrue(message.contains("body:2: \"price\" is not a number >= 0: 12 EUR"), message);
    assertNothingRecorded();
    assertTrue(
        post(WRITES, "{\"sku\": \"s3\", \"availble\": false}", "Authorization", token)
            .body()
            .contains("unknown field \\\"availble\\\""));
    assertTrue(
        post(WRITES, "{\"sku\": \"s4\"}", "Authorization", token)
            .body()
            .contains("changes nothing"));
    assertEquals(400, post(WRITES, "", "Authorization", token).status);
    assertEquals(
        413,
        post(
                WRITES,
                STOCK.repeat(CatalogEndpoint.MAX_BYTES / STOCK.length() + 1),
                "Authorization",
                token)
            .status);
    assertNothingRecorded();
  }

  @Test
  void goodUpdate_200WithItsCounts() {
    String token = bearer(TOKENS.mintCatalog(Instant.now().plusSeconds(60)));
    FakeHttp.Response r =
        post(
            WRITES,
            STOCK
                + "{\"sku\": \"s2\", \"available\": true, \"price\": 9}\n{\"sku\": \"s1\", \"price\": 3}",
            "Authorization",
            token);
    assertEquals(200, r.status, r.body());
    assertEquals("{\"skus\":2,\"unavailable\":1,\"available\":1,\"prices\":2}", r.body());
    assertEquals(2, store.catalogChanges(Instant.EPOCH).size());
  }
}
