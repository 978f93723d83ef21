package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerTokensTest {
  static final String CURRENT = "current-secret-0123456789abcdef-0123456789";
  static final String OLD = "previous-secret-0123456789abcdef-012345678";
  static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  private static CustomerTokens tokens(String... secrets) {
    return new CustomerTokens(
        List.of(secrets).stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), true);
  }

  private static String unauthorized(CustomerTokens tokens, String customer, String token) {
    return assertThrows(CustomerTokens.Unauthorized.class, () -> tokens.check(customer, token, NOW))
        .getMessage();
  }

  @Test
  void aMintedToken_isAcceptedForItsCustomerOnly() {
    CustomerTokens tokens = tokens(CURRENT);
    String token = tokens.mint("c1", NOW.plus(Duration.ofHours(1)));
    assertDoesNotThrow(() -> tokens.check("c1", token, NOW));
    assertEquals("the token is for another customer", unauthorized(tokens, "c2", token));
  }

  @Test
  void unicodeAndSlashCustomerIds_roundTrip() {
    CustomerTokens tokens = tokens(CURRENT);
    for (String customer : List.of("ü/ñ 客户", "a/b/c", "12345678", "6f1c2a9e-8a4b-4c1d-9f0e")) {
      String token = tokens.mint(customer, NOW.plusSeconds(60));
      assertDoesNotThrow(() -> tokens.check(customer, token, NOW), customer);
    }
  }

  @Test
  void anExpiredToken_isRefused_afterTheClockSkew() {
    CustomerTokens tokens = tokens(CURRENT);
    String justExpired = tokens.mint("c1", NOW.minusSeconds(30));
    assertDoesNotThrow(() -> tokens.check("c1", justExpired, NOW));
    String expired = tokens.mint("c1", NOW.minus(CustomerTokens.CLOCK_SKEW).minusSeconds(1));
    assertTrue(unauthorized(tokens, "c1", expired).startsWith("the token expired at "));
  }

  @Test
  void forgedTokens_areRefused() throws Exception {
    CustomerTokens tokens = tokens(CURRENT);
    String other = tokens(OLD).mint("c1", NOW.plusSeconds(600));
    assertEquals("the token's signature is not valid", unauthorized(tokens, "c1", other));

    String good = tokens.mint("c1", NOW.plusSeconds(600));
    String[] parts = good.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    assertEquals("the token's signature is not valid", unauthorized(tokens, "c1", tampered));

    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("c1")
            .expirationTime(Date.from(NOW.plusSeconds(600)))
            .build();
    String unsigned = new PlainJWT(claims).serialize();
    assertEquals("the token is not a signed JWT", unauthorized(tokens, "c1", unsigned));

    SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims);
    hs512.sign(new MACSigner((CURRENT + CURRENT).getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        "the token must be signed with HS256", unauthorized(tokens, "c1", hs512.serialize()));

    assertEquals("the token is not a signed JWT", unauthorized(tokens, "c1", "not-a-token"));
    assertEquals("a token for the customer is required (token=)", unauthorized(tokens, "c1", null));
  }

  @Test
  void aTokenWithoutExpiry_isRefused() throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("c1").build());
    jwt.sign(new MACSigner(CURRENT.getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        "the token has no expiry (exp)", unauthorized(tokens(CURRENT), "c1", jwt.serialize()));
  }

  @Test
  void rotation_acceptsThePreviousSecretUntilItIsRemoved() {
    String minted = tokens(OLD).mint("c1", NOW.plusSeconds(600));
    assertDoesNotThrow(() -> tokens(CURRENT, OLD).check("c1", minted, NOW));
    assertEquals("the token's signature is not valid", unauthorized(tokens(CURRENT), "c1", minted));
    // New tokens are signed with the current secret.
    String fresh = tokens(CURRENT, OLD).mint("c1", NOW.plusSeconds(600));
    assertDoesNotThrow(() -> tokens(CURRENT).check("c1", fresh, NOW));
  }

  @Test
  void optionalMode_letsRequestsWithoutTokenThrough_butChecksAGivenOne() {
    CustomerTokens optional =
        new CustomerTokens(List.of(CURRENT.getBytes(StandardCharsets.UTF_8)), false);
    assertDoesNotThrow(() -> optional.check("c1", null, NOW));
    assertEquals("the token is not a signed JWT", unauthorized(optional, "c1", "junk"));
    assertDoesNotThrow(() -> tokens(CURRENT).check(null, null, NOW), "no customer, no token");
    assertDoesNotThrow(() -> CustomerTokens.NONE.check("c1", "junk", NOW), "tokens not enabled");
  }

  @Test
  void configuration_refusesShortOrMissingSecrets_withoutPrintingThem() {
    IllegalArgumentException shortSecret =
        assertThrows(
            IllegalArgumentException.class,
            () -> CustomerTokens.from(Map.of(CustomerTokens.SECRET, "hunter2"), false));
    assertTrue(shortSecret.getMessage().contains("at least 32 bytes, one has 7"));
    assertFalse(shortSecret.getMessage().contains("hunter2"));
    assertEquals(
        "ALIKE_REQUIRE_TOKEN=true needs ALIKE_TOKEN_SECRET",
        assertThrows(IllegalArgumentException.class, () -> CustomerTokens.from(Map.of(), true))
            .getMessage());
    assertEquals(
        "ALIKE_TOKEN_SECRET_PREVIOUS is set without ALIKE_TOKEN_SECRET",
        assertThrows(
                IllegalArgumentException.class,
                () -> CustomerTokens.from(Map.of(CustomerTokens.PREVIOUS_SECRET, OLD), false))
            .getMessage());
    CustomerTokens two =
        CustomerTokens.from(
            Map.of(CustomerTokens.SECRET, CURRENT, CustomerTokens.PREVIOUS_SECRET, OLD), true);
    assertEquals("CustomerTokens[2 secret(s), required=true]", two.toString());
    assertFalse(
        FunctionConfig.from(Map.of(CustomerTokens.SECRET, CURRENT)).toString().contains(CURRENT));
  }
}
