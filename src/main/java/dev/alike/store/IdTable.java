package dev.alike.store;

/**
 * An open-addressing hash table from UTF-8 ids to their index in a {@link Utf8Table}: two arrays
 * instead of a {@code HashMap<String, Integer>} with a million entry objects. Lookups compare the
 * stored 64-bit hash first and the bytes only on a hash match, so they are exact.
 */
final class IdTable {
  /** Load factor 1/2: short probe sequences, and 12 bytes per slot is still small. */
  private static final int SLOTS_PER_ID = 2;

  private int[] slots; // index + 1; 0 = empty
  private long[] hashes;
  private int size;

  IdTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * SLOTS_PER_ID) - 1) << 1;
    slots = new int[capacity];
    hashes = new long[capacity];
  }

  /** The index of {@code utf8} (whose {@link Fingerprint#of} is {@code hash}), or -1. */
  int find(Utf8Table table, byte[] utf8, long hash) {
    int mask = slots.length - 1;
    for (int p = (int) hash & mask; slots[p] != 0; p = (p + 1) & mask) {
      if (hashes[p] == hash && table.equalsAt(slots[p] - 1, utf8)) {
        return slots[p] - 1;
      }
    }
    return -1;
  }

  /** Adds {@code index} under {@code hash}; the caller has checked it is not present. */
  void put(int index, long hash) {
    if ((size + 1) * SLOTS_PER_ID > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    int p = (int) hash & mask;
    while (slots[p] != 0) {
      p = (p + 1) & mask;
    }
    slots[p] = index + 1;
    hashes[p] = hash;
    size++;
  }

  private void grow() {
    int[] oldSlots = slots;
    long[] oldHashes = hashes;
    slots = new int[oldSlots.length * 2];
    hashes = new long[oldSlots.length * 2];
    size = 0;
    for (int p = 0; p < oldSlots.length; p++) {
      if (oldSlots[p] != 0) {
        put(oldSlots[p] - 1, oldHashes[p]);
      }
    }
  }
}
