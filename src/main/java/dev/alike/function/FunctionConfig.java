package dev.alike.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The function's settings, built from environment-style variables. Only {@link
 * RecommendFunction#RecommendFunction()} and the CLI read the real environment; tests build a map.
 *
 * @param store where the model lives: {@code local:<dir>}, {@code firestore} or {@code
 *     firestore:<databaseId>} ({@value #STORE})
 * @param allowedOrigins CORS origins allowed to call the API; {@code *} allows any; empty list: no
 *     CORS headers at all ({@value #ALLOWED_ORIGINS})
 * @param demo whether the demo storefront is served under {@code /demo/} ({@value #DEMO})
 * @param cacheSkus SKU documents kept in memory across requests ({@value #CACHE_SKUS})
 * @param similarMaxAgeSeconds {@code Cache-Control: max-age} of {@code /similar} answers ({@value
 *     #SIMILAR_MAX_AGE})
 * @param tokens signed customer tokens: secrets ({@value CustomerTokens#SECRET}, {@value
 *     CustomerTokens#PREVIOUS_SECRET}) and whether {@code customer=} needs one ({@value
 *     CustomerTokens#REQUIRE})
 * @param events {@code POST /events} and the push handler ({@link EventsConfig})
 * @param deadlines how long a request waits on the store or the events topic ({@link Deadlines})
 * @param placements the placements file, a local path or gs:// URI, or null for none ({@value
 *     #PLACEMENTS}; re-read when it changes, see {@link PlacementsFile})
 * @param answersTopic Pub/Sub topic every list answer is recorded to ({@value #ANSWERS_TOPIC},
 *     {@code projects/P/topics/T}); null: over a local store, files beside it; over Firestore, not
 *     recorded
 * @param recordAnswers whether list answers are recorded at all ({@value #RECORD_ANSWERS}, default
 *     true; their attribution tokens are minted either way)
 */
public record FunctionConfig(
    String store,
    List<String> allowedOrigins,
    boolean demo,
    int cacheSkus,
    int similarMaxAgeSeconds,
    CustomerTokens tokens,
    EventsConfig events,
    Deadlines deadlines,
    String placements,
    String answersTopic,
    boolean recordAnswers) {

  public static final String STORE = "ALIKE_STORE";
  public static final String ALLOWED_ORIGINS = "ALIKE_ALLOWED_ORIGINS";
  public static final String DEMO = "ALIKE_DEMO";
  public static final String CACHE_SKUS = "ALIKE_CACHE_SKUS";
  public static final String SIMILAR_MAX_AGE = "ALIKE_SIMILAR_MAX_AGE";
  public static final String PLACEMENTS = "ALIKE_PLACEMENTS";
  public static final String ANSWERS_TOPIC = "ALIKE_ANSWERS_TOPIC";
  public static final String RECORD_ANSWERS = "ALIKE_RECORD_ANSWERS";

  /** The embedded store under the working directory, as the CLI's build writes it by default. */
  public static final String DEFAULT_STORE = "local:alike-data";

  /**
   * 20,000 documents: a document with k = 50 neighbours and a reverse list of similar length takes
   * about 10-15 KiB of heap, so the cache stays near 250 MiB and fits a 512 MiB-1 GiB instance,
   * while covering the head of a catalog, which serves most requests (popularity is heavy-tailed).
   */
  public static final int DEFAULT_CACHE_SKUS = 20_000;

  /** Five minutes: neighbour lists change once per batch build (hours), so staleness is cheap. */
  public static final int DEFAULT_SIMILAR_MAX_AGE = 300;

  public FunctionConfig {
    if (store == null || store.isBlank()) {
      throw new IllegalArgumentException(STORE + " must be non-empty");
    }
    allowedOrigins = List.copyOf(allowedOrigins);
    tokens = tokens == null ? CustomerTokens.NONE : tokens;
    events = events == null ? EventsConfig.LOCAL : events;
    deadlines = deadlines == null ? Deadlines.DEFAULT : deadlines;
    if (events.catalogWrites() && !tokens.enabled()) {
      throw new IllegalArgumentException(
          EventsConfig.CATALOG_WRITES
              + "=true needs "
              + CustomerTokens.SECRET
              + ": every catalog update must carry a signed catalog token");
    }
    if (cacheSkus < 0) {
      throw new IllegalArgumentException(CACHE_SKUS + " must be >= 0, was " + cacheSkus);
    }
    if (answersTopic != null && !answersTopic.matches("projects/[^/]+/topics/[^/]+")) {
      throw new IllegalArgumentException(
          ANSWERS_TOPIC + " must be projects/PROJECT/topics/TOPIC, was \"" + answersTopic + "\"");
    }
    if (similarMaxAgeSeconds < 0) {
      throw new IllegalArgumentException(
          SIMILAR_MAX_AGE + " must be >= 0, was " + similarMaxAgeSeconds);
    }
  }

  /**
   * Settings from variables named as above; missing or blank variables take the defaults.
   *
   * @throws IllegalArgumentException naming the variable and value when a value cannot be used
   */
  public static FunctionConfig from(Map<String, String> env) {
    return new FunctionConfig(
        value(env, STORE, DEFAULT_STORE),
        origins(value(env, ALLOWED_ORIGINS, "")),
        bool(env, DEMO),
        integer(env, CACHE_SKUS, DEFAULT_CACHE_SKUS),
        integer(env, SIMILAR_MAX_AGE, DEFAULT_SIMILAR_MAX_AGE),
        CustomerTokens.from(env, bool(env, CustomerTokens.REQUIRE)),
        EventsConfig.from(env),
        Deadlines.from(env),
        value(env, PLACEMENTS, null),
        value(env, ANSWERS_TOPIC, null),
        bool(env, RECORD_ANSWERS, true));
  }

  /** A copy with another placements file (the CLI's {@code --placements}; null: none). */
  public FunctionConfig withPlacements(String location) {
    return new FunctionConfig(
        store,
        allowedOrigins,
        demo,
        cacheSkus,
        similarMaxAgeSeconds,
        tokens,
        events,
        deadlines,
        location,
        answersTopic,
        recordAnswers);
  }

  /**
   * A copy recording answers to {@code topic} (null: beside a local store) or not at all (the CLI's
   * {@code --answers-topic}, {@code --no-record-answers}).
   */
  public FunctionConfig withAnswers(String topic, boolean record) {
    return new FunctionConfig(
        store,
        allowedOrigins,
        demo,
        cacheSkus,
        similarMaxAgeSeconds,
        tokens,
        events,
        deadlines,
        placements,
        topic,
        record);
  }

  /** A copy with another store spec (the CLI's {@code --store}). */
  public FunctionConfig withStore(String spec) {
    return new FunctionConfig(
        spec,
        allowedOrigins,
        demo,
        cacheSkus,
        similarMaxAgeSeconds,
        tokens,
        events,
        deadlines,
        placements,
        answersTopic,
        recordAnswers);
  }

  /** A copy with the demo page on or off (the CLI's {@code --demo}). */
  public FunctionConfig withDemo(boolean on) {
    return new FunctionConfig(
        store,
        allowedOrigins,
        on,
        cacheSkus,
        similarMaxAgeSeconds,
        tokens,
        events,
        deadlines,
        placements,
        answersTopic,
        recordAnswers);
  }

  /** A copy with other allowed origins. */
  public FunctionConfig withAllowedOrigins(List<String> origins) {
    return new FunctionConfig(
        store,
        origins,
        demo,
        cacheSkus,
        similarMaxAgeSeconds,
        tokens,
        events,
        deadlines,
        placements,
        answersTopic,
        recordAnswers);
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  /** Comma-separated origins, each trimmed, empty parts dropped (env var and CLI flag alike). */
  public static List<String> origins(String csv) {
    List<String> out = new ArrayList<>();
    for (String part : csv.split(",")) {
      String origin = part.trim();
      if (!origin.isEmpty()) {
        out.add(origin);
      }
    }
    return out;
  }

  private static boolean bool(Map<String, String> env, String name) {
    return bool(env, name, false);
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    String v = value(env, name, Boolean.toString(fallback)).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, was " + v);
    };
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String v = value(env, name, Integer.toString(fallback));
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, was \"" + v + "\"", e);
    }
  }
}
