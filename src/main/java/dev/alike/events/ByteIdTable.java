package dev.alike.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Per-chunk map from an id's bytes to a dense local index, so the hot parse loop finds a known id
 * without creating a String. Each key is (kind, bytes): the same bytes mean the same id only under
 * the same encoding kind, and the decoded String is made once, when the key is first seen. Two
 * different keys may decode to the same String (e.g. {@code "a\/b"} and {@code "a/b"}); the merge
 * into the global {@code IdIndex} unifies them.
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

  private byte[] arena = new byte[1 << 16];
  private int arenaSize;
  private int[] keyOff = new int[1024];
  private int[] keyLen = new int[1024];
  private byte[] keyKind = new byte[1024];
  private int[] keyHash = new int[1024];
  private String[] ids = new String[1024];
  private int size;

  /** Open addressing, linear probing; entry = local index + 1, 0 = empty. Load &lt;= 0.5. */
  private int[] slots = new int[4096];

  int size() {
    return size;
  }

  /** The ids in local index order. */
  String[] ids() {
    return Arrays.copyOf(ids, size);
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
    int h = kind;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + b[i];
    }
    h ^= h >>> 16;
    int mask = slots.length - 1;
    for (int s = h & mask; ; s = (s + 1) & mask) {
      int entry = slots[s];
      if (entry == 0) {
        int index = insert(b, off, len, kind, h, decoded);
        slots[s] = index + 1;
        if (size * 2 > slots.length) {
          rehash();
        }
        return index;
      }
      int k = entry - 1;
      if (keyHash[k] == h
          && keyLen[k] == len
          && keyKind[k] == kind
          && Arrays.equals(arena, keyOff[k], keyOff[k] + len, b, off, off + len)) {
        return k;
      }
    }
  }

  private int insert(byte[] b, int off, int len, byte kind, int h, String decoded) {
    if (size == ids.length) {
      int cap = size * 2;
      keyOff = Arrays.copyOf(keyOff, cap);
      keyLen = Arrays.copyOf(keyLen, cap);
      keyKind = Arrays.copyOf(keyKind, cap);
      keyHash = Arrays.copyOf(keyHash, cap);
      ids = Arrays.copyOf(ids, cap);
    }
    if (arenaSize + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + len));
    }
    System.arraycopy(b, off, arena, arenaSize, len);
    keyOff[size] = arenaSize;
    keyLen[size] = len;
    keyKind[size] = kind;
    keyHash[size] = h;
    ids[size] = decoded != null ? decoded : decode(b, off, len, kind);
    arenaSize += len;
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
    int[] bigger = new int[slots.length * 2];
    int mask = bigger.length - 1;
    for (int k = 0; k < size; k++) {
      int s = keyHash[k] & mask;
      while (bigger[s] != 0) {
        s = (s + 1) & mask;
      }
      bigger[s] = k + 1;
    }
    slots = bigger;
  }
}
