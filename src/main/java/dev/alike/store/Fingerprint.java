package dev.alike.store;

/**
 * Fast 64-bit hashes for the local store's lookup tables and change detection. Not cryptographic:
 * they stand for ids and profile contents produced by our own build, where a collision costs one
 * profile counted as unchanged (and still rewritten in full, see {@link PackedProfiles}).
 */
final class Fingerprint {
  private static final long SEED_A = 0x9E3779B97F4A7C15L;
  private static final long SEED_B = 0xC2B2AE3D27D4EB4FL;

  private Fingerprint() {}

  /** Hash of {@code bytes[from, to)}. */
  static long of(byte[] bytes, int from, int to) {
    return of(bytes, from, to, SEED_A);
  }

  /** Hash of {@code bytes[from, to)}; different seeds give independent hashes. */
  static long of(byte[] bytes, int from, int to, long seed) {
    long h = seed ^ (to - from);
    int at = from;
    for (; at + 8 <= to; at += 8) {
      h = mix(h ^ longAt(bytes, at)) * SEED_B;
    }
    long tail = 0;
    for (int shift = 0; at < to; at++, shift += 8) {
      tail |= (bytes[at] & 0xFFL) << shift;
    }
    return mix(h ^ tail ^ SEED_B);
  }

  /** A second, independent hash of a string's chars (for 128-bit profile fingerprints). */
  static long ofChars(String s, long seed) {
    long h = seed ^ s.length();
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001B3L;
    }
    return mix(h);
  }

  /** The murmur3 64-bit finaliser: every input bit affects every output bit. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }

  private static long longAt(byte[] b, int at) {
    return (b[at] & 0xFFL)
        | (b[at + 1] & 0xFFL) << 8
        | (b[at + 2] & 0xFFL) << 16
        | (b[at + 3] & 0xFFL) << 24
        | (b[at + 4] & 0xFFL) << 32
        | (b[at + 5] & 0xFFL) << 40
        | (b[at + 6] & 0xFFL) << 48
        | (b[at + 7] & 0xFFL) << 56;
  }
}
