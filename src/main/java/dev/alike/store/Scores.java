package dev.alike.store;

import java.io.IOException;
import java.util.Arrays;

/**
 * A score column: 4-byte floats when every score survives the round trip through {@code float}
 * (always true for a fitted model, whose scores are floats), 8-byte doubles otherwise, so stored
 * scores read back exactly either way at half the size in the common case.
 */
final class Scores {
  private final float[] floats;
  private final double[] doubles;
  private final int size;

  private Scores(float[] floats, double[] doubles, int size) {
    this.floats = floats;
    this.doubles = doubles;
    this.size = size;
  }

  /** Float scores, {@code values[0, size)} (not copied). */
  static Scores ofFloats(float[] values, int size) {
    return new Scores(values, null, size);
  }

  /** Scores as floats when that is exact, else as doubles ({@code values[0, size)}, not copied). */
  static Scores of(double[] values, int size) {
    for (int i = 0; i < size; i++) {
      if ((double) (float) values[i] != values[i] && !Double.isNaN(values[i])) {
        return new Scores(null, values, size);
      }
    }
    float[] floats = new float[size];
    for (int i = 0; i < size; i++) {
      floats[i] = (float) values[i];
    }
    return new Scores(floats, null, size);
  }

  double get(int i) {
    return floats != null ? floats[i] : doubles[i];
  }

  int size() {
    return size;
  }

  /** The index of the first NaN or infinite score, or -1. */
  int firstNonFinite() {
    for (int i = 0; i < size; i++) {
      if (!Double.isFinite(get(i))) {
        return i;
      }
    }
    return -1;
  }

  void write(BinaryOut out) throws IOException {
    if (floats != null) {
      out.putInt(Float.BYTES);
      out.putFloats(floats, 0, size);
    } else {
      out.putInt(Double.BYTES);
      out.putDoubles(doubles, 0, size);
    }
  }

  static Scores read(BinaryIn in, int n, String what) {
    int width = in.getInt();
    return switch (width) {
      case Float.BYTES -> new Scores(in.getFloats(n), null, n);
      case Double.BYTES -> new Scores(null, in.getDoubles(n), n);
      default -> throw in.malformed(what + " score width is " + width);
    };
  }

  /** A growable double column for builders. */
  static final class Builder {
    private double[] values = new double[64];
    private int size;

    void add(double v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    /** Makes room for {@code capacity} values in all, so adding up to that many never copies. */
    void ensureCapacity(int capacity) {
      if (capacity > values.length) {
        values = Arrays.copyOf(values, capacity);
      }
    }

    /** Appends {@code src[0, n)}. */
    void addAll(double[] src, int n) {
      if (size + n > values.length) {
        values = Arrays.copyOf(values, Math.max(size + n, size * 2));
      }
      System.arraycopy(src, 0, values, size, n);
      size += n;
    }

    int size() {
      return size;
    }

    void clear() {
      size = 0;
    }

    void truncate(int size) {
      this.size = Math.min(this.size, size);
    }

    Scores build() {
      return Scores.of(values, size);
    }
  }
}
