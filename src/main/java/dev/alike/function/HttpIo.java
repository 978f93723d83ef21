package dev.alike.function;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reading requests and writing {@link Reply}s: the function's HTTP plumbing. */
final class HttpIo {
  private static final Pattern TOKEN_VALUE = Pattern.compile("(^|&)token=[^&]*");

  private HttpIo() {}

  /**
   * The query parameters, or a 400 naming the raw query: the invoker's decoder throws (Jetty's
   * BadMessageException, IllegalArgumentException) on a malformed percent-encoding such as {@code
   * %zz} and on percent-encoded bytes that are not UTF-8 such as {@code %ED%A0%80}.
   */
  static Map<String, List<String>> parameters(HttpRequest request) {
    try {
      return request.getQueryParameters();
    } catch (RuntimeException e) {
      String raw = request.getQuery().orElse("");
      throw new BadRequest("query", "the query is not valid percent-encoded UTF-8: " + raw);
    }
  }

  /** The body as UTF-8, or a 400 when it is over {@link QueryParser#MAX_BODY_BYTES}. */
  static String body(HttpRequest request) {
    String body = body(request, QueryParser.MAX_BODY_BYTES);
    if (body == null) {
      throw new BadRequest("body", "body over " + QueryParser.MAX_BODY_BYTES + " bytes");
    }
    return body;
  }

  /** The body as UTF-8, or null when it is over {@code maxBytes}; a 400 when it cannot be read. */
  static String body(HttpRequest request, int maxBytes) {
    if (request.getContentLength() > maxBytes) {
      return null;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      return bytes.length > maxBytes ? null : new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadRequest("body", "the body could not be read");
    }
  }

  /** The token of an {@code Authorization: Bearer} header, or null. */
  static String bearer(HttpRequest request) {
    String auth = request.getFirstHeader("Authorization").orElse("");
    return auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
  }

  /** Writes {@code reply} with the CORS headers {@code cors} gives the request's origin. */
  static void write(HttpRequest request, HttpResponse response, Reply reply, Cors cors)
      throws IOException {
    if (cors.enabled()) {
      String allow = cors.allowOrigin(request.getFirstHeader("Origin").orElse(null));
      if (allow != null) {
        response.appendHeader("Access-Control-Allow-Origin", allow);
      }
      if (cors.varies()) {
        response.appendHeader("Vary", "Origin");
      }
    }
    response.setStatusCode(reply.status());
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      response.appendHeader(h.getKey(), h.getValue());
    }
    if (reply.body() != null) {
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      response.setContentType(reply.contentType());
      try (OutputStream out = response.getOutputStream()) {
        out.write(bytes);
      }
    }
  }

  /** The query with a token's value replaced, so request logs never hold a usable token. */
  static String redactToken(String query) {
    return TOKEN_VALUE.matcher(query).replaceAll("$1token=REDACTED");
  }

  /** The path without a trailing slash; "/" for none. */
  static String normalize(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
