package dev.alike.cli;

import com.google.cloud.storage.Storage;
import dev.alike.gcs.CloudStorage;
import dev.alike.job.Failures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The Cloud Run job's entry point: the CLI's {@code build} ({@link BuildCommand}), its flags given
 * by {@code ALIKE_*} environment variables ({@link #FLAGS}; unset or blank ones keep the flag's
 * default). Exit code 0 on success, 1 with a one-line reason naming the variable on failure.
 */
public final class BuildJob {
  /** Each variable the job reads and the flag of {@code alike build} it sets. */
  static final Map<String, String> FLAGS = new LinkedHashMap<>();

  static {
    FLAGS.put("ALIKE_EVENTS", "--events"); // comma-separated
    FLAGS.put("ALIKE_CATALOG", "--catalog");
    FLAGS.put("ALIKE_STORE", "--store");
    FLAGS.put("ALIKE_K", "--k");
    FLAGS.put("ALIKE_SIMILARITY", "--similarity");
    FLAGS.put("ALIKE_WEIGHTS", "--weights");
    FLAGS.put("ALIKE_GA4_CUSTOMER", "--ga4-customer");
    FLAGS.put("ALIKE_GA4_EVENTS", "--ga4-events");
    FLAGS.put("ALIKE_GA4_VARIANT_SEPARATOR", "--ga4-variant-separator");
    FLAGS.put("ALIKE_HALF_LIFE", "--half-life");
    FLAGS.put("ALIKE_TRENDING_WINDOW", "--trending-window");
    FLAGS.put("ALIKE_MAX_SKUS_PER_CUSTOMER", "--max-skus-per-customer");
    FLAGS.put("ALIKE_MAX_REVERSE", "--max-reverse");
    FLAGS.put("ALIKE_MAX_REJECTED", "--max-rejected");
    FLAGS.put("ALIKE_COLD_START_MIN_INTERACTIONS", "--cold-start-min-interactions");
    FLAGS.put("ALIKE_REPORT_URI", "--report");
    FLAGS.put("ALIKE_KEEP_VERSIONS", "--keep-versions");
    FLAGS.put("ALIKE_CHECK_MEMORY", "--no-memory-check"); // true or false
    FLAGS.put("ALIKE_REALTIME_EVENTS", "--realtime-events");
    FLAGS.put("ALIKE_REALTIME_WAIT", "--realtime-wait");
    FLAGS.put("ALIKE_STORE_TIMEOUT", "--store-timeout");
    FLAGS.put("ALIKE_STORE_ATTEMPTS", "--store-attempts");
    FLAGS.put("ALIKE_PLACEMENTS", "--placements");
    // The experiment report after a successful build (dev.alike.job.NightlyReport).
    FLAGS.put("ALIKE_ANSWERS", "--answers"); // comma-separated
    FLAGS.put("ALIKE_EXPERIMENT_REPORT", "--experiment-report");
    FLAGS.put("ALIKE_EXPERIMENT_SINCE", "--experiment-since");
  }

  private BuildJob() {}

  public static void main(String[] args) {
    Failures.exitOnOutOfMemory("alike build failed: ");
    System.exit(run(System.getenv()));
  }

  /** Runs one build from {@code env}; returns the exit code. */
  static int run(Map<String, String> env) {
    return run(env, CloudStorage::client);
  }

  /** As {@link #run(Map)}, with gs:// locations read and written through {@code storage}. */
  static int run(Map<String, String> env, Supplier<Storage> storage) {
    try {
      return command(env, storage).call();
    } catch (RuntimeException | OutOfMemoryError e) {
      System.err.println("alike build failed: " + Failures.oneLine(e));
      return 1;
    }
  }

  /**
   * The {@code build} command {@code env} describes, its settings checked.
   *
   * @throws IllegalArgumentException naming the variable and its value when a flag is refused
   */
  static BuildCommand command(Map<String, String> env, Supplier<Storage> storage) {
    BuildCommand command = new BuildCommand(storage);
    try {
      new CommandLine(command).parseArgs(flags(env).toArray(new String[0]));
      command.settings();
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(named(e, env), e);
    }
    return command;
  }

  /**
   * The flags of {@code alike build} that {@code env} sets.
   *
   * @throws IllegalArgumentException naming an {@code ALIKE_*} variable the job does not read, or a
   *     bad {@code ALIKE_CHECK_MEMORY}
   */
  public static List<String> flags(Map<String, String> env) {
    Set<String> unknown = new TreeSet<>();
    for (String name : env.keySet()) {
      if (name.startsWith("ALIKE_") && !FLAGS.containsKey(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown variable(s) " + unknown + "; the job reads " + new TreeSet<>(FLAGS.keySet()));
    }
    List<String> flags = new ArrayList<>();
    FLAGS.forEach(
        (name, flag) -> {
          String value = env.get(name);
          if (value == null || value.isBlank()) {
            return;
          }
          value = value.trim();
          if (name.equals("ALIKE_CHECK_MEMORY")) {
            if (!memoryCheck(value)) {
              flags.add(flag);
            }
          } else if (name.equals("ALIKE_EVENTS")) {
            for (String part : value.split(",")) {
              if (!part.isBlank()) {
                flags.add(flag);
                flags.add(part.trim());
              }
            }
          } else {
            flags.add(flag + "=" + value);
          }
        });
    return flags;
  }

  private static boolean memoryCheck(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "on", "1" -> true;
      case "false", "off", "0" -> false;
      default ->
          throw new IllegalArgumentException(
              "ALIKE_CHECK_MEMORY=\"" + value + "\": must be true or false");
    };
  }

  /** The flag's problem told as the variable's: {@code ALIKE_K="abc": ...}. */
  private static String named(CommandLine.ParameterException e, Map<String, String> env) {
    ArgSpec arg = e.getArgSpec();
    if (e instanceof CommandLine.MissingParameterException missing) {
      arg = missing.getMissing().isEmpty() ? null : missing.getMissing().get(0);
    }
    if (arg instanceof OptionSpec option) {
      for (Map.Entry<String, String> v : FLAGS.entrySet()) {
        if (option.longestName().equals(v.getValue())) {
          String value = env.get(v.getKey());
          return value == null || value.isBlank()
              ? v.getKey() + " is not set: " + Failures.oneLine(e)
              : v.getKey() + "=\"" + value + "\": " + Failures.oneLine(e);
        }
      }
    }
    return Failures.oneLine(e);
  }
}
