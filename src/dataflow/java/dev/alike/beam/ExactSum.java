package dev.alike.beam;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The exact sum of doubles as non-overlapping partials (Shewchuk's algorithm, as Python's {@code
 * math.fsum}), with the number of terms. Its {@link #value()} is the correctly rounded sum, the
 * same whatever order terms and partial sums arrive in: a combiner may add a pair's products on
 * many workers in any order and still give every run, and both SKUs of a tie, identical bits.
 * Usually one or two partials are held.
 */
final class ExactSum implements Serializable {
  private double[] partials;
  private int size;
  private int terms;

  ExactSum() {
    partials = new double[2];
  }

  /** A sum of {@code terms} terms held as {@code partials} (as {@link #partials()} gave them). */
  ExactSum(double[] partials, int terms) {
    this.partials = partials.length == 0 ? new double[2] : partials.clone();
    this.size = partials.length;
    this.terms = terms;
  }

  /** The non-overlapping partials, smallest first: with {@link #terms()}, the whole state. */
  double[] partials() {
    return Arrays.copyOf(partials, size);
  }

  /** Adds one term. */
  void add(double x) {
    addPartial(x);
    terms++;
  }

  /** Adds everything {@code other} holds. */
  void addAll(ExactSum other) {
    for (int p = 0; p < other.size; p++) {
      addPartial(other.partials[p]);
    }
    terms += other.terms;
  }

  private void addPartial(double x) {
    int kept = 0;
    for (int p = 0; p < size; p++) {
      double y = partials[p];
      if (Math.abs(x) < Math.abs(y)) {
        double t = x;
        x = y;
        y = t;
      }
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) {
        partials[kept++] = lo;
      }
      x = hi;
    }
    if (kept == partials.length) {
      partials = Arrays.copyOf(partials, kept * 2);
    }
    partials[kept++] = x;
    size = kept;
  }

  /** Terms added. */
  int terms() {
    return terms;
  }

  /** The sum rounded once to the nearest double. */
  double value() {
    if (size <= 1) {
      return size == 0 ? 0.0 : partials[0];
    }
    BigDecimal exact = BigDecimal.ZERO;
    for (int p = 0; p < size; p++) {
      exact = exact.add(new BigDecimal(partials[p]));
    }
    return exact.doubleValue();
  }
}
