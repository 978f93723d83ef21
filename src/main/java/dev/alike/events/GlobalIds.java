package dev.alike.events;

import com.google.common.base.Utf8;
import dev.alike.model.IdIndex;
import java.util.Arrays;

/**
 * The ids of a whole read, merged chunk by chunk in input order: maps each chunk-local id to its
 * global index, assigning indices in first-seen order. Keys are canonical bytes (UTF-8, or UTF-16
 * for Strings with unpaired surrogates), so an id spelled differently in different places (doubled
 * CSV quotes, JSON escapes, which reach the chunk tables as Strings, invalid UTF-8 in CSV that
 * decodes to the same replacement characters) gets one index. A String is made once per global id,
 * when it is first seen; a known plain id costs one byte-keyed lookup. Not thread-safe: the reader
 * merges on one thread.
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
    if (local.kind(i) == ByteIdTable.UTF8 && Utf8.isWellFormed(arena, off, len)) {
      // Well-formed UTF-8 is canonical as it is (it decodes to a String without unpaired
      // surrogates, which encodes back to the same bytes), and the chunk's hash of it is the hash
      // here: one probe finds or adds the id, with no String unless it is new.
      return append(
          arena,
          off,
          len,
          ByteIdTable.word(arena, off, len, ByteIdTable.UTF8),
          local.hash(i),
          local,
          i);
    }
    // Quoted, UTF-16 or invalid UTF-8: go through the String.
    String id = local.string(i);
    byte kind = ByteIdTable.canonicalKind(id);
    byte[] b = ByteIdTable.canonicalBytes(id, kind);
    long word = ByteIdTable.word(b, 0, b.length, kind);
    return append(b, 0, b.length, word, ByteIdTable.hash(word, b, 0, b.length), local, i);
  }

  /** The index of the canonical key, adding it (with local id {@code i}'s String) if new. */
  private int append(byte[] b, int off, int len, long word, int hash, ByteIdTable local, int i) {
    int index = table.add(b, off, len, word, hash);
    if (index == size) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
      }
      ids[size++] = local.string(i);
    }
    return index;
  }

  /** The ids in index order as an {@link IdIndex}. */
  IdIndex toIndex() {
    // Arrays.asList of an exact-length copy: the index copies it with one array copy, where a
    // subList would be copied through its iterator (tens of ms for 100k ids in a cold JVM).
    return IdIndex.ofDistinct(Arrays.asList(Arrays.copyOf(ids, size)));
  }
}
