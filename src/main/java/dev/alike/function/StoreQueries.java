package dev.alike.function;

import dev.alike.store.CustomerProfile;
import dev.alike.store.ModelStore;
import java.util.List;
import java.util.Map;

/**
 * The function's queries without HTTP, for the command line and batch exports: the same parameter
 * names, validation, formula and JSON as {@code /recommendations} and {@code /similar}.
 */
public final class StoreQueries {
  /** The SKU cache of a command-line process: large enough for an export over a whole catalogue. */
  private static final int CACHE_SKUS = 200_000;

  private final RecommendService service;

  /** Queries over {@code store}'s current model (re-checked at most once a second). */
  public StoreQueries(ModelStore store) {
    this.service =
        new RecommendService(
            store,
            CACHE_SKUS,
            RecommendFunction.REFRESH_NANOS,
            System::nanoTime,
            e -> {
              throw e;
            });
  }

  /**
   * The JSON answer of {@code GET /recommendations} with these query parameters.
   *
   * @throws IllegalArgumentException with the API's message for bad parameters
   * @throws IllegalStateException when no model was ever built into the store
   */
  public String recommend(Map<String, List<String>> params) {
    return answer(() -> service.recommend(QueryParser.recommendation(params)));
  }

  /** The JSON answer of {@code GET /similar}; errors as {@link #recommend}. */
  public String similar(Map<String, List<String>> params) {
    return answer(() -> service.similar(QueryParser.similar(params)));
  }

  /**
   * The top {@code n} (sku, score) pairs for a customer whose profile is already in hand, best
   * first, for exports: the same list {@code /recommendations?customer=..} answers, without reading
   * the profile again.
   */
  public List<Map.Entry<String, Double>> itemsFor(CustomerProfile profile, int n) {
    Queries.Recommend query =
        new Queries.Recommend(null, profile.scores(), null, false, n, Filter.NONE, null);
    List<Scorer.Item> items = call(() -> service.recommend(query)).items();
    List<Map.Entry<String, Double>> out = new java.util.ArrayList<>(items.size());
    for (Scorer.Item item : items) {
      out.add(Map.entry(item.sku(), item.score()));
    }
    return out;
  }

  private String answer(java.util.function.Supplier<RecommendService.Answer> query) {
    long start = System.nanoTime();
    RecommendService.Answer a = call(query);
    return Json.items(a.items(), a.model(), (System.nanoTime() - start) / 1e6);
  }

  private static RecommendService.Answer call(
      java.util.function.Supplier<RecommendService.Answer> query) {
    try {
      return query.get();
    } catch (BadRequest e) {
      throw new IllegalArgumentException(
          e.getMessage() + (e.field() == null ? "" : " (" + e.field() + ")"), e);
    } catch (RecommendService.NoModel e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
