package dev.alike.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's mapping between external string ids (customers or SKUs) and dense int indices. The
 * event reader assigns the indices (its byte-keyed tables, {@code GlobalIds}) and hands the ids
 * over here; everything after the read maps through this class.
 *
 * <p>Indices are assigned in first-seen order, so the same input in the same order always gives the
 * same indices. Ids are compared exactly (no trimming, no case folding): {@code "a/b"}, {@code "ä"}
 * and {@code " x"} are three distinct ids.
 */
public final class IdIndex {
  /** Lookup map; null until first needed for an index made by {@link #ofDistinct}. */
  private volatile Map<String, Integer> indexOf;

  private final List<String> ids;

  /** An empty index. */
  public IdIndex() {
    this(16);
  }

  /** An empty index sized for about {@code expected} ids. */
  public IdIndex(int expected) {
    indexOf = new HashMap<>(Math.max(16, (int) (expected / 0.75f) + 1));
    ids = new ArrayList<>(Math.max(16, expected));
  }

  private IdIndex(ArrayList<String> ids) {
    this.ids = ids;
  }

  /** An index over {@code ids} in the given order; duplicates are rejected. */
  public static IdIndex of(List<String> ids) {
    IdIndex index = new IdIndex(ids.size());
    for (String id : ids) {
      if (index.indexOf.putIfAbsent(id, index.ids.size()) != null) {
        throw new IllegalArgumentException("duplicate id \"" + id + "\"");
      }
      index.ids.add(id);
    }
    return index;
  }

  /**
   * An index over {@code ids}, which the caller has already made distinct (the event reader does,
   * with its byte-keyed tables). The string lookup map is built on the first {@link #add} or {@link
   * #indexOf}, so a pipeline that only reads ids by index never pays for hashing them all; that
   * first call throws {@link IllegalStateException} naming a duplicate if there is one.
   */
  public static IdIndex ofDistinct(List<String> ids) {
    return new IdIndex(new ArrayList<>(ids));
  }

  private Map<String, Integer> map() {
    Map<String, Integer> map = indexOf;
    if (map == null) {
      synchronized (this) {
        map = indexOf;
        if (map == null) {
          map = new HashMap<>(Math.max(16, (int) (ids.size() / 0.75f) + 1));
          for (int i = 0; i < ids.size(); i++) {
            if (map.putIfAbsent(ids.get(i), i) != null) {
              throw new IllegalStateException("duplicate id \"" + ids.get(i) + "\"");
            }
          }
          indexOf = map;
        }
      }
    }
    return map;
  }

  /** The index of {@code id}, assigning the next free index if it is new. */
  public int add(String id) {
    Map<String, Integer> map = map();
    Integer known = map.get(id);
    if (known != null) {
      return known;
    }
    int next = ids.size();
    map.put(id, next);
    ids.add(id);
    return next;
  }

  /**
   * The index of {@code id}, or -1 when the id is unknown. Safe to call from many threads while no
   * id is added.
   */
  public int indexOf(String id) {
    Integer known = map().get(id);
    return known == null ? -1 : known;
  }

  /**
   * The id at {@code index}.
   *
   * @throws IndexOutOfBoundsException when {@code index} is not in [0, size)
   */
  public String id(int index) {
    return ids.get(index);
  }

  /** Number of distinct ids. */
  public int size() {
    return ids.size();
  }

  /**
   * Every index, ordered by its id (String order): for stores whose key index takes sorted inserts
   * far faster than scattered ones (SQLite: docs/benchmarks.md, "Whole builds by id shape"). Boxes
   * one index per id while it sorts.
   */
  public int[] indicesInIdOrder() {
    return java.util.stream.IntStream.range(0, size())
        .boxed()
        .parallel()
        .sorted(java.util.Comparator.comparing(this::id))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** All ids in index order (unmodifiable). */
  public List<String> ids() {
    return java.util.Collections.unmodifiableList(ids);
  }
}
