package dev.alike.store;

import java.util.Arrays;

/** A growable int array for the local store's builders (no boxing). */
final class Ints {
  private int[] values;
  private int size;

  Ints(int expected) {
    values = new int[Math.max(8, expected)];
  }

  void add(int v) {
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
  void addAll(int[] src, int n) {
    if (size + n > values.length) {
      values = Arrays.copyOf(values, Math.max(size + n, size * 2));
    }
    System.arraycopy(src, 0, values, size, n);
    size += n;
  }

  void clear() {
    size = 0;
  }

  /** Drops every value from index {@code size} on. */
  void truncate(int size) {
    this.size = Math.min(this.size, size);
  }

  int size() {
    return size;
  }

  /** The values, trimmed to size. */
  int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
