package dev.alike.store;

/**
 * An open-addressing hash table from UTF-8 ids to their index in a {@link Utf8Table}: one {@code
 * long[]} instead of a {@code HashMap<String, Integer>} with a million entry objects. A slot holds
 * the upper 32 bits of the id's 64-bit hash (which also pick the first slot, so the table can grow
 * without the ids) and index + 1: a probe touches one array (one cache miss) and compares bytes
 * only when those 32 bits match; lookups are exact.
 */
final class IdTable {
  /** Load factor 1/2: short probe sequences; 16 bytes per id is still small. */
  private static final int SLOTS_PER_ID = 2;

  private static final long HIGH = 0xFFFF_FFFF_0000_0000L;

  private long[] slots; // (hash & HIGH) | (index + 1); 0 = empty
  private int size;

  IdTable(int expected) {
    slots = new long[Integer.highestOneBit(Math.max(16, expected * SLOTS_PER_ID) - 1) << 1];
  }

  /** The index of {@code utf8} (whose {@link Fingerprint#of} is {@code hash}), or -1. */
  int find(Utf8Table table, byte[] utf8, long hash) {
    int mask = slots.length - 1;
    long high = hash & HIGH;
    for (int p = (int) (hash >>> 32) & mask; slots[p] != 0; p = (p + 1) & mask) {
      long slot = slots[p];
      if ((slot & HIGH) == high && table.equalsAt((int) slot - 1, utf8)) {
        return (int) slot - 1;
      }
    }
    return -1;
  }

  /** Adds {@code index} under {@code hash}; the caller has checked it is not present. */
  void put(int index, long hash) {
    if ((size + 1) * SLOTS_PER_ID > slots.length) {
      long[] old = slots;
      slots = new long[old.length * 2];
      for (long slot : old) {
        if (slot != 0) {
          insert(slot);
        }
      }
    }
    insert((hash & HIGH) | (index + 1L));
    size++;
  }

  private void insert(long slot) {
    int mask = slots.length - 1;
    int p = (int) (slot >>> 32) & mask;
    while (slots[p] != 0) {
      p = (p + 1) & mask;
    }
    slots[p] = slot;
  }
}
