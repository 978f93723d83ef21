package dev.alike.serving;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a unit (a customer id or an anonymous session id) falls in an experiment: a stable point of
 * [0, 1) from a 64-bit hash of the experiment's name, a zero byte and the unit, both as UTF-8. The
 * hash is FNV-1a (simple, byte by byte) finished by MurmurHash3's fmix64, because FNV-1a alone
 * leaves its high bits poorly mixed for ids that differ in their last characters ({@code c1},
 * {@code c2}), and the point is taken from the high 53 bits. Anyone can recompute it offline; no
 * instance state enters it, so every instance puts a unit in the same variant. Hashes the
 * characters' UTF-8 bytes as it reads them: nothing is allocated per request.
 */
final class Assignment {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Assignment() {}

  /** The point of {@code unit} in {@code experiment}; a fresh random point when unit is null. */
  static double point(String experiment, String unit) {
    if (unit == null) {
      return ThreadLocalRandom.current().nextDouble();
    }
    long h = utf8(FNV_OFFSET, experiment) * FNV_PRIME; // the zero byte: x ^ 0 is x
    return (fmix64(utf8(h, unit)) >>> 11) * 0x1.0p-53;
  }

  /** FNV-1a over the UTF-8 encoding of {@code s} (a lone surrogate as '?', as Java encodes it). */
  private static long utf8(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        h = (h ^ c) * FNV_PRIME;
      } else if (c < 0x800) {
        h = (h ^ (0xc0 | (c >> 6))) * FNV_PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        h = (h ^ (0xf0 | (cp >> 18))) * FNV_PRIME;
        h = (h ^ (0x80 | ((cp >> 12) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | ((cp >> 6) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | (cp & 0x3f))) * FNV_PRIME;
      } else if (Character.isSurrogate(c)) {
        h = (h ^ '?') * FNV_PRIME;
      } else {
        h = (h ^ (0xe0 | (c >> 12))) * FNV_PRIME;
        h = (h ^ (0x80 | ((c >> 6) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
      }
    }
    return h;
  }

  /** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb93fe53a87ebL;
    k ^= k >>> 33;
    return k;
  }
}
