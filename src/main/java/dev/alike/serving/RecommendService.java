package dev.alike.serving;

import dev.alike.model.ScoredSku;
import dev.alike.model.ScoredSku.Source;
import dev.alike.serving.CurrentModel.Snapshot;
import dev.alike.store.Backend;
import dev.alike.store.CustomerProfile;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * Answers requests from a {@link ModelStore} through the one {@link Scorer}, with at most two store
 * round trips per request: the customer's profile, then one batched read of the SKU documents not
 * already cached. Every store call goes through a {@link Backend} (a deadline and a circuit
 * breaker) and the whole request has a budget: when the store does not answer in time, the answer
 * is made from what this instance holds (cached SKU documents, the current version's popular list,
 * the request's session interactions) and marked degraded. Thread-safe.
 */
public final class RecommendService {
  /**
   * An answer and the model version it came from.
   *
   * @param degraded some store read failed or timed out: the items come from what the instance
   *     holds (the profile, or SKU documents not cached, are missing), or the variant's model has
   *     no activated version yet and the default model answered ({@code model} is its version)
   * @param diversityShort the placement's diversity found too few distinct values among the
   *     candidates, and the list was filled in score order
   * @param variant the experiment variant that answered ({@link Experiments#DEFAULT} outside a
   *     running experiment)
   */
  public record Answer(
      List<Item> items, String model, boolean degraded, boolean diversityShort, String variant) {
    /** An answer outside experiments. */
    public Answer(List<Item> items, String model, boolean degraded, boolean diversityShort) {
      this(items, model, degraded, diversityShort, Experiments.DEFAULT);
    }

    /** An answer no placement shaped. */
    public Answer(List<Item> items, String model, boolean degraded) {
      this(items, model, degraded, false);
    }
  }

  /**
   * A kind of list a placement can show, answering a request in the shape of {@code
   * /recommendations} (customer, session, the page's SKU, filter, placement).
   */
  @FunctionalInterface
  public interface ListType {
    /**
     * @throws NoModel when no model is active
     * @throws StoreException when the store fails and no model version was read before
     */
    Answer answer(Queries.Recommend q);
  }

  /** No model was ever activated: a 503 until the first build finishes. */
  public static final class NoModel extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoModel() {
      super("no model has been built and activated yet", null, false, false);
    }
  }

  /** Reasons per personalized item: enough to say why, few enough for a tile's caption. */
  private static final int BECAUSE = 3;

  /**
   * Candidates per item asked for when a placement shapes the list: boosts, buries, pins and
   * diversity choose among the best 5n (at most {@link #MAX_POOL}) of the list, so a boosted item
   * enters the top n when it ranked within 5n, and a diversity cap of 1 still fills n items from
   * five candidates each.
   */
  static final int POOL_FACTOR = 5;

  /** The largest pool: 5 x the largest n. */
  static final int MAX_POOL = 500;

  /** The list types every service has: placements files are checked against them. */
  public static final Set<String> LIST_TYPES =
      Set.of(
          "for-you",
          "similar",
          "trending",
          "popular",
          "bought-together",
          "buy-again",
          "recently-viewed");

  private final Map<String, ListType> listTypes = new java.util.concurrent.ConcurrentHashMap<>();

  private final ModelStore store;
  private final Backend backend;
  private final long budgetNanos;
  private final long refreshNanos;
  private final LongSupplier clock;
  private final Consumer<StoreException> onStaleError;
  private final CurrentModel current;

  /**
   * The current version of each experiment model, by model name, made on first use (names come only
   * from placements files, so they are few). Versions have distinct names, so one SKU cache serves
   * every model.
   */
  private final Map<String, CurrentModel> models = new java.util.concurrent.ConcurrentHashMap<>();

  private final SkuCache cache;

  /**
   * @param cacheSkus SKU documents kept across requests
   * @param refreshNanos how often the current pointer is re-read ({@link
   *     CurrentModel#REFRESH_NANOS} outside tests)
   * @param onStaleError told when a refresh fails while an earlier version is still served
   */
  public RecommendService(
      ModelStore store,
      int cacheSkus,
      long refreshNanos,
      LongSupplier clock,
      Consumer<StoreException> onStaleError) {
    this(store, Backend.inline(), null, cacheSkus, refreshNanos, clock, onStaleError);
  }

  /**
   * A service whose store calls go through {@code backend}.
   *
   * @param budget the longest a request waits on the store in all (null: no limit beyond each
   *     call's)
   */
  public RecommendService(
      ModelStore store,
      Backend backend,
      Duration budget,
      int cacheSkus,
      long refreshNanos,
      LongSupplier clock,
      Consumer<StoreException> onStaleError) {
    this.store = store;
    this.backend = backend;
    this.budgetNanos = budget == null ? Long.MAX_VALUE / 4 : budget.toNanos();
    this.refreshNanos = refreshNanos;
    this.clock = clock;
    this.onStaleError = onStaleError;
    this.current =
        new CurrentModel(store, Experiments.DEFAULT, backend, refreshNanos, clock, onStaleError);
    this.cache = new SkuCache(store, cacheSkus);
    register("for-you", this::recommend);
    register(
        "similar",
        q ->
            similar(
                new Queries.Similar(
                    q.context(), q.sameCategory(), q.n(), q.filter(), q.placement())));
    register("trending", q -> trending(new Queries.Trending(q.n(), q.filter(), q.placement())));
    register("popular", q -> popular(new Queries.Trending(q.n(), q.filter(), q.placement())));
    register(
        "bought-together",
        q ->
            boughtTogether(
                new Queries.Together(List.of(q.context()), q.n(), q.filter(), q.placement())));
    register(
        "buy-again",
        q ->
            q.customer() == null
                ? noHistory(q)
                : placedHistory(
                    buyAgain(
                        new Queries.History(q.customer(), pool(q.n(), q.placement()), filterOf(q)),
                        java.time.Instant.now().getEpochSecond()),
                    q));
    register(
        "recently-viewed",
        q ->
            q.customer() == null
                ? noHistory(q)
                : placedHistory(
                    recentlyViewed(
                        new Queries.History(q.customer(), pool(q.n(), q.placement()), filterOf(q))),
                    q));
  }

  /** The request's filter and its placement's. */
  private static Filter filterOf(Queries.Recommend q) {
    return q.filter().and(q.placement() == null ? null : q.placement().filter());
  }

  /**
   * The history list of an anonymous request (a placement of a history list, or an experiment
   * variant showing one, asked without a customer): empty, as for an unknown customer.
   */
  private Answer noHistory(Queries.Recommend q) {
    String version = model(null, System.nanoTime() + budgetNanos).version();
    return new Answer(List.of(), version, false, false, q.placement().variant());
  }

  /** A customer's history list (read as a pool) arranged by the request's placement. */
  private Answer placedHistory(Answer pool, Queries.Recommend q) {
    SkuIds ids = model(null, System.nanoTime() + budgetNanos).ids();
    List<ScoredSku> scored = new ArrayList<>(pool.items().size());
    for (Item item : pool.items()) {
      scored.add(new ScoredSku(ids.lookup(item.sku()), item.score(), item.source()));
    }
    Filter filter = filterOf(q);
    Shaped shaped =
        shape(
            scored,
            ids,
            List.of(),
            List.of(),
            q.placement(),
            sku -> !filter.exclude().contains(sku) && filter.matches(entry(ids, sku)),
            q.n());
    // the customer's own history: no similarity enters it, so every variant reads the default model
    return new Answer(
        shaped.items(),
        pool.model(),
        pool.degraded(),
        shaped.diversityShort(),
        q.placement().variant());
  }

  /**
   * Makes list type {@code name} available to placements (a later list type registers itself here).
   * The {@code similar} type needs the request's {@code sku}.
   */
  public void register(String name, ListType type) {
    listTypes.put(name, type);
  }

  /** The names of the list types placements may use. */
  public java.util.Set<String> listTypes() {
    return java.util.Set.copyOf(listTypes.keySet());
  }

  /**
   * The list of {@code q}'s placement, of its list type.
   *
   * @throws IllegalArgumentException when the placement is null or its list type is unknown
   * @throws NoModel when no model is active
   * @throws StoreException when the store fails and no model version was read before
   */
  public Answer placed(Queries.Recommend q) {
    ListType type = q.placement() == null ? null : listTypes.get(q.placement().list());
    if (type == null) {
      throw new IllegalArgumentException(
          "no list type for placement " + (q.placement() == null ? null : q.placement().name()));
    }
    return type.answer(q);
  }

  /**
   * A service for a command-line process (queries, exports): the production refresh interval, and a
   * store failure is thrown even when an earlier version could be served.
   */
  public static RecommendService forCommandLine(ModelStore store, int cacheSkus) {
    return new RecommendService(
        store,
        cacheSkus,
        CurrentModel.REFRESH_NANOS,
        System::nanoTime,
        e -> {
          throw e;
        });
  }

  /**
   * Recommended for you: stored profile merged with session interactions. An unknown customer or
   * one whose SKUs are all unknown gets popular SKUs. When the store does not answer in time the
   * answer is degraded: without the stored profile, or with only the cached SKU documents.
   *
   * @throws NoModel when no model is active
   * @throws StoreException when the store fails and no model version was read before
   */
  public Answer recommend(Queries.Recommend q) {
    long budget = System.nanoTime() + budgetNanos;
    Snapshot model = model(q.placement(), budget);
    Interactions in = interactions(q.customer(), q.session(), budget);
    Map<String, Double> r = in.r();
    Set<String> excluded = new HashSet<>(q.filter().exclude());
    Set<String> needed = new HashSet<>(r.keySet());
    if (q.context() != null) {
      excluded.add(q.context());
      needed.add(q.context()); // its document gives the category for same=category
    }
    Lists lists = needed.isEmpty() ? Lists.NONE : lists(model, needed, budget);
    Filter filter = q.filter().and(q.placement() == null ? null : q.placement().filter());
    if (q.sameCategory()) {
      filter = filter.withCategory(categoryOf(model.ids(), q.context(), lists.found()));
    }
    SkuIds ids = model.ids();
    Scorer scorer = Scorer.start(ids.size());
    List<String> added = add(scorer, r, lists.found());
    strike(scorer, ids, r.keySet());
    strike(scorer, ids, excluded);
    IntPredicate allowed = allowed(filter, ids);
    int pool = pool(q.n(), q.placement());
    scorer.personalized(pool, allowed, ids::sku);
    scorer.topUp(model.popularIds(), model.popularScores(), pool, allowed);
    Filter pins = filter;
    Shaped shaped =
        shape(
            scorer.items(),
            ids,
            scorer.because(BECAUSE),
            added,
            q.placement(),
            sku -> !r.containsKey(sku) && !excluded.contains(sku) && pins.matches(entry(ids, sku)),
            q.n());
    return answer(shaped, model, in.degraded() || lists.degraded(), q.placement());
  }

  /** SKU documents found, and whether some could not be read. */
  private record Lists(Map<String, SkuLists> found, boolean degraded) {
    static final Lists NONE = new Lists(Map.of(), false);
  }

  /** The documents of {@code skus}: cached ones, and the rest read within {@code budget}. */
  private Lists lists(Snapshot model, Collection<String> skus, long budget) {
    String version = model.version();
    try {
      return new Lists(
          cache.get(
              version,
              model.ids(),
              skus,
              wanted ->
                  backend.call(
                      "read " + wanted.size() + " SKU documents of " + version,
                      budget,
                      () -> store.skus(version, wanted))),
          false);
    } catch (StoreException e) {
      return new Lists(cache.cached(version, skus), true);
    }
  }

  /**
   * Re-ranking: the given SKUs, those with a positive personalized score first (best first, with
   * {@code because}), then the others in their given order (unknown SKUs among them); nothing
   * added, dropped or filtered, the customer's own SKUs included. Degraded as {@link #recommend}.
   *
   * @throws NoModel when no model is active
   * @throws StoreException when the store fails and no model version was read before
   */
  public Answer rank(Queries.Rank q) {
    long budget = System.nanoTime() + budgetNanos;
    Snapshot model = model(null, budget);
    Interactions in = interactions(q.customer(), q.session(), budget);
    Lists lists = in.r().isEmpty() ? Lists.NONE : lists(model, in.r().keySet(), budget);
    SkuIds ids = model.ids();
    Scorer scorer = Scorer.start(ids.size());
    List<String> added = add(scorer, in.r(), lists.found());
    int[] given = new int[q.items().size()];
    for (int p = 0; p < given.length; p++) {
      given[p] = ids.lookup(q.items().get(p));
    }
    int[] order = scorer.rank(given);
    List<Item> out = items(scorer.items(), ids, scorer.because(BECAUSE), added);
    for (int p = out.size(); p < order.length; p++) {
      int id = given[order[p]];
      String category = id < 0 ? null : ids.entry(id).category();
      out.add(new Item(q.items().get(order[p]), 0, Source.GIVEN, category));
    }
    return new Answer(out, model.version(), in.degraded() || lists.degraded());
  }

  /** The request's interaction scores, and whether the stored profile could not be read. */
  private record Interactions(Map<String, Double> r, boolean degraded) {}

  /**
   * The stored profile (none for a null or unknown customer; none, degraded, when the store does
   * not answer within {@code budget}) merged with session interactions.
   */
  private Interactions interactions(String customer, Map<String, Double> session, long budget) {
    boolean degraded = false;
    Map<String, Double> r = new LinkedHashMap<>();
    if (customer != null) {
      try {
        backend
            .call("read the profile of a customer", budget, () -> store.profile(customer))
            .ifPresent(p -> r.putAll(p.scores()));
      } catch (StoreException e) {
        degraded = true;
      }
    }
    session.forEach((sku, w) -> r.merge(sku, w, Double::sum));
    return new Interactions(r, degraded);
  }

  /**
   * The top {@code n} for interaction scores {@code r} on a given version (exports score every
   * customer on one version), unfiltered, seen SKUs excluded.
   */
  public List<Item> recommend(Snapshot model, Map<String, Double> r, int n) {
    Map<String, SkuLists> lists =
        r.isEmpty() ? Map.of() : cache.get(model.version(), model.ids(), r.keySet());
    return score(model, r, lists, n);
  }

  /**
   * {@link #buyAgain(Queries.History, long)} for a profile already read, on a given version
   * (exports), unfiltered.
   */
  public List<Item> buyAgain(Snapshot model, CustomerProfile profile, int n, long now) {
    Map<String, SkuLists> lists =
        cache.get(model.version(), model.ids(), profile.bought().keySet());
    return HistoryLists.buyAgain(profile, lists, model.ids(), Filter.NONE, n, now);
  }

  /** {@link #recentlyViewed(Queries.History)} for a profile already read, likewise. */
  public List<Item> recentlyViewed(Snapshot model, CustomerProfile profile, int n) {
    Map<String, SkuLists> lists = cache.get(model.version(), model.ids(), profile.seen().keySet());
    return HistoryLists.recentlyViewed(profile, lists, model.ids(), Filter.NONE, n);
  }

  /**
   * Caches every SKU document of {@code model} in one scan of the store, for a caller about to
   * score the whole catalog (an export); a version larger than the cache is left to fill on demand.
   *
   * @return the documents cached (0 when the version does not fit)
   * @throws StoreException when the store fails
   */
  public long preload(Snapshot model) {
    return cache.preload(model.version(), model.info().skus(), model.ids());
  }

  /**
   * Similar products of a SKU; an unknown SKU gets popular SKUs, and so does one whose document the
   * store did not give in time (a degraded answer). A placement whose experiment variant shows
   * another list type is answered as that type ({@link #placed}).
   *
   * @throws NoModel when no model is active
   * @throws StoreException when the store fails and no model version was read before
   */
  public Answer similar(Queries.Similar q) {
    if (q.placement() != null && !q.placement().list().equals("similar")) {
      return placed(
          new Queries.Recommend(
              null, Map.of(), q.sku(), q.sameCategory(), q.n(), q.filter(), q.placement()));
    }
    long budget = System.nanoTime() + budgetNanos;
    Snapshot model = model(q.placement(), budget);
    Lists lists = lists(model, List.of(q.sku()), budget);
    SkuLists page = lists.found().get(q.sku());
    Filter placed = q.filter().and(q.placement() == null ? null : q.placement().filter());
    Filter filter =
        q.sameCategory()
            ? placed.withCategory(categoryOf(model.ids(), q.sku(), lists.found()))
            : placed;
    SkuIds ids = model.ids();
    Scorer scorer = Scorer.start(ids.size());
    strike(scorer, ids, q.filter().exclude());
    scorer.strike(ids.lookup(q.sku()));
    IntPredicate allowed = allowed(filter, ids);
    int pool = pool(q.n(), q.placement());
    if (page != null) {
      scorer.listed(page.similarIds(), page.similarScores(), pool, allowed);
    }
    scorer.topUp(model.popularIds(), model.popularScores(), pool, allowed);
    Shaped shaped = shaped(scorer, ids, q.placement(), filter, q.sku(), q.n());
    return answer(shaped, model, lists.degraded(), q.placement());
  }

  /**
   * Frequently bought together with the asked SKUs: their bought-together lists summed (one SKU:
   * its own list, in order; a cart: the SKUs most bought with the cart as a whole, with {@code
   * because} naming the cart SKUs behind each), the asked SKUs never returned, topped up from their
   * similar products (in the asked order), then popular SKUs. Each bought-together item carries its
   * support. Unknown SKUs, or documents the store did not give in time (degraded), add nothing.
   *
   * @throws NoModel when no model is active
   * @throws StoreException when the store fails and no model version was read before
   */
  public Answer boughtTogether(Queries.Together q) {
    long budget = System.nanoTime() + budgetNanos;
    Snapshot model = model(q.placement(), budget);
    Lists lists = lists(model, q.skus(), budget);
    SkuIds ids = model.ids();
    Scorer scorer = Scorer.start(ids.size());
    strike(scorer, ids, q.filter().exclude());
    strike(scorer, ids, q.skus());
    List<String> added = new ArrayList<>();
    for (String sku : q.skus()) {
      SkuLists doc = lists.found().get(sku);
      if (doc != null && scorer.add(doc.togetherIds(), doc.togetherScores(), 1.0)) {
        added.add(sku);
      }
    }
    Filter filter = q.filter().and(q.placement() == null ? null : q.placement().filter());
    IntPredicate allowed = allowed(filter, ids);
    int pool = pool(q.n(), q.placement());
    scorer.personalized(pool, allowed, ids::sku, Source.TOGETHER);
    for (String sku : q.skus()) {
      SkuLists doc = lists.found().get(sku);
      if (doc != null) {
        scorer.topUp(doc.similarIds(), doc.similarScores(), pool, allowed, Source.SIMILAR);
      }
    }
    scorer.topUp(model.popularIds(), model.popularScores(), pool, allowed);
    List<List<Scorer.Term>> because = added.size() > 1 ? scorer.because(BECAUSE) : List.of();
    Shaped shaped =
        shape(
            scorer.items(),
            ids,
            because,
            added,
            q.placement(),
            sku ->
                !q.skus().contains(sku)
                    && !filter.exclude().contains(sku)
                    && filter.matches(entry(ids, sku)),
            q.n());
    return answer(
        new Shaped(
            withSupport(shaped.items(), q.skus(), lists.found(), ids), shaped.diversityShort()),
        model,
        lists.degraded(),
        q.placement());
  }

  /**
   * Bought-together items with their support: the largest over the asked SKUs whose lists name them
   * (the lists are short, so a scan beats an index).
   */
  private static List<Item> withSupport(
      List<Item> items, List<String> asked, Map<String, SkuLists> found, SkuIds ids) {
    List<Item> out = new ArrayList<>(items.size());
    for (Item item : items) {
      int support = 0;
      if (item.source() == Source.TOGETHER) {
        int id = ids.lookup(item.sku());
        for (String sku : asked) {
          SkuLists doc = found.get(sku);
          for (int x = 0; doc != null && x < doc.togetherIds().length; x++) {
            if (doc.togetherIds()[x] == id) {
              support = Math.max(support, doc.togetherSupports()[x]);
            }
          }
        }
      }
      out.add(
          support == 0
              ? item
              : new Item(
                  item.sku(),
                  item.score(),
                  item.source(),
                  item.category(),
                  item.because(),
                  support,
                  item.boost(),
                  item.pinned()));
    }
    return out;
  }

  /**
   * Trending SKUs of the active version, topped up with popular ones; a version without a trending
   * list (no timestamps, or built before trending lists) gives popular SKUs. No store read. A
   * placement whose experiment variant shows another list type is answered as that type.
   *
   * @throws NoModel when no model is active
   * @throws StoreException when the store fails and no model version was read before
   */
  public Answer trending(Queries.Trending q) {
    if (q.placement() != null && !q.placement().list().equals("trending")) {
      return placed(asRecommend(q));
    }
    Snapshot model = model(q.placement(), System.nanoTime() + budgetNanos);
    SkuIds ids = model.ids();
    Scorer scorer = Scorer.start(ids.size());
    strike(scorer, ids, q.filter().exclude());
    Filter filter = q.filter().and(q.placement() == null ? null : q.placement().filter());
    IntPredicate allowed = allowed(filter, ids);
    int pool = pool(q.n(), q.placement());
    scorer.listed(model.trendingIds(), model.trendingScores(), pool, allowed, Source.TRENDING);
    scorer.topUp(model.popularIds(), model.popularScores(), pool, allowed);
    Shaped shaped = shaped(scorer, ids, q.placement(), filter, null, q.n());
    return answer(shaped, model, false, q.placement());
  }

  /**
   * The popular SKUs of the active version (filters, exclusions and the placement apply). No store
   * read.
   *
   * @throws NoModel when no model is active
   * @throws StoreException when the store fails and no model version was read before
   */
  public Answer popular(Queries.Trending q) {
    Snapshot model = model(q.placement(), System.nanoTime() + budgetNanos);
    SkuIds ids = model.ids();
    Scorer scorer = Scorer.start(ids.size());
    strike(scorer, ids, q.filter().exclude());
    Filter filter = q.filter().and(q.placement() == null ? null : q.placement().filter());
    scorer.topUp(
        model.popularIds(),
        model.popularScores(),
        pool(q.n(), q.placement()),
        allowed(filter, ids));
    Shaped shaped = shaped(scorer, ids, q.placement(), filter, null, q.n());
    return answer(shaped, model, false, q.placement());
  }

  /** Candidates the scorer keeps for {@code n} items: n, or a pool when a placement shapes them. */
  static int pool(int n, Placement p) {
    return p == null ? n : Math.min(MAX_POOL, Math.max(n, n * POOL_FACTOR));
  }

  /** Items and whether diversity ran short. */
  private record Shaped(List<Item> items, boolean diversityShort) {}

  /** A non-personalized answer's items, shaped by {@code p} (none: the scorer's items). */
  private static Shaped shaped(
      Scorer scorer, SkuIds ids, Placement p, Filter filter, String page, int n) {
    return shape(
        scorer.items(),
        ids,
        List.of(),
        List.of(),
        p,
        sku ->
            !sku.equals(page) && !filter.exclude().contains(sku) && filter.matches(entry(ids, sku)),
        n);
  }

  /**
   * The scored pool as answer items: as scored without a placement, else arranged by it.
   *
   * @param pinnable whether a pinned SKU (known to {@code ids}) may be shown
   */
  private static Shaped shape(
      List<ScoredSku> pool,
      SkuIds ids,
      List<List<Scorer.Term>> because,
      List<String> added,
      Placement p,
      java.util.function.Predicate<String> pinnable,
      int n) {
    if (p == null) {
      return new Shaped(items(pool, ids, because, added), false);
    }
    Arrangement.Arranged arranged = Arrangement.arrange(pool, ids, p, pinnable, n);
    List<Item> out = new ArrayList<>(arranged.slots().size());
    for (Arrangement.Slot slot : arranged.slots()) {
      Neighbor entry = ids.entry(slot.item().sku());
      int from = slot.from();
      out.add(
          new Item(
              entry.sku(),
              slot.item().score(),
              slot.item().source(),
              entry.category(),
              from >= 0 && from < because.size() ? reasons(because.get(from), added) : List.of(),
              slot.factor(),
              slot.pinned()));
    }
    return new Shaped(out, arranged.diversityShort());
  }

  private static Neighbor entry(SkuIds ids, String sku) {
    return ids.entry(ids.lookup(sku));
  }

  /**
   * Buy it again: the SKUs the customer bought that customers in general buy again ({@link
   * HistoryLists#buyAgain}), timed against {@code now}. An unknown customer, or one who bought
   * nothing bought again, gets an empty list (no top-up). Degraded as {@link #recommend}: without
   * the profile the list is empty, without documents it holds the cached ones only.
   *
   * @param now epoch seconds the time since each purchase is measured to
   * @throws NoModel when no model is active
   * @throws StoreException when the store fails and no model version was read before
   */
  public Answer buyAgain(Queries.History q, long now) {
    long budget = System.nanoTime() + budgetNanos;
    Snapshot model = model(null, budget);
    History h = history(model, q.customer(), true, budget);
    return new Answer(
        HistoryLists.buyAgain(h.profile(), h.lists().found(), model.ids(), q.filter(), q.n(), now),
        model.version(),
        h.degraded());
  }

  /**
   * Recently viewed: the customer's SKUs with the newest events, bought ones left out ({@link
   * HistoryLists#recentlyViewed}); real-time events show as soon as they reach the profile. An
   * unknown customer gets an empty list. Degraded as {@link #buyAgain}.
   *
   * @throws NoModel when no model is active
   * @throws StoreException when the store fails and no model version was read before
   */
  public Answer recentlyViewed(Queries.History q) {
    long budget = System.nanoTime() + budgetNanos;
    Snapshot model = model(null, budget);
    History h = history(model, q.customer(), false, budget);
    return new Answer(
        HistoryLists.recentlyViewed(h.profile(), h.lists().found(), model.ids(), q.filter(), q.n()),
        model.version(),
        h.degraded());
  }

  /** A customer's stored profile (empty when unknown or unread) and the documents of its SKUs. */
  private record History(CustomerProfile profile, Lists lists, boolean degraded) {}

  /**
   * The profile of {@code customer} and the documents of its bought SKUs ({@code bought}) or of its
   * SKUs with a time, read within {@code budget}.
   */
  private History history(Snapshot model, String customer, boolean bought, long budget) {
    CustomerProfile profile = new CustomerProfile(customer, Map.of());
    boolean degraded = false;
    try {
      profile =
          backend
              .call("read the profile of a customer", budget, () -> store.profile(customer))
              .orElse(profile);
    } catch (StoreException e) {
      degraded = true;
    }
    Set<String> skus = (bought ? profile.bought() : profile.seen()).keySet();
    Lists lists = skus.isEmpty() ? Lists.NONE : lists(model, skus, budget);
    return new History(profile, lists, degraded || lists.degraded());
  }

  /**
   * The active model, or empty when none was ever activated.
   *
   * @throws StoreException when the store fails and no version was read before
   */
  public Optional<Snapshot> current() {
    return current.get(System.nanoTime() + budgetNanos);
  }

  /** The store's circuit breaker, for {@code /healthz}. */
  public Backend.State storeState() {
    return backend.state();
  }

  /** The store answers come from (the demo page lists its customers). */
  public ModelStore store() {
    return store;
  }

  /** Cached SKU entries (documents and known-absent SKUs). */
  public long cachedSkus() {
    return cache.size();
  }

  private static List<Item> score(
      Snapshot model, Map<String, Double> r, Map<String, SkuLists> lists, int n) {
    SkuIds ids = model.ids();
    Scorer scorer = Scorer.start(ids.size());
    add(scorer, r, lists);
    strike(scorer, ids, r.keySet());
    IntPredicate allowed = allowed(Filter.NONE, ids);
    scorer.personalized(n, allowed, ids::sku);
    scorer.topUp(model.popularIds(), model.popularScores(), n, allowed);
    return items(scorer.items(), ids);
  }

  /** Adds each interaction's reverse list; returns the SKUs added, in {@link Scorer#add} order. */
  private static List<String> add(
      Scorer scorer, Map<String, Double> r, Map<String, SkuLists> lists) {
    List<String> added = new ArrayList<>();
    for (Map.Entry<String, Double> e : r.entrySet()) {
      SkuLists doc = lists.get(e.getKey());
      if (doc != null && scorer.add(doc.reverseIds(), doc.reverseScores(), e.getValue())) {
        added.add(e.getKey());
      }
    }
    return added;
  }

  private static void strike(Scorer scorer, SkuIds ids, Collection<String> skus) {
    for (String sku : skus) {
      scorer.strike(ids.lookup(sku));
    }
  }

  /**
   * The one test every list type puts its candidates through: the filter, and no SKU a catalog
   * update made unavailable. Null (everything passes) when neither applies.
   */
  private static IntPredicate allowed(Filter filter, SkuIds ids) {
    boolean filtered = !filter.passesAll();
    if (!ids.anyHidden()) {
      return filtered ? id -> filter.matches(ids.entry(id)) : null;
    }
    return filtered
        ? id -> !ids.hidden(id) && filter.matches(ids.entry(id))
        : id -> !ids.hidden(id);
  }

  private static List<Item> items(List<ScoredSku> scored, SkuIds ids) {
    return items(scored, ids, List.of(), List.of());
  }

  /**
   * @param because per leading item, its {@link Scorer#because} terms (none for the rest)
   * @param added the customer's SKUs the terms' list numbers refer to
   */
  private static List<Item> items(
      List<ScoredSku> scored, SkuIds ids, List<List<Scorer.Term>> because, List<String> added) {
    List<Item> out = new ArrayList<>(scored.size());
    for (int p = 0; p < scored.size(); p++) {
      ScoredSku s = scored.get(p);
      Neighbor entry = ids.entry(s.sku());
      List<Item.Because> reasons = p < because.size() ? reasons(because.get(p), added) : List.of();
      out.add(new Item(entry.sku(), s.score(), s.source(), entry.category(), reasons));
    }
    return out;
  }

  private static List<Item.Because> reasons(List<Scorer.Term> terms, List<String> added) {
    List<Item.Because> reasons = new ArrayList<>(terms.size());
    for (Scorer.Term t : terms) {
      reasons.add(new Item.Because(added.get(t.list()), t.share()));
    }
    return reasons;
  }

  /**
   * The model placement {@code p} is answered from (null: the default model): its variant's model
   * when that has an activated version, else the default model (the answer is then degraded).
   *
   * @throws NoModel when the default model has no activated version
   */
  private Snapshot model(Placement p, long budget) {
    if (p != null && !p.model().equals(Experiments.DEFAULT)) {
      CurrentModel m = models.get(p.model());
      if (m == null) {
        m =
            models.computeIfAbsent(
                p.model(),
                name -> new CurrentModel(store, name, backend, refreshNanos, clock, onStaleError));
      }
      try {
        Optional<Snapshot> s = m.get(budget);
        if (s.isPresent()) {
          return s.get();
        }
      } catch (StoreException e) {
        // never read yet and the store failed: the default model may still be known
      }
    }
    return current.get(budget).orElseThrow(NoModel::new);
  }

  /**
   * The answer of {@code p}'s variant from {@code model}: degraded also when the variant's model
   * was not the one that answered.
   */
  private static Answer answer(Shaped shaped, Snapshot model, boolean degraded, Placement p) {
    if (p == null) {
      return new Answer(shaped.items(), model.version(), degraded, shaped.diversityShort());
    }
    return new Answer(
        shaped.items(),
        model.version(),
        degraded || !model.model().equals(p.model()),
        shaped.diversityShort(),
        p.variant());
  }

  /** A trending request as a placement's list type answers it. */
  private static Queries.Recommend asRecommend(Queries.Trending q) {
    return new Queries.Recommend(null, Map.of(), null, false, q.n(), q.filter(), q.placement());
  }

  /**
   * The page SKU's category for {@code same=category} (as a catalog update changed it); null (rule
   * dropped) when the SKU is unknown or has no category, so the slot still shows something rather
   * than nothing.
   */
  private static String categoryOf(SkuIds ids, String sku, Map<String, SkuLists> found) {
    SkuLists page = found.get(sku);
    return page == null ? null : ids.category(sku, page.category());
  }
}
