package dev.alike.events;

import dev.alike.model.EventLog;

/**
 * The one hash of an order id into the order key an {@link EventLog} keeps per event: 64-bit FNV-1a
 * over the id's UTF-8 bytes, then MurmurHash3's finaliser (FNV-1a alone leaves ids that differ in
 * their last digit close together in the high bits). The same id gives the same key from bytes,
 * chars or a String, so JSON, CSV and real-time events of one order meet. An empty or all-blank id
 * is no order ({@link EventLog#NO_ORDER}); a real id that hashes to 0 becomes 1.
 */
public final class OrderKeys {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private OrderKeys() {}

  /** The key of the UTF-8 id {@code b[off, off + len)}. */
  public static long of(byte[] b, int off, int len) {
    long h = FNV_OFFSET;
    boolean blank = true;
    for (int i = off; i < off + len; i++) {
      blank &= b[i] == ' ' || b[i] == '\t';
      h = (h ^ (b[i] & 0xff)) * FNV_PRIME;
    }
    return blank ? EventLog.NO_ORDER : finish(h);
  }

  /** The key of {@code id}, or {@link EventLog#NO_ORDER} for null. */
  public static long of(String id) {
    return id == null ? EventLog.NO_ORDER : of(id.toCharArray(), 0, id.length());
  }

  /** The key of the id {@code c[off, off + len)}, hashed as its UTF-8 bytes without making them. */
  public static long of(char[] c, int off, int len) {
    long h = FNV_OFFSET;
    boolean blank = true;
    for (int i = off; i < off + len; i++) {
      int cp = c[i];
      blank &= cp == ' ' || cp == '\t';
      if (Character.isHighSurrogate(c[i])
          && i + 1 < off + len
          && Character.isLowSurrogate(c[i + 1])) {
        cp = Character.toCodePoint(c[i], c[++i]);
      } else if (Character.isSurrogate(c[i])) {
        cp = '?'; // as String.getBytes(UTF_8) encodes a lone surrogate
      }
      if (cp < 0x80) {
        h = (h ^ cp) * FNV_PRIME;
      } else if (cp < 0x800) {
        h = (h ^ (0xc0 | (cp >> 6))) * FNV_PRIME;
        h = (h ^ (0x80 | (cp & 0x3f))) * FNV_PRIME;
      } else if (cp < 0x10000) {
        h = (h ^ (0xe0 | (cp >> 12))) * FNV_PRIME;
        h = (h ^ (0x80 | ((cp >> 6) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | (cp & 0x3f))) * FNV_PRIME;
      } else {
        h = (h ^ (0xf0 | (cp >> 18))) * FNV_PRIME;
        h = (h ^ (0x80 | ((cp >> 12) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | ((cp >> 6) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | (cp & 0x3f))) * FNV_PRIME;
      }
    }
    return blank ? EventLog.NO_ORDER : finish(h);
  }

  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == EventLog.NO_ORDER ? 1 : h;
  }
}
