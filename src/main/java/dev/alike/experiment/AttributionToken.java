package dev.alike.experiment;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code attribution} value of every list answer, sent back by front ends on the events that
 * follow: {@code REQUEST.PLACEMENT.VARIANT.VERSION}, at most {@link #MAX_LENGTH} characters, only
 * URL-safe characters. Shops treat it as opaque.
 *
 * <p>It is not signed: the report credits a token's events to the recorded answer with the same
 * request id only when that answer went to the same customer through the same placement, variant
 * and model version and served the event's SKU. A request id is 72 random bits from {@link
 * SecureRandom}, so a forged token names no recorded answer, or one whose fields disagree; either
 * way its events count as unattributed, and are never rejected for it.
 *
 * @param request 12 base64url characters naming one answer
 * @param placement the placement's name, {@link #NONE} without one
 * @param variant the experiment variant that answered ({@code default} outside experiments)
 * @param version the model version the answer came from, {@link #NONE} when it had none
 */
public record AttributionToken(String request, String placement, String variant, String version) {
  /** Longest token: 12 + 24 + 24 + 32 characters and three dots. */
  public static final int MAX_LENGTH = 100;

  /** Placement, variant and experiment names: what a token and a Firestore id carry unescaped. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,24}");

  /** Stands for a missing placement or version (it matches both patterns). */
  public static final String NONE = "-";

  private static final Pattern REQUEST = Pattern.compile("[A-Za-z0-9_-]{12}");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /** One generator per thread: a shared SecureRandom serialises concurrent answers on its lock. */
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(SecureRandom::new);

  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  /**
   * @throws IllegalArgumentException naming the field and value when one does not fit the format
   */
  public AttributionToken {
    check(REQUEST, request, "request id");
    check(NAME, placement, "placement");
    check(NAME, variant, "variant");
    check(VERSION, version, "model version");
  }

  /** A token for a new answer, with a fresh random request id. */
  public static AttributionToken mint(String placement, String variant, String version) {
    byte[] id = new byte[9];
    RANDOM.get().nextBytes(id);
    return new AttributionToken(
        BASE64.encodeToString(id),
        placement == null ? NONE : placement,
        variant,
        version == null ? NONE : version);
  }

  /** The token as sent: {@code REQUEST.PLACEMENT.VARIANT.VERSION}. */
  @Override
  public String toString() {
    return request + '.' + placement + '.' + variant + '.' + version;
  }

  /**
   * The token {@code text} holds, or empty when it is not one (null, too long, a part missing or
   * malformed): such an event is unattributed.
   */
  public static Optional<AttributionToken> parse(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4
        || !REQUEST.matcher(parts[0]).matches()
        || !NAME.matcher(parts[1]).matches()
        || !NAME.matcher(parts[2]).matches()
        || !VERSION.matcher(parts[3]).matches()) {
      return Optional.empty();
    }
    return Optional.of(new AttributionToken(parts[0], parts[1], parts[2], parts[3]));
  }

  private static void check(Pattern pattern, String value, String what) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " \"" + value + "\" must match " + pattern.pattern() + " in an attribution token");
    }
  }
}
