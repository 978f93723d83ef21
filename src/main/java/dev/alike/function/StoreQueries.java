package dev.alike.function;

import dev.alike.events.EventWeights;
import dev.alike.serving.Json;
import dev.alike.serving.RecommendService;
import dev.alike.store.ModelStore;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The function's queries without HTTP, for the command line: the same parameter names, validation,
 * scorer and JSON as {@code /recommendations} and {@code /similar}.
 */
public final class StoreQueries {
  /** The SKU cache of a command-line process: a few queries touch few documents. */
  private static final int CACHE_SKUS = 10_000;

  private final RecommendService service;
  private final EventWeights weights;

  /** Queries over {@code store}'s current model, session events ({@code with=}) weighted so. */
  public StoreQueries(ModelStore store, EventWeights weights) {
    this.service = RecommendService.forCommandLine(store, CACHE_SKUS);
    this.weights = weights;
  }

  /**
   * The JSON answer of {@code GET /recommendations} with these query parameters (a token, if given,
   * is not checked: the command line reads the store directly).
   *
   * @throws IllegalArgumentException with the API's message for bad parameters
   * @throws IllegalStateException when no model was ever built into the store
   */
  public String recommend(Map<String, List<String>> params) {
    return answer(() -> service.recommend(QueryParser.recommendation(params, weights).query()));
  }

  /** The JSON answer of {@code GET /similar}; errors as {@link #recommend}. */
  public String similar(Map<String, List<String>> params) {
    return answer(() -> service.similar(QueryParser.similar(params)));
  }

  private static String answer(Supplier<RecommendService.Answer> query) {
    long start = System.nanoTime();
    try {
      RecommendService.Answer a = query.get();
      return Json.items(a.items(), a.model(), (System.nanoTime() - start) / 1e6, a.degraded());
    } catch (BadRequest e) {
      throw new IllegalArgumentException(
          e.getMessage() + (e.field() == null ? "" : " (" + e.field() + ")"), e);
    } catch (RecommendService.NoModel e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
