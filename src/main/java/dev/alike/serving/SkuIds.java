package dev.alike.serving;

import dev.alike.store.Neighbor;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dense int ids for the SKUs of one model version, with each SKU's catalog entry, so that the
 * scorer merges reverse lists over {@code int[]}s instead of hashing strings (a string-keyed merge
 * costs a few cache misses per entry). Grows as documents are cached; at most one id per SKU of the
 * version. Thread-safe: ids are assigned under a lock, read without one.
 */
final class SkuIds {
  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
  private volatile Neighbor[] entries = new Neighbor[1024];
  private volatile int size;

  /** The id of {@code entry.sku()}, assigning the next one on first sight. */
  int intern(Neighbor entry) {
    Integer known = ids.get(entry.sku());
    if (known != null) {
      return known;
    }
    synchronized (this) {
      known = ids.get(entry.sku());
      if (known != null) {
        return known;
      }
      int id = size;
      Neighbor[] current = entries;
      if (id == current.length) {
        current = Arrays.copyOf(current, id * 2);
      }
      current[id] = entry;
      entries = current; // publish the (possibly grown) array before the id becomes visible
      size = id + 1; // and the size: whoever sees the id sees a size above it
      ids.put(entry.sku(), id);
      return id;
    }
  }

  /** The id of {@code sku}, or -1 when no cached document or popular list mentioned it. */
  int lookup(String sku) {
    Integer id = ids.get(sku);
    return id == null ? -1 : id;
  }

  /** The catalog entry of an id returned by {@link #intern}. */
  Neighbor entry(int id) {
    return entries[id];
  }

  /** The SKU id of an id returned by {@link #intern}. */
  String sku(int id) {
    return entries[id].sku();
  }

  /** Ids assigned so far: every id seen is below it. */
  int size() {
    return size;
  }
}
