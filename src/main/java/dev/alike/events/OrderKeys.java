package dev.alike.events;

import dev.alike.model.EventLog;
import dev.alike.model.StableHash;

/**
 * An order id as the order key an {@link EventLog} keeps per event: its {@link StableHash}. The
 * same id gives the same key from bytes, chars or a String, so JSON, CSV and real-time events of
 * one order meet. An empty or all-blank id is no order ({@link EventLog#NO_ORDER}); a real id that
 * hashes to 0 becomes 1.
 */
public final class OrderKeys {
  private OrderKeys() {}

  /** The key of the UTF-8 id {@code b[off, off + len)}. */
  public static long of(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return key(StableHash.add(StableHash.START, b, off, len));
      }
    }
    return EventLog.NO_ORDER;
  }

  /** The key of {@code id}, or {@link EventLog#NO_ORDER} for null. */
  public static long of(String id) {
    if (id != null) {
      for (int i = 0; i < id.length(); i++) {
        if (id.charAt(i) != ' ' && id.charAt(i) != '\t') {
          return key(StableHash.add(StableHash.START, id));
        }
      }
    }
    return EventLog.NO_ORDER;
  }

  /** The key of the id {@code c[off, off + len)}, hashed as its UTF-8 bytes without making them. */
  public static long of(char[] c, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (c[i] != ' ' && c[i] != '\t') {
        return key(StableHash.add(StableHash.START, c, off, len));
      }
    }
    return EventLog.NO_ORDER;
  }

  private static long key(long h) {
    long k = StableHash.finish(h);
    return k == EventLog.NO_ORDER ? 1 : k;
  }
}
