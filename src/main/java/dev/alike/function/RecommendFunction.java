package dev.alike.function;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.alike.function.RecommendService.Answer;
import dev.alike.function.RecommendService.NoModel;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The recommendation HTTP function (Cloud Functions gen2 entry point): {@code GET|POST
 * /recommendations}, {@code GET /similar}, {@code GET /healthz}, and with {@code ALIKE_DEMO=true}
 * the demo storefront under {@code /demo/} ({@link DemoPage}); see docs/function.md for the API.
 *
 * <p>Bad input is a 400 with {@code {"error": {"message", "field"}}}; an unknown customer or SKU is
 * a 200 with popular SKUs; a failing store is a 503 with {@code Retry-After}; anything else is a
 * 500. Causes are logged as JSON lines on stdout, never sent to the client. Thread-safe: one
 * instance serves concurrent requests; the store is opened once, lazily, on the first request.
 */
public final class RecommendFunction implements HttpFunction {
  static final String JSON = "application/json; charset=utf-8";

  /** How often the current model version is re-read: a switch shows within a second. */
  static final long REFRESH_NANOS = 1_000_000_000L;

  private static final Pattern TOKEN_VALUE = Pattern.compile("(^|&)token=[^&]*");
  private final FunctionConfig config;
  private final Supplier<ModelStore> opener;
  private final RequestLog log;
  private final Cors cors;
  private final long refreshNanos;
  private final LongSupplier clock;
  private final Object opening = new Object();
  private final DemoPage demo;
  private final EventsEndpoint events;
  private volatile RecommendService service;

  /**
   * The entry point used by the Functions Framework: settings from the environment (or from {@link
   * LocalServer}, when it started this function in-process).
   */
  public RecommendFunction() {
    this(LocalServer.installed().orElseGet(RecommendFunction::fromEnvironment));
  }

  private RecommendFunction(LocalServer.Setup setup) {
    this(setup.config(), setup.store(), System.out, REFRESH_NANOS, System::nanoTime);
  }

  /**
   * A function over a given store opener (tests, the CLI).
   *
   * @param opener called once, on the first request that needs the store; a failure is a 503 and
   *     the next request tries again
   */
  RecommendFunction(
      FunctionConfig config,
      Supplier<ModelStore> opener,
      PrintStream logOut,
      long refreshNanos,
      LongSupplier clock) {
    this.config = config;
    this.opener = opener;
    this.log = new RequestLog(logOut);
    this.cors = new Cors(config.allowedOrigins());
    this.refreshNanos = refreshNanos;
    this.clock = clock;
    this.demo = config.demo() ? new DemoPage(() -> service().store()) : null;
    this.events =
        new EventsEndpoint(config, EventsEndpoint.lazySink(config, () -> service().store()));
  }

  private static LocalServer.Setup fromEnvironment() {
    FunctionConfig config = FunctionConfig.from(System.getenv());
    StoreFactory factory = StoreFactory.standard();
    return new LocalServer.Setup(config, () -> factory.open(config.store()));
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    long start = System.nanoTime();
    String method = request.getMethod();
    String path = normalize(request.getPath());
    Reply reply;
    try {
      reply = route(method, path, request, start);
    } catch (BadRequest e) {
      reply = Reply.error(400, e.getMessage(), e.field());
    } catch (CustomerTokens.Unauthorized e) {
      reply = Reply.error(401, e.getMessage(), "token").with("WWW-Authenticate", "Bearer");
    } catch (NoModel e) {
      reply = Reply.error(503, e.getMessage(), null).with("Retry-After", "60");
    } catch (StoreException e) {
      log.error(method + " " + path + ": model store failed", e);
      reply =
          Reply.error(503, "the model store is unavailable; retry shortly", null)
              .with("Retry-After", "1");
    } catch (RuntimeException e) {
      log.error(method + " " + path + ": internal error", e);
      reply = Reply.error(500, "internal error", null);
    }
    write(request, response, reply);
    String url = request.getQuery().map(q -> path + "?" + redactToken(q)).orElse(path);
    log.request(
        method,
        url,
        reply.status(),
        System.nanoTime() - start,
        request.getFirstHeader("User-Agent").orElse(null),
        reply.model());
  }

  private Reply route(String method, String path, HttpRequest request, long start) {
    switch (path) {
      case "/recommendations":
        return switch (method) {
          case "GET" ->
              answer(
                  recommend(QueryParser.recommendation(parameters(request))),
                  start,
                  "private, no-store");
          case "POST" ->
              answer(
                  recommend(QueryParser.recommendation(body(request))), start, "private, no-store");
          case "OPTIONS" -> preflight("GET, POST, OPTIONS");
          default -> notAllowed(method, "GET, POST, OPTIONS");
        };
      case "/similar":
        return switch (method) {
          case "GET" ->
              answer(
                  service().similar(QueryParser.similar(parameters(request))),
                  start,
                  "public, max-age=" + config.similarMaxAgeSeconds());
          case "OPTIONS" -> preflight("GET, OPTIONS");
          default -> notAllowed(method, "GET, OPTIONS");
        };
      case "/events":
        return events.handle(method, request);
      case "/healthz":
        return method.equals("GET") ? health() : notAllowed(method, "GET");
      default:
        String raw = request.getPath();
        if (demo != null && raw != null && DemoPage.owns(raw)) {
          return method.equals("GET") ? demo(raw) : notAllowed(method, "GET");
        }
        return Reply.error(404, "no such path: " + path, null);
    }
  }

  private Answer recommend(Queries.Recommend query) {
    config.tokens().check(query.customer(), query.token(), Instant.now());
    return service().recommend(query);
  }

  private Reply answer(Answer answer, long start, String cacheControl) {
    double ms = (System.nanoTime() - start) / 1e6;
    return new Reply(200, Json.items(answer.items(), answer.model(), ms))
        .with("Cache-Control", cacheControl)
        .withModel(answer.model());
  }

  private Reply demo(String rawPath) {
    DemoPage.Content c = demo.get(rawPath);
    if (c == null) {
      return Reply.error(404, "no such path: " + rawPath, null);
    }
    Reply reply =
        new Reply(c.status(), c.body(), c.contentType()).with("Cache-Control", "no-cache");
    return c.location() == null ? reply : reply.with("Location", c.location());
  }

  private Reply health() {
    Optional<ModelInfo> info = service().current().map(CurrentModel.Snapshot::info);
    if (info.isEmpty()) {
      return Reply.error(503, "no model loaded", null).with("Retry-After", "60");
    }
    ModelInfo m = info.get();
    StringBuilder sb = new StringBuilder(160).append("{\"status\":\"ok\",\"model\":");
    Json.string(sb, m.version());
    sb.append(",\"created_at\":");
    Json.string(sb, m.createdAt().toString());
    long age = Math.max(0, Duration.between(m.createdAt(), Instant.now()).getSeconds());
    sb.append(",\"age_seconds\":").append(age).append(",\"skus\":").append(m.skus());
    sb.append(",\"cached_skus\":").append(service().cachedSkus()).append('}');
    return new Reply(200, sb.toString()).with("Cache-Control", "no-store").withModel(m.version());
  }

  private static Reply preflight(String methods) {
    return new Reply(204, null)
        .with("Access-Control-Allow-Methods", methods)
        .with("Access-Control-Allow-Headers", "Content-Type")
        .with("Access-Control-Max-Age", Cors.PREFLIGHT_MAX_AGE);
  }

  private static Reply notAllowed(String method, String allowed) {
    return Reply.error(405, "method " + method + " not allowed (use " + allowed + ")", null)
        .with("Allow", allowed);
  }

  private RecommendService service() {
    RecommendService s = service;
    if (s == null) {
      synchronized (opening) {
        s = service;
        if (s == null) {
          s =
              new RecommendService(
                  opener.get(),
                  config.cacheSkus(),
                  refreshNanos,
                  clock,
                  e -> log.warning("serving the previous model: " + e.getMessage()));
          service = s;
        }
      }
    }
    return s;
  }

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

  private static String body(HttpRequest request) {
    if (request.getContentLength() > QueryParser.MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(QueryParser.MAX_BODY_BYTES + 1);
      if (bytes.length > QueryParser.MAX_BODY_BYTES) {
        throw tooLarge();
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadRequest("body", "the body could not be read");
    }
  }

  private static BadRequest tooLarge() {
    return new BadRequest("body", "body over " + QueryParser.MAX_BODY_BYTES + " bytes");
  }

  private void write(HttpRequest request, HttpResponse response, Reply reply) throws IOException {
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

  private static String normalize(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
