package dev.alike.model;

/**
 * The fit, step by step, as SAR's {@code fit} reads: interactions, similarity, top-k, reverse
 * lists, popular SKUs. The batch job times each step; evaluation calls {@link #fit} in one go.
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

  /** Step 2: each SKU's top-k neighbours. */
  public NeighborLists neighbors(InteractionMatrix matrix) {
    NeighborSearch search =
        new NeighborSearch(matrix, options.similarity(), options.k(), options.threads());
    NeighborLists lists = search.run();
    accumulations = search.accumulations();
    return lists;
  }

  /** Step 3: reverse lists, capped. */
  public NeighborLists reverse(NeighborLists neighbors, IdIndex skus) {
    int[] hits = new int[1];
    NeighborLists reverse = neighbors.reverse(options.maxReverse(), skus, hits, options.threads());
    reverseCapHits = hits[0];
    return reverse;
  }

  /** Step 4: the popular fallback. */
  public PopularSkus popular(InteractionMatrix matrix) {
    return PopularSkus.of(matrix, options.popularLimit());
  }

  /** All steps on an existing matrix. */
  public ItemModel fit(InteractionMatrix matrix) {
    NeighborLists neighbors = neighbors(matrix);
    return new ItemModel(
        matrix.skus(), neighbors, reverse(neighbors, matrix.skus()), popular(matrix));
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
