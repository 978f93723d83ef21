package dev.alike.job;

import java.util.Map;

/**
 * The Cloud Run job's entry point: configured only by {@code ALIKE_*} environment variables (see
 * {@link BuildSettings#fromEnvironment}), exit code 0 on success, 1 with a one-line reason on
 * failure.
 */
public final class BuildJob {
  private BuildJob() {}

  public static void main(String[] args) {
    System.exit(run(System.getenv()));
  }

  /** Runs one build from {@code env}; returns the exit code. */
  static int run(Map<String, String> env) {
    try {
      BuildSettings settings = BuildSettings.fromEnvironment(env);
      BuildReport report = new BuildRunner(System.out::println).run(settings);
      System.out.print(report.summary());
      return 0;
    } catch (RuntimeException e) {
      System.err.println("alike build failed: " + oneLine(e));
      return 1;
    }
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replace('\n', ' ');
  }
}
