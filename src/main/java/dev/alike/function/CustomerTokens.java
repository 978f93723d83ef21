package dev.alike.function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Signed customer tokens: HS256 JWTs whose {@code sub} is the customer id and whose {@code exp} is
 * required, minted by the shop's back end (any JWT library, or {@code alike token}) and checked
 * here, so that {@code customer=C} shows C's recommendations only to whoever holds a token for C.
 *
 * <p>Two secrets may be active at once for rotation: tokens are minted with the current one and
 * accepted under either. With {@code required}, a request naming a customer without a valid token
 * is refused (401); without it, a token that is given must still be valid. Secrets are never
 * printed: {@link #toString} says only how many there are.
 */
public final class CustomerTokens {
  /** The current secret (in the cloud, from Secret Manager), at least 32 bytes. */
  public static final String SECRET = "ALIKE_TOKEN_SECRET";

  /** The previous secret, still accepted while tokens minted with it expire. */
  public static final String PREVIOUS_SECRET = "ALIKE_TOKEN_SECRET_PREVIOUS";

  /** {@code true}: {@code customer=} needs a valid token. */
  public static final String REQUIRE = "ALIKE_REQUIRE_TOKEN";

  /** The subject and {@code scope} claim of a catalog token. */
  public static final String CATALOG_SCOPE = "catalog";

  /** HS256 needs a key of at least 256 bits (RFC 7518, section 3.2). */
  public static final int MIN_SECRET_BYTES = 32;

  /** Clock difference tolerated between the back end that mints and the function that checks. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /** No secrets, nothing required: tokens are neither needed nor accepted. */
  public static final CustomerTokens NONE = new CustomerTokens(List.of(), false);

  private final List<byte[]> secrets;
  private final boolean required;

  /**
   * @param secrets the current secret first, then optionally the previous one
   * @throws IllegalArgumentException when a secret is too short or tokens are required without one
   */
  public CustomerTokens(List<byte[]> secrets, boolean required) {
    if (secrets.size() > 2) {
      throw new IllegalArgumentException("at most two active secrets, got " + secrets.size());
    }
    for (byte[] s : secrets) {
      if (s.length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(
            "a token secret must be at least "
                + MIN_SECRET_BYTES
                + " bytes, one has "
                + s.length
                + " (make one with: openssl rand -base64 48)");
      }
    }
    if (required && secrets.isEmpty()) {
      throw new IllegalArgumentException(REQUIRE + "=true needs " + SECRET);
    }
    this.secrets = List.copyOf(secrets);
    this.required = required;
  }

  /** From {@link #SECRET} and {@link #PREVIOUS_SECRET} (blank: unset) and {@code required}. */
  public static CustomerTokens from(Map<String, String> env, boolean required) {
    String current = env.getOrDefault(SECRET, "").trim();
    String previous = env.getOrDefault(PREVIOUS_SECRET, "").trim();
    if (current.isEmpty() && !previous.isEmpty()) {
      throw new IllegalArgumentException(PREVIOUS_SECRET + " is set without " + SECRET);
    }
    List<byte[]> secrets = new ArrayList<>();
    for (String secret : List.of(current, previous)) {
      if (!secret.isEmpty()) {
        secrets.add(secret.getBytes(StandardCharsets.UTF_8));
      }
    }
    return secrets.isEmpty() && !required ? NONE : new CustomerTokens(secrets, required);
  }

  /** Whether any secret is configured (tokens can be minted and checked). */
  public boolean enabled() {
    return !secrets.isEmpty();
  }

  /** A token for {@code customer} valid until {@code expires}, signed with the current secret. */
  public String mint(String customer, Instant expires) {
    return mint(new JWTClaimsSet.Builder().subject(customer), expires);
  }

  /**
   * A catalog token ({@code POST /catalog}) valid until {@code expires}: claim {@code scope} is
   * {@value #CATALOG_SCOPE}, which no customer token carries.
   */
  public String mintCatalog(Instant expires) {
    return mint(
        new JWTClaimsSet.Builder().subject(CATALOG_SCOPE).claim("scope", CATALOG_SCOPE), expires);
  }

  private String mint(JWTClaimsSet.Builder claims, Instant expires) {
    if (!enabled()) {
      throw new IllegalStateException(SECRET + " is not set");
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256), claims.expirationTime(Date.from(expires)).build());
    try {
      jwt.sign(new MACSigner(secrets.get(0)));
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a token: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  /**
   * Checks that {@code token} is a valid, unexpired token for {@code customer}. Does nothing when
   * no customer is named, when no secret is configured (a front end may start sending tokens before
   * the function checks them), or when tokens are optional and none is given.
   *
   * @throws Unauthorized saying what is wrong (never which secret, nor the expected signature)
   */
  void check(String customer, String token, Instant now) {
    if (customer == null || !enabled() || (token == null && !required)) {
      return;
    }
    JWTClaimsSet claims = verified(token, "a token for the customer is required (token=)");
    if (!customer.equals(claims.getSubject())) {
      throw new Unauthorized("the token is for another customer");
    }
    unexpired(claims, now);
  }

  /**
   * Checks that {@code token} is a valid, unexpired catalog token ({@link #mintCatalog}): always
   * required, whatever {@value #REQUIRE} says, since a catalog update changes what every customer
   * sees.
   *
   * @throws Unauthorized saying what is wrong; always when no secret is configured
   */
  void checkCatalog(String token, Instant now) {
    if (!enabled()) {
      throw new Unauthorized("catalog updates need a catalog token, and no secret is configured");
    }
    JWTClaimsSet claims =
        verified(
            token, "a catalog token is required (Authorization: Bearer; alike token --catalog)");
    if (!CATALOG_SCOPE.equals(claims.getClaim("scope"))) {
      throw new Unauthorized(
          "the token is not a catalog token (claim scope=" + CATALOG_SCOPE + ")");
    }
    unexpired(claims, now);
  }

  /** The claims of {@code token} once its signature is checked. */
  private JWTClaimsSet verified(String token, String whenMissing) {
    if (token == null || token.isEmpty()) {
      throw new Unauthorized(whenMissing);
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new Unauthorized("the token is not a signed JWT");
    }
    if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
      throw new Unauthorized("the token must be signed with HS256");
    }
    if (!signedByOneOfOurs(jwt)) {
      throw new Unauthorized("the token's signature is not valid");
    }
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new Unauthorized("the token's claims are not valid JSON");
    }
  }

  private static void unexpired(JWTClaimsSet claims, Instant now) {
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new Unauthorized("the token has no expiry (exp)");
    }
    if (exp.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
      throw new Unauthorized("the token expired at " + exp.toInstant());
    }
  }

  private boolean signedByOneOfOurs(SignedJWT jwt) {
    for (byte[] secret : secrets) {
      try {
        if (jwt.verify(new MACVerifier(secret))) {
          return true;
        }
      } catch (JOSEException e) {
        // A key this verifier cannot use counts as a failed verification.
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "CustomerTokens[" + secrets.size() + " secret(s), required=" + required + "]";
  }

  /** The client must present a valid token: a 401 with the JSON error. */
  static final class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unauthorized(String message) {
      super(message, null, false, false);
    }
  }
}
