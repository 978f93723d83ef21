package dev.alike.simulate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;

/**
 * The simulation's time: real time shifted so that simulated day {@code d} (1-based) of {@code
 * days} starts at midnight UTC {@code days - d} days before today's. The server stamps recorded
 * answers with it and the simulator its events, so an answer and the events it caused stay seconds
 * apart while the report's per-day rows are the simulated days, the last one today (before now, so
 * {@code --since} of {@code days} days covers them all).
 */
final class SimulatedClock implements LongSupplier {
  private final long firstDayMillis;
  private final LongSupplier real;
  private volatile long offsetMillis;

  SimulatedClock(int days, LongSupplier realMillis) {
    this.real = realMillis;
    long today =
        Instant.ofEpochMilli(realMillis.getAsLong()).truncatedTo(ChronoUnit.DAYS).toEpochMilli();
    this.firstDayMillis = today - (days - 1) * 86_400_000L;
  }

  /** Moves the clock to the start of simulated day {@code day} (1-based). */
  void startDay(int day) {
    offsetMillis = firstDayMillis + (day - 1) * 86_400_000L - real.getAsLong();
  }

  /** Epoch milliseconds of the simulation. */
  @Override
  public long getAsLong() {
    return real.getAsLong() + offsetMillis;
  }
}
