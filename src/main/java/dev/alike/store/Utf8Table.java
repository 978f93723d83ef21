package dev.alike.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Strings as one UTF-8 byte array plus offsets: string i is {@code blob[offsets[i] ..
 * offsets[i+1])}. Millions of ids cost one array instead of millions of objects; strings are
 * decoded on request. Built by {@link #add}/{@link #intern}, or read back by {@link #read}, which
 * checks that the offsets are ascending and inside the blob.
 */
final class Utf8Table {
  private byte[] blob;
  private int[] offsets;
  private int size;
  private Map<String, Integer> interned;

  /** An empty table to add to. */
  Utf8Table(int expected) {
    blob = new byte[Math.max(64, expected * 8)];
    offsets = new int[Math.max(2, expected + 1)];
  }

  private Utf8Table(byte[] blob, int[] offsets) {
    this.blob = blob;
    this.offsets = offsets;
    this.size = offsets.length - 1;
  }

  /** Appends {@code s} (even if already present); returns its index. */
  int add(String s) {
    return add(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends the UTF-8 bytes of a string; returns its index. */
  int add(byte[] utf8) {
    int end = offsets[size];
    if (end + utf8.length > blob.length || end + utf8.length < 0) {
      blob = Arrays.copyOf(blob, Math.max(end + utf8.length, blob.length * 2));
    }
    System.arraycopy(utf8, 0, blob, end, utf8.length);
    if (size + 2 > offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    offsets[++size] = end + utf8.length;
    return size - 1;
  }

  /** The index of {@code s}, added if this table has not interned it yet. */
  int intern(String s) {
    if (interned == null) {
      interned = new HashMap<>();
    }
    Integer known = interned.get(s);
    if (known != null) {
      return known;
    }
    int index = add(s);
    interned.put(s, index);
    return index;
  }

  int size() {
    return size;
  }

  /** UTF-8 length of string {@code i}. */
  int byteLength(int i) {
    return offsets[i + 1] - offsets[i];
  }

  String get(int i) {
    return new String(blob, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
  }

  /** True when string {@code i} is exactly these UTF-8 bytes. */
  boolean equalsAt(int i, byte[] utf8) {
    return Arrays.equals(blob, offsets[i], offsets[i + 1], utf8, 0, utf8.length);
  }

  /** {@link Fingerprint#of(byte[], int, int)} of string {@code i}. */
  long hash(int i) {
    return Fingerprint.of(blob, offsets[i], offsets[i + 1]);
  }

  /** Every string decoded, in index order. */
  String[] decodeAll() {
    String[] out = new String[size];
    for (int i = 0; i < size; i++) {
      out[i] = get(i);
    }
    return out;
  }

  void write(BinaryOut out) throws IOException {
    out.putInt(size);
    out.putInts(offsets, 0, size + 1);
    out.putBytes(blob, 0, offsets[size]);
  }

  static Utf8Table read(BinaryIn in, String what) {
    int n = in.getCount(what + " count", in.remaining() / Integer.BYTES);
    int[] offsets = in.getInts(n + 1);
    if (offsets[0] != 0) {
      throw in.malformed(what + " offsets start at " + offsets[0]);
    }
    for (int i = 0; i < n; i++) {
      if (offsets[i + 1] < offsets[i]) {
        throw in.malformed(what + " offset " + (i + 1) + " goes backwards");
      }
    }
    return new Utf8Table(in.getBytes(offsets[n]), offsets);
  }
}
