package dev.alike.serving;

import dev.alike.model.StableHash;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a unit (a customer id or an anonymous session id) falls in an experiment: a stable point of
 * [0, 1) from the {@link StableHash} of the experiment's name, a zero byte and the unit, taken from
 * the hash's high 53 bits. Anyone can recompute it offline; no instance state enters it, so every
 * instance puts a unit in the same variant. Nothing is allocated per request.
 */
final class Assignment {
  private Assignment() {}

  /** The point of {@code unit} in {@code experiment}; a fresh random point when unit is null. */
  static double point(String experiment, String unit) {
    if (unit == null) {
      return ThreadLocalRandom.current().nextDouble();
    }
    long h = StableHash.addByte(StableHash.add(StableHash.START, experiment), 0);
    return (StableHash.finish(StableHash.add(h, unit)) >>> 11) * 0x1.0p-53;
  }
}
