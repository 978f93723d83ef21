package dev.alike.function;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.alike.experiment.AnswerRecorder;
import dev.alike.experiment.AttributionToken;
import dev.alike.logging.CloudLogging;
import dev.alike.realtime.EventSinks;
import dev.alike.serving.CurrentModel;
import dev.alike.serving.Item;
import dev.alike.serving.Json;
import dev.alike.serving.Placement;
import dev.alike.serving.Queries;
import dev.alike.serving.RecommendService;
import dev.alike.serving.RecommendService.Answer;
import dev.alike.serving.RecommendService.NoModel;
import dev.alike.store.Backend;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.StoreException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The recommendation HTTP function (Cloud Functions gen2 entry point): {@code GET|POST
 * /recommendations}, {@code GET /similar}, {@code GET|POST /bought-together}, {@code POST /rank},
 * {@code GET /trending}, {@code GET|POST /buy-again}, {@code GET|POST /recently-viewed}, {@code
 * POST /events}, {@code POST /catalog} ({@link CatalogEndpoint}), {@code GET /healthz}, and with
 * {@code ALIKE_DEMO=true} the demo storefront under {@code /demo/} ({@link DemoPage}); see
 * docs/function.md for the API. A thin HTTP adapter: answers come from {@link RecommendService},
 * whose {@link CurrentModel} re-reads the current model version at most once per {@link
 * CurrentModel#REFRESH_NANOS} (a switch shows within a second).
 *
 * <p>Bad input is a 400 with {@code {"error": {"message", "field"}}}; an unknown customer or SKU is
 * a 200 with popular SKUs; a failing store is a 503 with {@code Retry-After}; anything else is a
 * 500. Causes are logged ({@link RequestLog}), never sent to the client. Thread-safe: one instance
 * serves concurrent requests; the store is opened once, lazily, on the first request.
 *
 * <p>Every list answer carries its experiment {@code variant} and an {@code attribution} token, and
 * is recorded ({@link AnswerRecorder}: off the request thread; a recording failure never changes
 * the answer).
 */
public final class RecommendFunction implements HttpFunction {
  static final String JSON = "application/json; charset=utf-8";

  /**
   * What one path answers: the methods it allows (OPTIONS, where listed, is the CORS preflight) and
   * the handler of the others.
   */
  private record Route(List<String> methods, Handler handler) {
    String allowed() {
      return String.join(", ", methods);
    }
  }

  @FunctionalInterface
  private interface Handler {
    Reply handle(String method, HttpRequest request, long start);
  }

  private final FunctionConfig config;
  private final Supplier<ModelStore> opener;
  private final RequestLog log;
  private final Cors cors;
  private final long refreshNanos;
  private final LongSupplier clock;
  private final Object opening = new Object();
  private final DemoPage demo;
  private final Map<String, Route> routes;
  private final EventsEndpoint events;
  private final CatalogEndpoint catalog;
  private final Backend storeBackend;
  private final PlacementsFile placements;
  private final AnswerRecorder answers;
  private volatile RecommendService service;

  /**
   * The entry point used by the Functions Framework: settings from the environment (or from {@link
   * LocalServer}, when it started this function in-process).
   */
  public RecommendFunction() {
    this(LocalServer.installed().orElseGet(RecommendFunction::fromEnvironment));
  }

  private RecommendFunction(LocalServer.Setup setup) {
    this(
        setup.config(),
        setup.store(),
        CloudLogging.logger(RecommendFunction.class.getName()),
        CurrentModel.REFRESH_NANOS,
        System::nanoTime,
        setup.answers());
  }

  /**
   * A function over a given store opener (tests, the CLI).
   *
   * @param opener called once, on the first request that needs the store; a failure is a 503 and
   *     the next request tries again
   * @param answers records every list answer; its owner closes it
   */
  RecommendFunction(
      FunctionConfig config,
      Supplier<ModelStore> opener,
      System.Logger log,
      long refreshNanos,
      LongSupplier clock,
      AnswerRecorder answers) {
    this.config = config;
    this.answers = answers;
    this.opener = opener;
    this.log = new RequestLog(log);
    this.cors = new Cors(config.allowedOrigins());
    this.refreshNanos = refreshNanos;
    this.clock = clock;
    this.demo = config.demo() ? new DemoPage(() -> service().store()) : null;
    this.storeBackend =
        new Backend("model store", Backend.Settings.serving(config.deadlines().storeCall()));
    this.placements =
        new PlacementsFile(
            config.placements() == null && config.demo()
                ? PlacementsFile.DEMO
                : config.placements(),
            com.google.common.base.Suppliers.memoize(
                () -> com.google.cloud.storage.StorageOptions.getDefaultInstance().getService()),
            () -> service().listTypes(),
            refreshNanos,
            clock,
            this.log);
    this.events =
        new EventsEndpoint(
            config,
            // Profile updates have a breaker of their own: a held write lock must not cut reads.
            EventsEndpoint.lazySink(
                config,
                () -> service().store(),
                new Backend(
                    "profile updates", Backend.Settings.serving(config.deadlines().storeCall()))),
            new Backend("events sink", Backend.Settings.serving(config.deadlines().events())));
    this.catalog = new CatalogEndpoint(config, () -> service().store());
    this.routes =
        Map.of(
            "/recommendations",
            new Route(List.of("GET", "POST", "OPTIONS"), this::recommendations),
            "/similar",
            new Route(List.of("GET", "OPTIONS"), this::similar),
            "/rank",
            new Route(List.of("POST", "OPTIONS"), this::rank),
            "/trending",
            new Route(List.of("GET", "OPTIONS"), this::trending),
            "/buy-again",
            new Route(List.of("GET", "POST", "OPTIONS"), this::buyAgain),
            "/recently-viewed",
            new Route(List.of("GET", "POST", "OPTIONS"), this::recentlyViewed),
            "/bought-together",
            new Route(List.of("GET", "POST", "OPTIONS"), this::boughtTogether),
            "/events",
            new Route(
                List.of("POST", "OPTIONS"),
                (method, request, start) -> events.handle(method, request)),
            "/catalog",
            new Route(
                List.of("POST", "OPTIONS"), (method, request, start) -> catalog.post(request)),
            "/healthz",
            new Route(List.of("GET"), (method, request, start) -> health()));
  }

  private static LocalServer.Setup fromEnvironment() {
    FunctionConfig config = FunctionConfig.from(System.getenv());
    StoreFactory factory = StoreFactory.standard(config.deadlines());
    AnswerRecorder answers =
        recorder(config, CloudLogging.logger(RecommendFunction.class.getName()));
    // The runtime stops an instance with SIGTERM: write what is queued before the JVM exits.
    Runtime.getRuntime().addShutdownHook(new Thread(answers::close, "alike-answers-close"));
    return new LocalServer.Setup(config, () -> factory.open(config.store()), answers);
  }

  /**
   * The recorder {@code config} asks for: to {@link FunctionConfig#answersTopic}, else beside a
   * local store; over Firestore without a topic, none (one warning now, and {@code /healthz} says
   * so).
   */
  static AnswerRecorder recorder(FunctionConfig config, System.Logger log) {
    return recorder(config, log, System::currentTimeMillis);
  }

  /** As {@link #recorder(FunctionConfig, System.Logger)}, answers stamped by {@code clock}. */
  static AnswerRecorder recorder(FunctionConfig config, System.Logger log, LongSupplier clock) {
    if (!config.recordAnswers()) {
      return AnswerRecorder.off(FunctionConfig.RECORD_ANSWERS + "=false");
    }
    return EventSinks.answers(config.answersTopic(), config.events().emulatorHost(), config.store())
        .map(sink -> AnswerRecorder.start(sink, AnswerRecorder.CAPACITY, log, clock))
        .orElseGet(
            () -> {
              String why =
                  "no "
                      + FunctionConfig.ANSWERS_TOPIC
                      + " over "
                      + config.store()
                      + ": answers are not recorded, so the experiment report sees none";
              log.log(System.Logger.Level.WARNING, why);
              return AnswerRecorder.off(why);
            });
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    long start = System.nanoTime();
    String method = request.getMethod();
    String path = HttpIo.normalize(request.getPath());
    Reply reply;
    try {
      reply = route(method, path, request, start);
    } catch (BadRequest e) {
      reply = Reply.error(400, e.getMessage(), e.field());
    } catch (CustomerTokens.Unauthorized e) {
      reply = Reply.error(401, e.getMessage(), "token").with("WWW-Authenticate", "Bearer");
    } catch (NoModel e) {
      reply = Reply.error(503, e.getMessage(), null).with("Retry-After", "60");
    } catch (Backend.Unavailable e) {
      // Expected during an outage (and then once per request): a warning without a stack trace.
      log.warning(method + " " + path + ": " + e.getMessage());
      reply =
          Reply.error(503, "the model store is unavailable; retry shortly", null)
              .with("Retry-After", "1");
    } catch (StoreException e) {
      log.error(method + " " + path + ": model store failed", e);
      reply =
          Reply.error(503, "the model store is unavailable; retry shortly", null)
              .with("Retry-After", "1");
    } catch (RuntimeException e) {
      log.error(method + " " + path + ": internal error", e);
      reply = Reply.error(500, "internal error", null);
    }
    HttpIo.write(request, response, reply, cors);
    String url = request.getQuery().map(q -> path + "?" + HttpIo.redactToken(q)).orElse(path);
    log.request(
        method,
        url,
        reply.status(),
        System.nanoTime() - start,
        request.getFirstHeader("User-Agent").orElse(null),
        reply.model());
  }

  private Reply route(String method, String path, HttpRequest request, long start) {
    Route route = routes.get(path);
    if (route == null) {
      String raw = request.getPath();
      if (demo != null && raw != null && DemoPage.owns(raw)) {
        return method.equals("GET") ? demo(raw) : notAllowed(method, "GET");
      }
      return Reply.error(404, "no such path: " + path, null);
    }
    if (!route.methods().contains(method)) {
      return notAllowed(method, route.allowed());
    }
    if (method.equals("OPTIONS")) {
      return new Reply(204, null)
          .with("Access-Control-Allow-Methods", route.allowed())
          .with("Access-Control-Allow-Headers", "Content-Type")
          .with("Access-Control-Max-Age", Cors.PREFLIGHT_MAX_AGE);
    }
    return route.handler().handle(method, request, start);
  }

  private Reply recommendations(String method, HttpRequest request, long start) {
    Parsed<Queries.Recommend> q =
        method.equals("POST")
            ? QueryParser.recommendation(
                HttpIo.body(request), config.events().weights(), placements.get())
            : QueryParser.recommendation(
                HttpIo.parameters(request), config.events().weights(), placements.get());
    config.tokens().check(q.query().customer(), q.token(), Instant.now());
    Answer answer =
        q.query().placement() == null
            ? service().recommend(q.query())
            : service().placed(q.query());
    return answer(
        answer,
        orElse(q.query().customer(), q.session()),
        q.query().placement(),
        start,
        "private, no-store");
  }

  private Reply rank(String method, HttpRequest request, long start) {
    Parsed<Queries.Rank> q = QueryParser.rank(HttpIo.body(request), config.events().weights());
    config.tokens().check(q.query().customer(), q.token(), Instant.now());
    return answer(
        service().rank(q.query()),
        orElse(q.query().customer(), q.session()),
        null,
        start,
        "private, no-store");
  }

  private Reply trending(String method, HttpRequest request, long start) {
    Map<String, List<String>> params = HttpIo.parameters(request);
    Queries.Trending q = QueryParser.trending(params, placements.get());
    return answer(
        service().trending(q),
        QueryParser.session(params),
        q.placement(),
        start,
        "public, max-age=" + config.similarMaxAgeSeconds());
  }

  private Reply buyAgain(String method, HttpRequest request, long start) {
    Queries.History q = history(method, request);
    return answer(
        service().buyAgain(q, Instant.now().getEpochSecond()),
        q.customer(),
        null,
        start,
        "private, no-store");
  }

  private Reply recentlyViewed(String method, HttpRequest request, long start) {
    Queries.History q = history(method, request);
    return answer(service().recentlyViewed(q), q.customer(), null, start, "private, no-store");
  }

  /** A history request, its customer's token checked as for {@code /recommendations}. */
  private Queries.History history(String method, HttpRequest request) {
    Parsed<Queries.History> q =
        method.equals("POST")
            ? QueryParser.history(HttpIo.body(request))
            : QueryParser.history(HttpIo.parameters(request));
    config.tokens().check(q.query().customer(), q.token(), Instant.now());
    return q.query();
  }

  private Reply boughtTogether(String method, HttpRequest request, long start) {
    Parsed<Queries.Together> q =
        method.equals("POST")
            ? QueryParser.together(HttpIo.body(request))
            : QueryParser.together(HttpIo.parameters(request));
    return answer(
        service().boughtTogether(q.query()),
        q.session(),
        q.query().placement(),
        start,
        "public, max-age=" + config.similarMaxAgeSeconds());
  }

  private Reply similar(String method, HttpRequest request, long start) {
    Map<String, List<String>> params = HttpIo.parameters(request);
    Queries.Similar q = QueryParser.similar(params, placements.get());
    return answer(
        service().similar(q),
        QueryParser.session(params),
        q.placement(),
        start,
        "public, max-age=" + config.similarMaxAgeSeconds());
  }

  /**
   * The 200 of a list answer, with its variant and a new attribution token; the answer is recorded
   * for {@code customer} (a customer id, an anonymous session id, or null for neither).
   */
  private Reply answer(
      Answer answer, String customer, Placement placement, long start, String cacheControl) {
    AttributionToken token = record(answers, answer, customer, placement);
    double ms = (System.nanoTime() - start) / 1e6;
    return new Reply(
            200,
            Json.items(
                answer.items(),
                answer.model(),
                token.variant(),
                token.toString(),
                ms,
                answer.degraded(),
                answer.diversityShort()))
        .with("Cache-Control", cacheControl)
        .withModel(answer.model());
  }

  /**
   * Records {@code answer} with {@code recorder} as served to {@code customer} through {@code
   * placement} (null: none), and returns its token: what every list answer costs its request (the
   * benchmark times it too).
   */
  public static AttributionToken record(
      AnswerRecorder recorder, Answer answer, String customer, Placement placement) {
    List<Item> items = answer.items();
    String[] skus = new String[items.size()];
    for (int i = 0; i < skus.length; i++) {
      skus[i] = items.get(i).sku();
    }
    return recorder.record(
        customer,
        placement == null ? null : placement.name(),
        answer.variant(),
        answer.model(),
        Arrays.asList(skus));
  }

  private static String orElse(String customer, String session) {
    return customer != null && !customer.isEmpty() ? customer : session;
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

  /**
   * {@code {"status": "ok"|"degraded", "model", ..., "store": {"state", "failures", "retry_in_ms",
   * "last_error"}, "events": {...}}}: degraded while a breaker is not closed (answers then come
   * from what the instance holds); 503 when no model version is known.
   */
  private Reply health() {
    Optional<CurrentModel.Snapshot> snapshot = service().current();
    if (snapshot.isEmpty()) {
      return Reply.error(503, "no model loaded", null).with("Retry-After", "60");
    }
    ModelInfo m = snapshot.get().info();
    Backend.State store = storeBackend.state();
    Backend.State sink = events.backendState();
    boolean ok = store.healthy() && sink.healthy();
    long age = Math.max(0, Duration.between(m.createdAt(), Instant.now()).getSeconds());
    String body =
        Json.write(
            w -> {
              w.beginObject()
                  .name("status")
                  .value(ok ? "ok" : "degraded")
                  .name("model")
                  .value(m.version())
                  .name("created_at")
                  .value(m.createdAt().toString())
                  .name("age_seconds")
                  .value(age)
                  .name("skus")
                  .value(m.skus())
                  .name("cached_skus")
                  .value(service().cachedSkus());
              w.name("catalog")
                  .beginObject()
                  .name("generation")
                  .value(m.catalogGeneration())
                  .name("changed_skus")
                  .value(snapshot.get().changedSkus())
                  .name("unavailable_skus")
                  .value(snapshot.get().hiddenSkus())
                  .endObject();
              breaker(w.name("store"), store);
              breaker(w.name("events"), sink);
              recording(w.name("answers"), answers.state());
              if (config.placements() != null || config.demo()) {
                w.name("placements").beginObject();
                w.name("count").value(placements.get().names().size());
                if (placements.error() != null) {
                  w.name("error").value(placements.error());
                }
                w.endObject();
              }
              w.endObject();
            });
    return new Reply(200, body).with("Cache-Control", "no-store").withModel(m.version());
  }

  private static void breaker(com.google.gson.stream.JsonWriter w, Backend.State s)
      throws java.io.IOException {
    w.beginObject().name("state").value(s.state()).name("failures").value(s.failures());
    w.name("retry_in_ms").value(s.retryInMillis());
    if (s.lastError() != null) {
      w.name("last_error").value(s.lastError());
    }
    w.endObject();
  }

  /**
   * {@code {"recording": true, "to", "recorded", "lost", "queued", "last_error"}}, or {@code
   * {"recording": false, "why"}}.
   */
  private static void recording(com.google.gson.stream.JsonWriter w, AnswerRecorder.State s)
      throws java.io.IOException {
    w.beginObject().name("recording").value(s.on());
    if (!s.on()) {
      w.name("why").value(s.where()).endObject();
      return;
    }
    w.name("to").value(s.where()).name("recorded").value(s.recorded());
    w.name("lost").value(s.lost()).name("queued").value(s.queued());
    if (s.lastError() != null) {
      w.name("last_error").value(s.lastError());
    }
    w.endObject();
  }

  /** The recorder of this function's answers (tests close it to flush). */
  AnswerRecorder answers() {
    return answers;
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
                  storeBackend,
                  config.deadlines().request(),
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
}
