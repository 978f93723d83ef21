package dev.alike.function;

import dev.alike.serving.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished answer: status, body (null for none) and its content type, extra headers, model
 * version.
 */
record Reply(
    int status, String body, String contentType, Map<String, String> headers, String model) {
  Reply(int status, String body) {
    this(status, body, RecommendFunction.JSON);
  }

  Reply(int status, String body, String contentType) {
    this(status, body, contentType, new LinkedHashMap<>(), null);
  }

  static Reply error(int status, String message, String field) {
    return new Reply(status, Json.error(message, field)).with("Cache-Control", "no-store");
  }

  Reply with(String header, String value) {
    headers.put(header, value);
    return this;
  }

  Reply withModel(String version) {
    return new Reply(status, body, contentType, headers, version);
  }
}
