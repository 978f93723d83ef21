package dev.alike.model;

import java.util.function.IntFunction;

/**
 * New products: SKUs with fewer than {@code minInteractions} customers (those with none included)
 * get content neighbours ({@link ContentNeighbors}) merged into the collaborative lists, scored
 * {@code weight} x content cosine. The rule, one for every list:
 *
 * <ul>
 *   <li>A cold SKU's own similar list and scoring list keep their collaborative entries; content
 *       neighbours not already there fill the free places up to k. Through the scoring list, the
 *       reverse lists carry the cold SKU to customers who have its content neighbours.
 *   <li>Every warm SKU's similar list takes up to {@link #coldSlots} of the cold SKUs that have it
 *       as a content neighbour (the best scored), in place of its weakest entries when full, so a
 *       new product shows beside the products it resembles.
 * </ul>
 *
 * Each list is then ordered by score, ties by SKU id. Content scores are cosines in (0, 1], the
 * scale of the cosine-family similar lists; {@code weight} sets where they rank among the
 * collaborative scores (docs/quality.md, "New products").
 *
 * @param minInteractions SKUs with fewer customers are cold; 0 turns cold start off
 * @param weight factor on content cosines, &gt; 0
 */
public record ColdStart(int minInteractions, double weight) {
  /**
   * Only SKUs nobody interacted with: a SKU with even one customer keeps its own lists as the
   * collaborative fit made them (its similar list may still take in cold SKUs), the behaviour the
   * offline evaluation of warm SKUs measured.
   */
  public static final int DEFAULT_MIN_INTERACTIONS = 1;

  /**
   * The factor the Online Retail evaluation chose (docs/quality.md, "New products"): of 0.1 to 2,
   * the best recall over all purchases after the split at 75 %, and at 50 % not below the model
   * without cold start; 0.25 and above push new SKUs over better known ones.
   */
  public static final double DEFAULT_WEIGHT = 0.15;

  /**
   * Cold SKUs a similar list takes in at most: enough to show a new collection beside its closest
   * products, few enough to displace only the weakest of k = 50 collaborative neighbours.
   */
  public static final int COLD_SLOTS = 3;

  /** Cold SKUs a list of length k takes in: {@link #COLD_SLOTS}, at most a tenth, at least 1. */
  static int coldSlots(int k) {
    return Math.max(1, Math.min(COLD_SLOTS, k / 10));
  }

  public ColdStart {
    if (minInteractions < 0) {
      throw new IllegalArgumentException(
          "cold-start minimum interactions must be >= 0, was " + minInteractions);
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("content weight must be finite and > 0, was " + weight);
    }
  }

  /** The defaults. */
  public static ColdStart defaults() {
    return new ColdStart(DEFAULT_MIN_INTERACTIONS, DEFAULT_WEIGHT);
  }

  /**
   * The merged lists and what cold start did.
   *
   * @param cold SKUs with fewer than {@code minInteractions} customers
   * @param withNeighbors cold SKUs that got at least one content neighbour
   * @param placed entries of cold SKUs placed in other SKUs' similar lists
   */
  public record Lists(
      NeighborLists similar, NeighborLists weights, int cold, int withNeighbors, long placed) {}

  /** Which SKUs of {@code m} are cold. */
  public boolean[] coldSkus(InteractionMatrix m) {
    int[] colPtr = m.colPtr();
    boolean[] cold = new boolean[m.skuCount()];
    for (int i = 0; i < cold.length; i++) {
      cold[i] = colPtr[i + 1] - colPtr[i] < minInteractions;
    }
    return cold;
  }

  /**
   * Merges content neighbours into {@code similar} and {@code weights} (both over {@code m}'s
   * SKUs); returns them unchanged, counts 0, when no SKU is cold.
   *
   * @param text each SKU's text by model index
   * @param k the length lists are filled up to
   */
  public Lists apply(
      InteractionMatrix m,
      NeighborLists similar,
      NeighborLists weights,
      IntFunction<ProductText> text,
      int k,
      int threads) {
    boolean[] cold = coldSkus(m);
    int coldCount = 0;
    for (boolean c : cold) {
      coldCount += c ? 1 : 0;
    }
    if (coldCount == 0) {
      return new Lists(similar, weights, 0, 0, 0);
    }
    NeighborLists content = ContentNeighbors.search(m.skus(), text, cold, k, threads);
    int with = 0;
    for (int i = 0; i < cold.length; i++) {
      with += cold[i] && content.length(i) > 0 ? 1 : 0;
    }
    ListMerge merge = new ListMerge(m.skus(), k, weight);
    NeighborLists filledSimilar = merge.fill(similar, content, cold);
    NeighborLists filledWeights = merge.fill(weights, content, cold);
    NeighborLists placedIn = content.reverse(coldSlots(k), m.skus(), null, threads);
    NeighborLists withCold = merge.place(filledSimilar, placedIn, cold);
    return new Lists(withCold, filledWeights, coldCount, with, merge.placed());
  }
}
