package dev.alike.job;

/** One-line reasons for failures at the entry points (CLI, Cloud Run job): never a stack trace. */
public final class Failures {
  private Failures() {}

  /**
   * The failure as one line: its message with newlines flattened, or, when an {@link
   * OutOfMemoryError} is anywhere in the cause chain, what ran out and what to raise.
   */
  public static String oneLine(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return outOfMemory(t);
      }
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replace('\n', ' ');
  }

  private static String outOfMemory(Throwable oom) {
    return "out of memory ("
        + oom.getMessage()
        + ", max heap "
        + (Runtime.getRuntime().maxMemory() >> 20)
        + " MB): raise -Xmx or the job's memory";
  }

  /**
   * Makes a thread that dies of an {@link OutOfMemoryError} end the process with one line and exit
   * code 1 instead of a stack trace and a half-working process: called once by each entry point.
   * Other uncaught failures keep the JVM's default handling.
   */
  public static void exitOnOutOfMemory(String prefix) {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (e instanceof OutOfMemoryError) {
            System.err.println(prefix + oneLine(e));
            Runtime.getRuntime().halt(1);
          } else if (previous != null) {
            previous.uncaughtException(thread, e);
          } else {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            e.printStackTrace();
          }
        });
  }
}
