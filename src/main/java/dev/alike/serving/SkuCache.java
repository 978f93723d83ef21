package dev.alike.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.alike.store.ModelStore;
import dev.alike.store.SkuDocument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SKU documents kept across requests, keyed by (model version, SKU), at most {@code maxSkus} of
 * them (Caffeine's W-TinyLFU keeps the frequently requested head of the catalog). A model switch
 * changes the key, so old entries are simply never hit again and age out. SKUs without a document
 * are cached as absent too, so a profile full of retired SKUs costs no repeated reads. Documents
 * are kept compiled ({@link SkuLists}): ids and scores, the catalog data once per SKU in {@link
 * SkuIds}.
 */
final class SkuCache {
  private record Key(String version, String sku) {}

  /** Documents compiled together by {@link #preload}. */
  private static final int PRELOAD_BATCH = 256;

  private final ModelStore store;
  private final int maxSkus;
  private final Cache<Key, Optional<SkuLists>> cache;

  SkuCache(ModelStore store, int maxSkus) {
    this.store = store;
    this.maxSkus = maxSkus;
    this.cache = Caffeine.newBuilder().maximumSize(maxSkus).build();
  }

  /**
   * Reads every SKU document of {@code version} in one scan of the store, when the whole version
   * fits ({@code skus} at most the cache's size); returns the number of documents cached, 0 when it
   * does not fit. One sequential scan is much cheaper than the many small batched reads that
   * filling the cache request by request takes (an export touches the whole catalog).
   */
  long preload(String version, long skus, SkuIds ids) {
    if (skus > maxSkus) {
      return 0;
    }
    List<SkuDocument> batch = new ArrayList<>(PRELOAD_BATCH);
    long[] loaded = {0};
    store.forEachSku(
        version,
        doc -> {
          batch.add(doc);
          if (batch.size() == PRELOAD_BATCH) {
            loaded[0] += compile(version, batch, ids);
          }
        });
    return loaded[0] + compile(version, batch, ids);
  }

  /** Compiles and caches {@code docs} on every core (in any order); empties the list. */
  private int compile(String version, List<SkuDocument> docs, SkuIds ids) {
    try {
      docs.parallelStream()
          .forEach(
              doc -> cache.put(new Key(version, doc.sku()), Optional.of(SkuLists.of(doc, ids))));
      return docs.size();
    } finally {
      docs.clear();
    }
  }

  /** {@link #get(String, SkuIds, Collection, Reader)} reading the store directly. */
  Map<String, SkuLists> get(String version, SkuIds ids, Collection<String> skus) {
    return get(version, ids, skus, wanted -> store.skus(version, wanted));
  }

  /** Reads the documents of the SKUs given, in one round trip; absent ones are not in the map. */
  @FunctionalInterface
  interface Reader {
    Map<String, SkuDocument> read(List<String> skus);
  }

  /**
   * Documents of {@code skus} in {@code version}: cached ones from memory, the rest in one batched
   * read through {@code reader}. SKUs without a document are absent from the result. A failure of
   * {@code reader} is thrown and caches nothing.
   */
  Map<String, SkuLists> get(String version, SkuIds ids, Collection<String> skus, Reader reader) {
    Map<String, SkuLists> out = new HashMap<>(skus.size() * 2);
    List<Key> missing = null;
    for (String sku : skus) {
      Key key = new Key(version, sku);
      Optional<SkuLists> cached = cache.getIfPresent(key);
      if (cached != null) {
        cached.ifPresent(doc -> out.put(sku, doc));
      } else {
        if (missing == null) {
          missing = new ArrayList<>();
        }
        missing.add(key);
      }
    }
    if (missing != null) {
      // One store read for all misses (getAll loads only what is still absent by then).
      cache
          .getAll(missing, absent -> load(absent, ids, reader))
          .forEach((key, doc) -> doc.ifPresent(d -> out.put(key.sku(), d)));
    }
    return out;
  }

  /** The cached documents of {@code skus} only, never reading the store (a degraded answer). */
  Map<String, SkuLists> cached(String version, Collection<String> skus) {
    Map<String, SkuLists> out = new HashMap<>(skus.size() * 2);
    for (String sku : skus) {
      Optional<SkuLists> cached = cache.getIfPresent(new Key(version, sku));
      if (cached != null) {
        cached.ifPresent(doc -> out.put(sku, doc));
      }
    }
    return out;
  }

  private Map<Key, Optional<SkuLists>> load(
      Set<? extends Key> missing, SkuIds skuIds, Reader reader) {
    List<String> wanted = new ArrayList<>(missing.size());
    for (Key k : missing) {
      wanted.add(k.sku());
    }
    Map<String, SkuDocument> read = reader.read(wanted);
    Map<Key, Optional<SkuLists>> out = new HashMap<>(missing.size() * 2);
    for (Key k : missing) {
      SkuDocument doc = read.get(k.sku());
      out.put(k, doc == null ? Optional.empty() : Optional.of(SkuLists.of(doc, skuIds)));
    }
    return out;
  }

  /** Number of cached entries (approximate, for tests and health). */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
