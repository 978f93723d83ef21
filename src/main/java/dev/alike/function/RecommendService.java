package dev.alike.function;

import dev.alike.function.CurrentModel.Snapshot;
import dev.alike.function.Scorer.Item;
import dev.alike.store.ModelStore;
import dev.alike.store.SkuDocument;
import dev.alike.store.StoreException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Answers parsed queries from a {@link ModelStore}, with at most two store round trips per request:
 * the customer's profile, then one batched read of the SKU documents not already cached.
 * Thread-safe.
 */
final class RecommendService {
  /** An answer and the model version it came from. */
  record Answer(List<Item> items, String model) {}

  /** No model was ever activated: a 503 until the first build finishes. */
  static final class NoModel extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoModel() {
      super("no model has been built and activated yet", null, false, false);
    }
  }

  private final ModelStore store;
  private final CurrentModel current;
  private final SkuCache cache;

  RecommendService(
      ModelStore store,
      int cacheSkus,
      long refreshNanos,
      LongSupplier clock,
      Consumer<StoreException> onStaleError) {
    this.store = store;
    this.current = new CurrentModel(store, refreshNanos, clock, onStaleError);
    this.cache = new SkuCache(store, cacheSkus);
  }

  /**
   * Recommended for you: stored profile merged with session interactions. An unknown customer or
   * one whose SKUs are all unknown gets popular SKUs.
   *
   * @throws NoModel when no model is active
   * @throws StoreException when the store fails
   */
  Answer recommend(Queries.Recommend q) {
    Snapshot model = model();
    Map<String, Double> r = new LinkedHashMap<>();
    if (q.customer() != null) {
      store.profile(q.customer()).ifPresent(p -> r.putAll(p.scores()));
    }
    q.session().forEach((sku, w) -> r.merge(sku, w, Double::sum));
    Set<String> needed = new HashSet<>(r.keySet());
    if (q.context() != null) {
      needed.add(q.context());
    }
    Map<String, SkuCache.Compiled> docs =
        needed.isEmpty() ? Map.of() : cache.get(model.version(), model.ids(), needed);
    Filter filter = q.filter();
    if (q.sameCategory()) {
      SkuCache.Compiled page = docs.get(q.context());
      filter = filter.withCategory(categoryOf(page == null ? null : page.doc()));
    }
    Set<String> excluded = new HashSet<>(q.filter().exclude());
    if (q.context() != null) {
      excluded.add(q.context());
    }
    List<Item> items =
        Scorer.recommend(r, docs, model.ids(), filter, excluded, q.n(), model.popular());
    return new Answer(items, model.version());
  }

  /**
   * Similar products of a SKU; an unknown SKU gets popular SKUs.
   *
   * @throws NoModel when no model is active
   * @throws StoreException when the store fails
   */
  Answer similar(Queries.Similar q) {
    Snapshot model = model();
    SkuCache.Compiled compiled =
        cache.get(model.version(), model.ids(), List.of(q.sku())).get(q.sku());
    SkuDocument doc = compiled == null ? null : compiled.doc();
    Filter filter = q.sameCategory() ? q.filter().withCategory(categoryOf(doc)) : q.filter();
    List<Item> items =
        Scorer.similar(q.sku(), doc, filter, q.filter().exclude(), q.n(), model.popular());
    return new Answer(items, model.version());
  }

  /** The active model, or empty when none was ever activated. */
  Optional<Snapshot> current() {
    return current.get();
  }

  /** The store answers come from (the demo page lists its customers). */
  ModelStore store() {
    return store;
  }

  /** Cached SKU entries (documents and known-absent SKUs). */
  long cachedSkus() {
    return cache.size();
  }

  private Snapshot model() {
    return current.get().orElseThrow(NoModel::new);
  }

  /**
   * The page SKU's category for {@code same=category}; null (rule dropped) when the SKU is unknown
   * or has no category, so the slot still shows something rather than nothing.
   */
  private static String categoryOf(SkuDocument doc) {
    return doc == null ? null : doc.category();
  }
}
