package dev.alike.simulate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import dev.alike.experiment.Outcome;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulated shop's front end: asks the recommendation API for a placement's list and posts what
 * the customer did, over real HTTP, as a shop's page would.
 */
public final class ShopClient {
  /** Far above a local answer; a request that takes this long means the server is stuck. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  /** A client of the API at {@code base}, e.g. {@code http://localhost:8080}. */
  public ShopClient(String base) {
    this.base = base;
  }

  /**
   * One answer as the page sees it.
   *
   * @param variant the answer's experiment variant, {@code default} when it names none
   * @param attribution the token to send back with the events it causes, or null when it has none
   */
  public record Answer(String variant, String attribution, List<String> skus) {}

  /**
   * {@code GET /recommendations?placement=P&customer=C&n=N}.
   *
   * @throws IllegalStateException with the status and body when the answer is not 200
   */
  public Answer recommend(String placement, String customer, int n) {
    String uri =
        base
            + "/recommendations?placement="
            + encode(placement)
            + "&customer="
            + encode(customer)
            + "&n="
            + n;
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(uri)).GET(), uri);
    JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
    List<String> skus = new ArrayList<>();
    for (JsonElement item : body.getAsJsonArray("items")) {
      skus.add(item.getAsJsonObject().get("sku").getAsString());
    }
    return new Answer(
        text(body, "variant", "default"), text(body, "attribution", null), List.copyOf(skus));
  }

  /**
   * {@code POST /events} with one event per act of {@code customer} at {@code epochSeconds}, each
   * carrying {@code attribution} when there is one.
   *
   * @throws IllegalStateException with the status and body when the server does not accept them all
   */
  public void post(
      String customer, List<Behaviour.Act> acts, String attribution, long epochSeconds) {
    if (acts.isEmpty()) {
      return;
    }
    StringWriter text = new StringWriter();
    try (JsonWriter w = new JsonWriter(text)) {
      w.beginObject().name("events").beginArray();
      for (Behaviour.Act act : acts) {
        w.beginObject().name("customer").value(customer).name("sku").value(act.sku());
        w.name("event").value(eventName(act.kind())).name("ts").value(epochSeconds);
        if (attribution != null) {
          w.name("attribution").value(attribution);
        }
        w.endObject();
      }
      w.endArray().endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    String uri = base + "/events";
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text.toString())),
            uri);
    int accepted =
        JsonParser.parseString(response.body()).getAsJsonObject().get("accepted").getAsInt();
    if (accepted != acts.size()) {
      throw new IllegalStateException(
          "POST " + uri + " accepted " + accepted + " of " + acts.size() + ": " + response.body());
    }
  }

  /** The event name {@code POST /events} reads for {@code kind}. */
  static String eventName(Outcome.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String uri) {
    HttpResponse<String> response;
    try {
      response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("request to " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + uri, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  private static String text(JsonObject o, String field, String otherwise) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? otherwise : e.getAsString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
