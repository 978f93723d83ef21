package dev.alike.function;

import com.google.cloud.functions.HttpRequest;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin rules for the shop's front end. With no configured origins nothing is added; with
 * {@code *} any origin may call; otherwise only listed origins get an {@code
 * Access-Control-Allow-Origin}, and every answer says {@code Vary: Origin} so a CDN keeps one copy
 * per origin.
 */
final class Cors {
  /** Browsers may cache a preflight this long (seconds): the rules change only on redeploy. */
  static final String PREFLIGHT_MAX_AGE = "3600";

  private final boolean any;
  private final Set<String> origins;

  Cors(List<String> allowed) {
    this.any = allowed.contains("*");
    this.origins = Set.copyOf(allowed);
  }

  /** Whether CORS is configured at all. */
  boolean enabled() {
    return any || !origins.isEmpty();
  }

  /** The {@code Access-Control-Allow-Origin} value for a request from {@code origin}, or null. */
  String allowOrigin(String origin) {
    if (any) {
      return "*";
    }
    return origin != null && origins.contains(origin) ? origin : null;
  }

  /** Whether answers depend on the {@code Origin} header (so caches must key on it). */
  boolean varies() {
    return !any && !origins.isEmpty();
  }

  /**
   * Whether a write ({@code POST /events}, {@code POST /catalog}) from a browser must be refused:
   * it names an origin while origins are listed, and that origin is neither listed nor the
   * function's own (the demo page). Requests without an {@code Origin} (back ends) pass.
   */
  boolean refusesWrite(HttpRequest request) {
    String origin = request.getFirstHeader("Origin").orElse(null);
    return origin != null
        && varies()
        && allowOrigin(origin) == null
        && !sameOrigin(origin, request);
  }

  /** The request's own origin ({@code scheme://host[:port]}, host from the Host header) or not. */
  private static boolean sameOrigin(String origin, HttpRequest request) {
    String host = request.getFirstHeader("Host").orElse(null);
    try {
      URI uri = URI.create(origin);
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null && authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
