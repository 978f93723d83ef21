package dev.alike.job;

import com.google.cloud.storage.Storage;
import dev.alike.gcs.CloudStorage;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Cloud Run job's entry point: configured only by {@code ALIKE_*} environment variables (see
 * {@link BuildSettings#fromEnvironment}), exit code 0 on success, 1 with a one-line reason on
 * failure.
 */
public final class BuildJob {
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
      BuildSettings settings = BuildSettings.fromEnvironment(env);
      BuildReport report = new BuildRunner(System.out::println, storage).run(settings);
      System.out.print(report.summary());
      return 0;
    } catch (RuntimeException | OutOfMemoryError e) {
      System.err.println("alike build failed: " + Failures.oneLine(e));
      return 1;
    }
  }
}
