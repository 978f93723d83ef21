package dev.alike.model;

/**
 * The fit, step by step, as SAR's {@code fit} reads: interactions, similarity, top-k, scoring
 * weights (a regression for EASE), reverse lists, popular SKUs. The batch job times each step;
 * evaluation calls {@link #fit} in one go.
 */
public final class ModelFit {
  private final FitOptions options;
  private long accumulations;
  private int reverseCapHits;

  public ModelFit(FitOptions options) {
    this.options = options;
  }

  /** Step 1: the customers x SKUs score matrix (duplicates summed, decay, per-customer cap). */
  public InteractionMatrix interactions(EventLog events) {
    return InteractionMatrix.build(
        events, options.halfLifeSeconds(), options.maxSkusPerCustomer(), options.threads());
  }

  /**
   * Step 2: each SKU's top neighbours by the similarity's product search: k of them, or more when
   * the similarity re-weights a longer candidate list in step 3 ({@link
   * ItemSimilarity#candidates}).
   */
  public NeighborLists neighbors(InteractionMatrix matrix) {
    int kept = options.similarity().candidates(options.k());
    NeighborSearch search =
        new NeighborSearch(matrix, options.similarity(), kept, options.threads());
    NeighborLists lists = search.run();
    accumulations = search.accumulations();
    return lists;
  }

  /** The "similar products" lists: the first k of step 2's lists. */
  public NeighborLists similar(NeighborLists neighbors) {
    return neighbors.truncate(options.k());
  }

  /**
   * Step 3: the lists the recommender sums over: step 2's lists themselves, or for a regression
   * similarity such as EASE its k largest weights (possibly negative).
   */
  public NeighborLists scoringWeights(InteractionMatrix matrix, NeighborLists neighbors) {
    return options.similarity().scoringWeights(matrix, neighbors, options.k(), options.threads());
  }

  /**
   * Step 3b: content neighbours ({@link ColdStart}) for the SKUs with few or no customers, merged
   * into the similar lists (step 2's first k) and step 3's scoring lists.
   */
  public ColdStart.Lists coldStart(
      ColdStart cold,
      InteractionMatrix matrix,
      NeighborLists neighbors,
      NeighborLists weights,
      java.util.function.IntFunction<ProductText> text) {
    return cold.apply(matrix, similar(neighbors), weights, text, options.k(), options.threads());
  }

  /** Step 4: reverse lists of step 3's, capped. */
  public NeighborLists reverse(NeighborLists weights, IdIndex skus) {
    int[] hits = new int[1];
    NeighborLists reverse = weights.reverse(options.maxReverse(), skus, hits, options.threads());
    reverseCapHits = hits[0];
    return reverse;
  }

  /** Step 5: the popular fallback. */
  public PopularSkus popular(InteractionMatrix matrix) {
    return PopularSkus.of(matrix, options.popularLimit());
  }

  /** All steps on an existing matrix. */
  public ItemModel fit(InteractionMatrix matrix) {
    NeighborLists neighbors = neighbors(matrix);
    NeighborLists weights = scoringWeights(matrix, neighbors);
    return new ItemModel(
        matrix.skus(), similar(neighbors), reverse(weights, matrix.skus()), popular(matrix));
  }

  /**
   * All steps with cold start: {@code matrix} already holds the catalog's SKUs without events
   * ({@link InteractionMatrix#withSkus}), {@code text} gives each SKU's text by index.
   */
  public ItemModel fit(
      InteractionMatrix matrix, ColdStart cold, java.util.function.IntFunction<ProductText> text) {
    NeighborLists neighbors = neighbors(matrix);
    ColdStart.Lists lists =
        coldStart(cold, matrix, neighbors, scoringWeights(matrix, neighbors), text);
    return new ItemModel(
        matrix.skus(), lists.similar(), reverse(lists.weights(), matrix.skus()), popular(matrix));
  }

  /** Multiply-adds of the last {@link #neighbors} call. */
  public long accumulations() {
    return accumulations;
  }

  /** SKUs whose reverse list was cut in the last {@link #reverse} call. */
  public int reverseCapHits() {
    return reverseCapHits;
  }

  public FitOptions options() {
    return options;
  }
}
