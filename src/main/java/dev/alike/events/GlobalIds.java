package dev.alike.events;

import dev.alike.model.IdIndex;
import java.util.Arrays;

/**
 * The ids of a whole read, merged chunk by chunk in input order: maps each chunk-local id to its
 * global index, assigning indices in first-seen order. Keys are canonical bytes (UTF-8, or UTF-16
 * for Strings with unpaired surrogates), so an id spelled differently in different places (JSON
 * escapes, doubled CSV quotes, invalid UTF-8 that decodes to the same replacement characters) gets
 * one index. A String is made once per global id, when it is first seen; a known plain id costs one
 * byte-keyed lookup. Not thread-safe: the reader merges on one thread.
 */
final class GlobalIds {
  private final ByteIdTable table;
  private String[] ids;
  private int size;

  /** Empty, sized for about {@code expected} ids. */
  GlobalIds(int expected) {
    table = new ByteIdTable(expected);
    ids = new String[Math.max(16, expected)];
  }

  /** For each index of {@code local}, its global index (new ids are appended). */
  int[] remap(ByteIdTable local) {
    int[] map = new int[local.size()];
    byte[] arena = local.arena();
    for (int i = 0; i < map.length; i++) {
      map[i] = indexOf(local, arena, i);
    }
    return map;
  }

  private int indexOf(ByteIdTable local, byte[] arena, int i) {
    int off = local.offset(i);
    int len = local.length(i);
    if (local.kind(i) == ByteIdTable.UTF8) {
      if (ascii(arena, off, len)) {
        // ASCII bytes are already canonical: one probe finds or adds the id.
        return append(arena, off, len, ByteIdTable.UTF8, local, i);
      }
      int known = table.find(arena, off, len, ByteIdTable.UTF8);
      if (known >= 0) {
        return known;
      }
    }
    // Escaped, quoted, UTF-16 or non-ASCII (possibly invalid) UTF-8: go through the String.
    String id = local.string(i);
    byte kind = ByteIdTable.canonicalKind(id);
    byte[] b = ByteIdTable.canonicalBytes(id, kind);
    int known = table.find(b, 0, b.length, kind);
    return known >= 0 ? known : append(b, 0, b.length, kind, local, i);
  }

  /** The index of the canonical key, adding it (with local id {@code i}'s String) if new. */
  private int append(byte[] b, int off, int len, byte kind, ByteIdTable local, int i) {
    int index = table.add(b, off, len, kind);
    if (index == size) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
      }
      ids[size++] = local.string(i);
    }
    return index;
  }

  private static boolean ascii(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  int size() {
    return size;
  }

  /** The ids in index order as an {@link IdIndex}. */
  IdIndex toIndex() {
    // Arrays.asList of an exact-length copy: the index copies it with one array copy, where a
    // subList would be copied through its iterator (tens of ms for 100k ids in a cold JVM).
    return IdIndex.ofDistinct(Arrays.asList(Arrays.copyOf(ids, size)));
  }
}
