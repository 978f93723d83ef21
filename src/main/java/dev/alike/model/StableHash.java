package dev.alike.model;

/**
 * The one stable 64-bit hash of ids: FNV-1a over their UTF-8 bytes (a lone surrogate as {@code ?},
 * as {@code String.getBytes(UTF_8)} encodes it), then MurmurHash3's fmix64, because FNV-1a alone
 * leaves ids that differ in their last characters ({@code c1}, {@code c2}) close together in the
 * high bits. The same id gives the same hash from bytes, chars or a String, without encoding it
 * first; anyone can recompute it offline. Order keys and experiment assignment use it.
 */
public final class StableHash {
  /** FNV-1a's 64-bit offset basis: the state before the first byte. */
  public static final long START = 0xcbf29ce484222325L;

  private static final long PRIME = 0x100000001b3L;

  private StableHash() {}

  /** {@code h} after one byte. */
  public static long addByte(long h, int b) {
    return (h ^ (b & 0xff)) * PRIME;
  }

  /** {@code h} after the bytes {@code b[off, off + len)}. */
  public static long add(long h, byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      h = (h ^ (b[i] & 0xff)) * PRIME;
    }
    return h;
  }

  /** {@code h} after the UTF-8 bytes of {@code c[off, off + len)}. */
  public static long add(long h, char[] c, int off, int len) {
    int end = off + len;
    for (int i = off; i < end; i++) {
      char ch = c[i];
      if (ch < 0x80) {
        h = (h ^ ch) * PRIME;
      } else if (Character.isHighSurrogate(ch)
          && i + 1 < end
          && Character.isLowSurrogate(c[i + 1])) {
        h = addCodePoint(h, Character.toCodePoint(ch, c[++i]));
      } else {
        h = addCodePoint(h, Character.isSurrogate(ch) ? '?' : ch);
      }
    }
    return h;
  }

  /** {@code h} after the UTF-8 bytes of {@code s}. */
  public static long add(long h, String s) {
    int end = s.length();
    for (int i = 0; i < end; i++) {
      char ch = s.charAt(i);
      if (ch < 0x80) {
        h = (h ^ ch) * PRIME;
      } else if (Character.isHighSurrogate(ch)
          && i + 1 < end
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        h = addCodePoint(h, Character.toCodePoint(ch, s.charAt(++i)));
      } else {
        h = addCodePoint(h, Character.isSurrogate(ch) ? '?' : ch);
      }
    }
    return h;
  }

  /** {@code h} after the UTF-8 encoding of code point {@code cp}. */
  private static long addCodePoint(long h, int cp) {
    if (cp < 0x80) {
      return (h ^ cp) * PRIME;
    }
    if (cp < 0x800) {
      h = (h ^ (0xc0 | (cp >> 6))) * PRIME;
    } else if (cp < 0x10000) {
      h = (h ^ (0xe0 | (cp >> 12))) * PRIME;
      h = (h ^ (0x80 | ((cp >> 6) & 0x3f))) * PRIME;
    } else {
      h = (h ^ (0xf0 | (cp >> 18))) * PRIME;
      h = (h ^ (0x80 | ((cp >> 12) & 0x3f))) * PRIME;
      h = (h ^ (0x80 | ((cp >> 6) & 0x3f))) * PRIME;
    }
    return (h ^ (0x80 | (cp & 0x3f))) * PRIME;
  }

  /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
  public static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
