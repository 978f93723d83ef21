package dev.alike.events;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Map from an id's bytes to a dense index in first-seen order, so hot loops find a known id without
 * creating a String. Each key is (kind, bytes): the same bytes mean the same id only under the same
 * encoding kind. Two different keys may decode to the same String (e.g. {@code "x""y"} quoted in
 * CSV and {@code x"y}); {@link GlobalIds} unifies them. Strings are made only on request ({@link
 * #string}), so a chunk's table allocates nothing per id beyond its key bytes.
 *
 * <p>Lookups are bound by cache misses, so each slot holds two longs side by side: the key's first
 * 7 bytes packed with its length and kind, and its hash with its index. Keys of up to 7 bytes are
 * decided by the slot alone (one miss); longer keys also compare the stored bytes.
 */
final class ByteIdTable {
  /** Plain UTF-8 bytes of the id. */
  static final byte UTF8 = 0;

  /** The body of a quoted CSV field containing doubled quotes. */
  static final byte CSV_QUOTED = 1;

  /** UTF-16BE bytes of a String holding unpaired surrogates (which UTF-8 cannot carry). */
  static final byte UTF16 = 2;

  private static final int INLINE = 7;
  private static final HashFunction FARM = Hashing.farmHashFingerprint64();
  private byte[] arena;
  private int arenaSize;
  private long[] keyAt;
  private int[] hashes;
  private byte[] kinds;
  private String[] strings;
  private int size;

  /** Two longs per slot: packed key word, then (hash &lt;&lt; 32 | index + 1); 0 = empty. */
  private long[] slots;

  /** An empty table; {@code expected} ids fit without growing. */
  ByteIdTable(int expected) {
    int cap = Math.max(16, expected);
    arena = new byte[cap * 8];
    keyAt = new long[cap];
    hashes = new int[cap];
    kinds = new byte[cap];
    strings = new String[cap];
    slots = new long[4 * Integer.highestOneBit(cap * 2 - 1)];
  }

  int size() {
    return size;
  }

  /** Removes every id, keeping the capacity reached. */
  void clear() {
    Arrays.fill(slots, 0);
    Arrays.fill(strings, 0, size, null);
    size = 0;
    arenaSize = 0;
  }

  /** The arena holding every key's bytes; key {@code i} is at {@link #offset}, {@link #length}. */
  byte[] arena() {
    return arena;
  }

  int offset(int i) {
    return (int) (keyAt[i] >>> 32);
  }

  int length(int i) {
    return (int) keyAt[i];
  }

  byte kind(int i) {
    return kinds[i];
  }

  /**
   * The {@link #hash} of key {@code i}, kept so the merge into {@link GlobalIds} need not redo it.
   */
  int hash(int i) {
    return hashes[i];
  }

  /** The id at index {@code i} as a String, decoded from its key on first use. */
  String string(int i) {
    String s = strings[i];
    if (s == null) {
      s = decode(arena, offset(i), length(i), kinds[i]);
      strings[i] = s;
    }
    return s;
  }

  /**
   * The index of a String id (used by the slower Gson and session paths), under its canonical key:
   * its UTF-8 bytes, or UTF-16 bytes when it holds an unpaired surrogate.
   */
  int add(String id) {
    byte kind = canonicalKind(id);
    byte[] b = canonicalBytes(id, kind);
    int before = size;
    int index = add(b, 0, b.length, kind);
    if (index == before) {
      strings[index] = id;
    }
    return index;
  }

  /** {@link #UTF16} when {@code id} has an unpaired surrogate, else {@link #UTF8}. */
  static byte canonicalKind(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < id.length()
          && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return UTF16;
      }
    }
    return UTF8;
  }

  /**
   * The key bytes of {@code id} under {@code kind} ({@link #canonicalKind}). UTF-16 is written char
   * by char, because the JDK's UTF-16 encoder replaces unpaired surrogates with U+FFFD and would
   * merge distinct ids.
   */
  static byte[] canonicalBytes(String id, byte kind) {
    if (kind != UTF16) {
      return id.getBytes(StandardCharsets.UTF_8);
    }
    byte[] b = new byte[2 * id.length()];
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      b[2 * i] = (byte) (c >>> 8);
      b[2 * i + 1] = (byte) c;
    }
    return b;
  }

  /** The index of the key {@code (kind, b[off, off+len))}, assigning the next index if new. */
  int add(byte[] b, int off, int len, byte kind) {
    long word = word(b, off, len, kind);
    return add(b, off, len, word, hash(word, b, off, len));
  }

  /**
   * As {@link #add(byte[], int, int, byte)} for a key whose {@code word} and {@link #hash} {@code
   * h} are known (from another table holding the same key).
   */
  int add(byte[] b, int off, int len, long word, int h) {
    long[] t = slots;
    int mask = (t.length >> 1) - 1;
    for (int s = h & mask; ; s = (s + 1) & mask) {
      long meta = t[2 * s + 1];
      if (meta == 0) {
        int index = insert(b, off, len, (byte) (word >>> 62), h);
        t[2 * s] = word;
        t[2 * s + 1] = (long) h << 32 | (index + 1L);
        if (size * 2 > mask) {
          rehash();
        }
        return index;
      }
      if (t[2 * s] == word && (int) (meta >>> 32) == h) {
        int k = (int) meta - 1;
        if (len <= INLINE || sameBytes(k, b, off, len)) {
          return k;
        }
      }
    }
  }

  /** First 7 bytes, then the length (capped at 63) in bits 56-61 and the kind in bits 62-63. */
  static long word(byte[] b, int off, int len, byte kind) {
    return Words.of(b, off, Math.min(len, INLINE))
        | (long) Math.min(len, 63) << 56
        | (long) kind << 62;
  }

  /**
   * Guava's FarmHash fingerprint (64-bit, folded to 32) of the key's bytes, its length and kind
   * folded into the low byte (the slot's word still tells kinds apart). An earlier hand-written
   * hash XORed an overlapping read into the first 7 bytes, which cancelled them for 8-14-byte ids
   * (8-digit numbers, {@code c1000000}) and piled those into long probe runs: quadratic lookups,
   * guarded against now by {@code ByteIdTableProbeTest}. FarmHash reads 8 bytes a step where
   * Guava's Murmur3 (used before) reads 4 byte by byte: 10 against 34 ns for a 40-byte id, 5-6
   * against 9-10 ns for a 7-byte one (docs/benchmarks.md), so no hash of our own is needed.
   */
  static int hash(long word, byte[] b, int off, int len) {
    long h = FARM.hashBytes(b, off, len).asLong();
    return (int) (h ^ (h >>> 32)) ^ (int) (word >>> 56);
  }

  /**
   * The longest probe run of any key: how many slots past its home slot it sits, plus one. Linear
   * probing at this table's load (at most one half) keeps it logarithmic in the size for a hash
   * that spreads keys; a poor hash makes it grow with the size.
   */
  int longestProbe() {
    long[] t = slots;
    int mask = (t.length >> 1) - 1;
    int longest = 0;
    for (int s = 0; s <= mask; s++) {
      long meta = t[2 * s + 1];
      if (meta != 0) {
        int home = (int) (meta >>> 32) & mask;
        longest = Math.max(longest, ((s - home) & mask) + 1);
      }
    }
    return longest;
  }

  private boolean sameBytes(int k, byte[] b, int off, int len) {
    long at = keyAt[k];
    int from = (int) (at >>> 32);
    return (int) at == len && Arrays.equals(arena, from, from + len, b, off, off + len);
  }

  private int insert(byte[] b, int off, int len, byte kind, int h) {
    if (size == keyAt.length) {
      int cap = size * 2;
      keyAt = Arrays.copyOf(keyAt, cap);
      hashes = Arrays.copyOf(hashes, cap);
      kinds = Arrays.copyOf(kinds, cap);
      strings = Arrays.copyOf(strings, cap);
    }
    if (arenaSize + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + len));
    }
    System.arraycopy(b, off, arena, arenaSize, len);
    keyAt[size] = (long) arenaSize << 32 | len;
    hashes[size] = h;
    kinds[size] = kind;
    arenaSize += len;
    return size++;
  }

  private static String decode(byte[] b, int off, int len, byte kind) {
    return switch (kind) {
      case CSV_QUOTED -> new String(b, off, len, StandardCharsets.UTF_8).replace("\"\"", "\"");
      case UTF16 -> utf16(b, off, len);
      default -> new String(b, off, len, StandardCharsets.UTF_8);
    };
  }

  /** Inverse of {@link #canonicalBytes} for UTF-16 (the JDK decoder would replace surrogates). */
  private static String utf16(byte[] b, int off, int len) {
    char[] chars = new char[len / 2];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ((b[off + 2 * i] & 0xff) << 8 | (b[off + 2 * i + 1] & 0xff));
    }
    return new String(chars);
  }

  private void rehash() {
    long[] old = slots;
    long[] bigger = new long[old.length * 2];
    int mask = (bigger.length >> 1) - 1;
    for (int s = 0; s < old.length / 2; s++) {
      long meta = old[2 * s + 1];
      if (meta != 0) {
        int n = (int) (meta >>> 32) & mask;
        while (bigger[2 * n + 1] != 0) {
          n = (n + 1) & mask;
        }
        bigger[2 * n] = old[2 * s];
        bigger[2 * n + 1] = meta;
      }
    }
    slots = bigger;
  }
}
