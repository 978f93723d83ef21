package dev.alike.function;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.experiment.AnswerRecorder;
import dev.alike.logging.JsonLog;
import dev.alike.serving.CurrentModel;
import dev.alike.store.ModelStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A function over a given store, with a settable clock and its log captured as on Google Cloud.
 * Answers are recorded only when {@code env} sets {@value FunctionConfig#RECORD_ANSWERS} (the
 * default store spec names {@code ./alike-data}, which is not the fixture's store).
 */
final class FunctionFixture {
  final AtomicLong clock = new AtomicLong();
  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final RecommendFunction function;

  FunctionFixture(ModelStore store, Map<String, String> env) {
    Map<String, String> settings = new HashMap<>(env);
    settings.putIfAbsent(FunctionConfig.RECORD_ANSWERS, "false");
    FunctionConfig config = FunctionConfig.from(settings);
    System.Logger log = JsonLog.to(logBytes, RecommendFunction.class.getName());
    function =
        new RecommendFunction(
            config,
            () -> store,
            log,
            CurrentModel.REFRESH_NANOS,
            clock::get,
            RecommendFunction.recorder(config, log));
  }

  /** A function recording answers with {@code answers} (whose log is its own). */
  FunctionFixture(ModelStore store, Map<String, String> env, AnswerRecorder answers) {
    function =
        new RecommendFunction(
            FunctionConfig.from(env),
            () -> store,
            JsonLog.to(logBytes, RecommendFunction.class.getName()),
            CurrentModel.REFRESH_NANOS,
            clock::get,
            answers);
  }

  FunctionFixture(ModelStore store) {
    this(store, Map.of());
  }

  FakeHttp.Response get(String target, String... headers) {
    return call("GET", target, null, headers);
  }

  FakeHttp.Response post(String target, String body) {
    return call("POST", target, body);
  }

  FakeHttp.Response call(String method, String target, String body, String... headers) {
    FakeHttp.Request request = new FakeHttp.Request(method, target, body);
    for (int h = 0; h < headers.length; h += 2) {
      request.header(headers[h], headers[h + 1]);
    }
    FakeHttp.Response response = new FakeHttp.Response();
    try {
      function.service(request, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return response;
  }

  /** Log lines written so far, parsed. */
  List<JsonObject> logs() {
    List<JsonObject> out = new ArrayList<>();
    for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(JsonParser.parseString(line).getAsJsonObject());
      }
    }
    return out;
  }

  static JsonObject json(FakeHttp.Response response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  /** The answer without {@code took_ms} and {@code attribution}, for comparing answers. */
  static String stable(String body) {
    JsonObject o = JsonParser.parseString(body).getAsJsonObject();
    o.remove("took_ms");
    o.remove("attribution"); // a new request id per answer
    return o.toString();
  }
}
