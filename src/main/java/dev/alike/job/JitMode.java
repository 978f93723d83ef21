package dev.alike.job;

import java.util.Locale;

/**
 * Which HotSpot compilers compile alike's own code in a build process.
 *
 * <p>HotSpot compiles hot code twice by default: quickly with C1 (first with profiling counters),
 * then again, optimised from those profiles, with C2. On two cores a build of a few million events
 * is over before C2's work pays back: the C2 thread takes a core from the parse and similarity
 * threads while they run the slower profiled C1 code. Measured on the 2-core benchmark machine
 * (docs/benchmarks.md), report totals, C1 only against tiered: 1M events (66 MB) 1.2 s against 1.4
 * s, 2M (134 MB) 1.9 s against 2.2 s, 3M (202 MB) 2.7 s against 2.9 s; 10M (675 MB) 7.3-9.1 s
 * against 7.0-7.6 s. Hence {@link #AUTO}'s limit of 256 MB.
 */
public enum JitMode {
  /**
   * {@link #C1} for inputs under {@link #AUTO_C1_BELOW_BYTES} (estimated uncompressed), else
   * tiered.
   */
  AUTO,
  /** C1 only for alike's code (and the JDK's array sort it calls per row). */
  C1,
  /** The JVM's own policy: nothing is changed. */
  TIERED;

  /** Inputs below this many (estimated uncompressed) bytes build faster with C1 only. */
  public static final long AUTO_C1_BELOW_BYTES = 256L << 20;

  /** A gzipped input's compressed bytes times this estimate its JSON Lines or CSV bytes. */
  static final int GZIP_RATIO = 8;

  /**
   * Parses {@code auto}, {@code c1} or {@code tiered}, in any case.
   *
   * @throws IllegalArgumentException naming the value and the choices
   */
  public static JitMode parse(String value) {
    for (JitMode mode : values()) {
      if (mode.name().equalsIgnoreCase(value.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown JIT mode \"" + value + "\"; use auto, c1 or tiered");
  }

  /** Whether a build of {@code inputBytes} (estimated uncompressed) should use C1 only. */
  public boolean c1For(long inputBytes) {
    return this == C1 || (this == AUTO && inputBytes < AUTO_C1_BELOW_BYTES);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
