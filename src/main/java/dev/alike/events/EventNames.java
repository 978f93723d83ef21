package dev.alike.events;

/**
 * Remembers the event names a chunk has seen, by exact bytes, so the per-line lookup is two long
 * compares instead of a case-folding scan of every alias. A file uses a handful of spellings
 * ("view", "cart", "buy"), so {@value #ENTRIES} entries cover it; names longer than 16 bytes or
 * beyond the first {@value #ENTRIES} spellings go to {@link EventType#parse(byte[], int, int)}
 * every time. Not thread-safe: one per thread, kept across the chunks the thread parses, so after
 * its first lines the lookup never misses again (a miss after the JIT compiled the hit path would
 * throw the compiled parser away and compile it again).
 */
final class EventNames {
  private static final ThreadLocal<EventNames> PER_THREAD =
      ThreadLocal.withInitial(EventNames::new);

  /** This thread's cache. */
  static EventNames forThisThread() {
    return PER_THREAD.get();
  }

  /** Distinct spellings remembered; a linear scan of this many longs stays in one or two lines. */
  private static final int ENTRIES = 8;

  private final long[] low = new long[ENTRIES];
  private final long[] high = new long[ENTRIES];
  private final int[] length = new int[ENTRIES];
  private final EventType[] type = new EventType[ENTRIES];
  private int size;

  /** As {@link EventType#parse(byte[], int, int)}: the type named by the bytes, or null. */
  EventType parse(byte[] b, int off, int len) {
    if (len > 16) {
      return EventType.parse(b, off, len);
    }
    long lo = Words.of(b, off, Math.min(len, 8));
    long hi = len > 8 ? Words.of(b, off + 8, len - 8) : 0;
    for (int i = 0; i < size; i++) {
      if (low[i] == lo && high[i] == hi && length[i] == len) {
        return type[i];
      }
    }
    EventType t = EventType.parse(b, off, len);
    if (size < ENTRIES) {
      low[size] = lo;
      high[size] = hi;
      length[size] = len;
      type[size] = t;
      size++;
    }
    return t;
  }
}
