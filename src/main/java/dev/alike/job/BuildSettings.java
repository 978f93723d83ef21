package dev.alike.job;

import dev.alike.events.EventWeights;
import dev.alike.events.IngestOptions;
import dev.alike.model.FitOptions;
import dev.alike.model.Similarities;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything one build needs, from CLI flags or from the Cloud Run job's environment.
 *
 * @param events paths, directories, globs or gs://bucket/prefix URIs
 * @param catalog optional catalog (JSON Lines, local or gs://); null for none
 * @param store {@code local:<dir>}, {@code firestore} or {@code firestore:<database>}
 * @param reportUri optional extra place for the JSON report (local path or gs://); null for none
 * @param keepVersions finished model versions kept after a switch
 */
public record BuildSettings(
    List<String> events,
    String catalog,
    String store,
    FitOptions fit,
    IngestOptions ingest,
    String reportUri,
    int keepVersions) {

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
          "ALIKE_SIMILARITY");

  public BuildSettings {
    if (events == null || events.isEmpty()) {
      throw new IllegalArgumentException("no events input given");
    }
    events = List.copyOf(events);
    if (keepVersions < 1) {
      throw new IllegalArgumentException("keep versions must be >= 1, was " + keepVersions);
    }
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
    FitOptions fit =
        FitOptions.defaults()
            .withK(intVar(env, "ALIKE_K", FitOptions.DEFAULT_K))
            .withMaxSkusPerCustomer(
                intVar(
                    env, "ALIKE_MAX_SKUS_PER_CUSTOMER", FitOptions.DEFAULT_MAX_SKUS_PER_CUSTOMER))
            .withMaxReverse(intVar(env, "ALIKE_MAX_REVERSE", FitOptions.DEFAULT_MAX_REVERSE));
    fit = fit.withHalfLifeSeconds(parse(env, "ALIKE_HALF_LIFE", Durations::seconds, 0.0));
    fit = fit.withSimilarity(parse(env, "ALIKE_SIMILARITY", Similarities::parse, fit.similarity()));
    IngestOptions ingest =
        IngestOptions.defaults()
            .withWeights(parse(env, "ALIKE_WEIGHTS", EventWeights::parse, EventWeights.DEFAULT))
            .withMaxRejectedShare(
                parse(
                    env,
                    "ALIKE_MAX_REJECTED",
                    Double::parseDouble,
                    IngestOptions.DEFAULT_MAX_REJECTED_SHARE));
    return new BuildSettings(
        split(events),
        blankToNull(env.get("ALIKE_CATALOG")),
        env.getOrDefault("ALIKE_STORE", "firestore"),
        fit,
        ingest,
        blankToNull(env.get("ALIKE_REPORT_URI")),
        intVar(env, "ALIKE_KEEP_VERSIONS", DEFAULT_KEEP_VERSIONS));
  }

  private static int intVar(Map<String, String> env, String name, int fallback) {
    return parse(env, name, Integer::parseInt, fallback);
  }

  private static <T> T parse(
      Map<String, String> env,
      String name,
      java.util.function.Function<String, T> parser,
      T fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return parser.apply(value.trim());
    } catch (IllegalArgumentException e) {
      String why = e instanceof NumberFormatException ? "not a number" : e.getMessage();
      throw new IllegalArgumentException(name + "=\"" + value + "\": " + why);
    }
  }

  private static List<String> split(String commaSeparated) {
    List<String> out = new ArrayList<>();
    for (String part : Arrays.asList(commaSeparated.split(","))) {
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
