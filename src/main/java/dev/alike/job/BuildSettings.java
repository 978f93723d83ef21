package dev.alike.job;

import dev.alike.events.EventWeights;
import dev.alike.events.IngestOptions;
import dev.alike.model.FitOptions;
import dev.alike.model.Similarities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Everything one build needs, from CLI flags or from the Cloud Run job's environment.
 *
 * @param events paths, directories, globs or gs://bucket/prefix URIs
 * @param catalog optional catalog (JSON Lines, local or gs://); null for none
 * @param store {@code local:<dir>}, {@code firestore} or {@code firestore:<database>}
 * @param reportUri optional extra place for the JSON report (local path or gs://); null for none
 * @param keepVersions finished model versions kept after a switch
 * @param checkMemory whether to fail before reading when the heap is estimated too small for the
 *     events ({@link MemoryEstimate}); off only when the estimate is known to be too cautious
 * @param realtimeEvents gs:// prefix where the events subscription writes real-time event files, or
 *     null: after replacing the profiles the build replays the files there that it did not read
 *     (events accepted while it ran). The local store's log needs no setting.
 * @param realtimeWaitSeconds how long to wait before listing {@code realtimeEvents}: the
 *     subscription's longest file duration plus a margin, so that every event accepted during the
 *     build is in a file by then
 */
public record BuildSettings(
    List<String> events,
    String catalog,
    String store,
    FitOptions fit,
    IngestOptions ingest,
    String reportUri,
    int keepVersions,
    boolean checkMemory,
    String realtimeEvents,
    long realtimeWaitSeconds) {

  /** Current plus one to roll back to. */
  public static final int DEFAULT_KEEP_VERSIONS = 2;

  /** The environment variables the job reads; any other {@code ALIKE_*} variable is an error. */
  static final Set<String> VARIABLES =
      Set.of(
          "ALIKE_EVENTS",
          "ALIKE_CATALOG",
          "ALIKE_STORE",
          "ALIKE_K",
          "ALIKE_WEIGHTS",
          "ALIKE_HALF_LIFE",
          "ALIKE_MAX_SKUS_PER_CUSTOMER",
          "ALIKE_MAX_REVERSE",
          "ALIKE_MAX_REJECTED",
          "ALIKE_REPORT_URI",
          "ALIKE_KEEP_VERSIONS",
          "ALIKE_SIMILARITY",
          "ALIKE_CHECK_MEMORY",
          "ALIKE_REALTIME_EVENTS",
          "ALIKE_REALTIME_WAIT");

  public BuildSettings {
    if (events == null || events.isEmpty()) {
      throw new IllegalArgumentException("no events input given");
    }
    events = List.copyOf(events);
    if (keepVersions < 1) {
      throw new IllegalArgumentException("keep versions must be >= 1, was " + keepVersions);
    }
    if (realtimeEvents != null && !realtimeEvents.startsWith("gs://")) {
      throw new IllegalArgumentException(
          "real-time events location \"" + realtimeEvents + "\" is not a gs:// prefix");
    }
    if (realtimeWaitSeconds < 0) {
      throw new IllegalArgumentException(
          "real-time wait must be >= 0 seconds, was " + realtimeWaitSeconds);
    }
  }

  /** Settings without a real-time events bucket. */
  public BuildSettings(
      List<String> events,
      String catalog,
      String store,
      FitOptions fit,
      IngestOptions ingest,
      String reportUri,
      int keepVersions,
      boolean checkMemory) {
    this(events, catalog, store, fit, ingest, reportUri, keepVersions, checkMemory, null, 0);
  }

  /**
   * Settings from environment variables (the Cloud Run job). Only {@code ALIKE_EVENTS} is required;
   * the store defaults to Firestore's default database.
   *
   * @throws IllegalArgumentException naming the variable and its bad value
   */
  public static BuildSettings fromEnvironment(Map<String, String> env) {
    Set<String> unknown = new TreeSet<>();
    for (String name : env.keySet()) {
      if (name.startsWith("ALIKE_") && !VARIABLES.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown variable(s) " + unknown + "; the job reads " + new TreeSet<>(VARIABLES));
    }
    String events = env.getOrDefault("ALIKE_EVENTS", "").trim();
    if (events.isEmpty()) {
      throw new IllegalArgumentException("ALIKE_EVENTS is not set (e.g. gs://my-bucket/events/)");
    }
    // Each setting is applied inside apply() so that the range checks of the option records (k >=
    // 1, a share in [0, 1], ...) also fail with the variable's name and value.
    FitOptions fit = FitOptions.defaults();
    fit = apply(env, "ALIKE_K", fit, (f, v) -> f.withK(Integer.parseInt(v)));
    fit =
        apply(
            env,
            "ALIKE_MAX_SKUS_PER_CUSTOMER",
            fit,
            (f, v) -> f.withMaxSkusPerCustomer(Integer.parseInt(v)));
    fit = apply(env, "ALIKE_MAX_REVERSE", fit, (f, v) -> f.withMaxReverse(Integer.parseInt(v)));
    fit = apply(env, "ALIKE_HALF_LIFE", fit, (f, v) -> f.withHalfLifeSeconds(Durations.seconds(v)));
    fit = apply(env, "ALIKE_SIMILARITY", fit, (f, v) -> f.withSimilarity(Similarities.parse(v)));
    IngestOptions ingest = IngestOptions.defaults();
    ingest = apply(env, "ALIKE_WEIGHTS", ingest, (o, v) -> o.withWeights(EventWeights.parse(v)));
    ingest =
        apply(
            env,
            "ALIKE_MAX_REJECTED",
            ingest,
            (o, v) -> o.withMaxRejectedShare(Double.parseDouble(v)));
    int keep = apply(env, "ALIKE_KEEP_VERSIONS", DEFAULT_KEEP_VERSIONS, (k, v) -> atLeastOne(v));
    boolean checkMemory = apply(env, "ALIKE_CHECK_MEMORY", true, (c, v) -> bool(v));
    List<String> inputs = split(events);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("ALIKE_EVENTS=\"" + events + "\": names no input");
    }
    return new BuildSettings(
        inputs,
        blankToNull(env.get("ALIKE_CATALOG")),
        env.getOrDefault("ALIKE_STORE", "firestore"),
        fit,
        ingest,
        blankToNull(env.get("ALIKE_REPORT_URI")),
        keep,
        checkMemory,
        blankToNull(env.get("ALIKE_REALTIME_EVENTS")),
        apply(env, "ALIKE_REALTIME_WAIT", 0L, (w, v) -> Math.round(Durations.seconds(v))));
  }

  /**
   * {@code setting} with variable {@code name} applied by {@code with}, or {@code setting} itself
   * when the variable is unset or blank.
   *
   * @throws IllegalArgumentException naming the variable and its value when {@code with} rejects it
   */
  private static <T> T apply(
      Map<String, String> env, String name, T setting, BiFunction<T, String, T> with) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return setting;
    }
    try {
      return with.apply(setting, value.trim());
    } catch (IllegalArgumentException e) {
      String why = e instanceof NumberFormatException ? "not a number" : e.getMessage();
      throw new IllegalArgumentException(name + "=\"" + value + "\": " + why, e);
    }
  }

  private static int atLeastOne(String value) {
    int n = Integer.parseInt(value);
    if (n < 1) {
      throw new IllegalArgumentException("must be >= 1");
    }
    return n;
  }

  private static boolean bool(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "on", "1" -> true;
      case "false", "off", "0" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  private static List<String> split(String commaSeparated) {
    List<String> out = new ArrayList<>();
    for (String part : commaSeparated.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
