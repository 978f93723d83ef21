package dev.alike.serving;

import dev.alike.store.Catalog;
import dev.alike.store.Neighbor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dense int ids for the SKUs of one model version, with each SKU's catalog entry, so that the
 * scorer merges reverse lists over {@code int[]}s instead of hashing strings (a string-keyed merge
 * costs a few cache misses per entry). Grows as documents are cached; at most one id per SKU of the
 * version. Thread-safe: ids are assigned under a lock, read without one.
 *
 * <p>Entries are served with the version's catalog updates applied ({@link #catalog}): changed
 * category and attributes, and a hidden flag for SKUs made unavailable, which {@link
 * RecommendService}'s one filter check reads, so no list type returns them.
 */
final class SkuIds {
  private static final int INITIAL = 1024;

  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();

  /** As the version stored them; kept to apply a later catalog update to. */
  private Neighbor[] stored = new Neighbor[INITIAL];

  /** As served: {@code stored} with the catalog changes applied. */
  private volatile Neighbor[] entries = new Neighbor[INITIAL];

  private volatile boolean[] hidden = new boolean[INITIAL];
  private volatile Map<String, Catalog.Change> changes = Map.of();
  private volatile boolean anyHidden;
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
      if (id == stored.length) {
        stored = Arrays.copyOf(stored, id * 2);
        hidden = Arrays.copyOf(hidden, id * 2);
        entries = Arrays.copyOf(entries, id * 2);
      }
      stored[id] = entry;
      place(id);
      // Publish the (possibly grown) arrays before the id becomes visible.
      hidden = hidden;
      entries = entries;
      size = id + 1; // and the size: whoever sees the id sees a size above it
      ids.put(entry.sku(), id);
      return id;
    }
  }

  /**
   * Serves every entry with {@code next} applied (the version's catalog updates, merged per SKU, in
   * place of the ones applied before): only SKUs whose change differs are touched.
   */
  synchronized void catalog(Map<String, Catalog.Change> next) {
    Map<String, Catalog.Change> previous = changes;
    changes = Map.copyOf(next);
    Set<String> skus = new HashSet<>(previous.keySet());
    skus.addAll(next.keySet());
    for (String sku : skus) {
      int id = lookup(sku);
      if (id >= 0 && !Objects.equals(previous.get(sku), next.get(sku))) {
        place(id);
      }
    }
    anyHidden = next.values().stream().anyMatch(Catalog.Change::hides);
    hidden = hidden; // publish the elements written above
    entries = entries;
  }

  /** Sets the served entry and hidden flag of {@code id} from its stored entry (under the lock). */
  private void place(int id) {
    Neighbor base = stored[id];
    Catalog.Change change = changes.get(base.sku());
    entries[id] = change == null ? base : change.applyTo(base);
    hidden[id] = change != null && change.hides();
  }

  /** The id of {@code sku}, or -1 when no cached document or popular list mentioned it. */
  int lookup(String sku) {
    Integer id = ids.get(sku);
    return id == null ? -1 : id;
  }

  /** The catalog entry of an id returned by {@link #intern}, catalog updates applied. */
  Neighbor entry(int id) {
    return entries[id];
  }

  /** Whether a catalog update made the SKU of {@code id} unavailable: no list may return it. */
  boolean hidden(int id) {
    return hidden[id];
  }

  /** Whether any SKU is hidden (when none, filtering can be skipped). */
  boolean anyHidden() {
    return anyHidden;
  }

  /** {@code sku}'s category: a catalog update's if one changed it, else {@code stored}. */
  String category(String sku, String stored) {
    Catalog.Change change = changes.get(sku);
    return change != null && change.category() != null ? change.category() : stored;
  }

  /** The catalog changes applied: SKUs changed, and how many of them are hidden. */
  Map<String, Catalog.Change> changes() {
    return changes;
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
