package dev.alike.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Per-chunk map from an id's bytes to a dense local index, so the hot parse loop finds a known id
 * without creating a String. Each key is (kind, bytes): the same bytes mean the same id only under
 * the same encoding kind, and the decoded String is made once, when the key is first seen. Two
 * different keys may decode to the same String (e.g. {@code "a\/b"} and {@code "a/b"}); the merge
 * into the global {@code IdIndex} unifies them.
 *
 * <p>Lookups are bound by cache misses, so each slot holds two longs side by side: the key's first
 * 7 bytes packed with its length and kind, and its hash with its index. Keys of up to 7 bytes are
 * decided by the slot alone (one miss); longer keys also compare the stored bytes.
 */
final class ByteIdTable {
  /** Plain UTF-8 bytes of the id. */
  static final byte UTF8 = 0;

  /** The body of a JSON string containing backslash escapes. */
  static final byte JSON_ESCAPED = 1;

  /** The body of a quoted CSV field containing doubled quotes. */
  static final byte CSV_QUOTED = 2;

  /** UTF-16BE bytes of a String holding surrogate chars (keeps lone surrogates distinct). */
  static final byte UTF16 = 3;

  private static final int INLINE = 7;

  private byte[] arena = new byte[1 << 16];
  private int arenaSize;
  private long[] keyAt = new long[1024];
  private String[] ids = new String[1024];
  private int size;

  /** Two longs per slot: packed key word, then (hash &lt;&lt; 32 | index + 1); 0 = empty. */
  private long[] slots = new long[2 * 4096];

  int size() {
    return size;
  }

  /** The ids in local index order. */
  String[] ids() {
    return Arrays.copyOf(ids, size);
  }

  /**
   * Computes every id's String hash now, on the parsing thread, so the serial merge into the global
   * index finds it cached.
   */
  void warmHashes() {
    for (int i = 0; i < size; i++) {
      ids[i].hashCode();
    }
  }

  /** The local index of a String id (used by the slower Gson and session paths). */
  int add(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (Character.isSurrogate(id.charAt(i))) {
        byte[] b = id.getBytes(StandardCharsets.UTF_16BE);
        return add(b, 0, b.length, UTF16, id);
      }
    }
    byte[] b = id.getBytes(StandardCharsets.UTF_8);
    return add(b, 0, b.length, UTF8, id);
  }

  /**
   * The local index of the id with key bytes {@code [off, off+len)} of {@code kind}; when new,
   * {@code decoded} (or, if null, the decoding of the bytes) becomes its String.
   */
  int add(byte[] b, int off, int len, byte kind, String decoded) {
    long word = (long) kind << 60 | (len <= INLINE ? (long) (len + 1) << 56 : 0);
    int h = kind;
    for (int i = 0; i < len; i++) {
      byte x = b[off + i];
      h = 31 * h + x;
      if (i < INLINE) {
        word |= (x & 0xffL) << (8 * i);
      }
    }
    // Murmur3's finalizer: ids like c100000, c100001 have near-consecutive polynomial hashes,
    // which linear probing would pile into long clusters.
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    long[] t = slots;
    int mask = (t.length >> 1) - 1;
    for (int s = h & mask; ; s = (s + 1) & mask) {
      long meta = t[2 * s + 1];
      if (meta == 0) {
        int index = insert(b, off, len, kind, decoded);
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

  private boolean sameBytes(int k, byte[] b, int off, int len) {
    int at = (int) (keyAt[k] >>> 32);
    int klen = (int) keyAt[k];
    return klen == len && Arrays.equals(arena, at, at + len, b, off, off + len);
  }

  private int insert(byte[] b, int off, int len, byte kind, String decoded) {
    if (size == ids.length) {
      keyAt = Arrays.copyOf(keyAt, size * 2);
      ids = Arrays.copyOf(ids, size * 2);
    }
    if (len > INLINE) {
      if (arenaSize + len > arena.length) {
        arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + len));
      }
      System.arraycopy(b, off, arena, arenaSize, len);
      keyAt[size] = (long) arenaSize << 32 | len;
      arenaSize += len;
    }
    ids[size] = decoded != null ? decoded : decode(b, off, len, kind);
    return size++;
  }

  private static String decode(byte[] b, int off, int len, byte kind) {
    return switch (kind) {
      case JSON_ESCAPED -> JsonStrings.decode(b, off, len);
      case CSV_QUOTED -> new String(b, off, len, StandardCharsets.UTF_8).replace("\"\"", "\"");
      case UTF16 -> new String(b, off, len, StandardCharsets.UTF_16BE);
      default -> new String(b, off, len, StandardCharsets.UTF_8);
    };
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
