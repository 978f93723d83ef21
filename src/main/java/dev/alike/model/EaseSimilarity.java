package dev.alike.model;

/**
 * Neighbourhood-restricted EASE: each SKU's C best candidates by a base similarity (TF-IDF by
 * default: its candidates scored better than cosine's on MovieLens 100k and Online Retail),
 * re-weighted by {@link RestrictedRegression}, the largest k weights kept for the recommender. The
 * regression discounts a candidate whose customers are already explained by others (a best-seller
 * that co-occurs with everything), which plain cosine cannot; the price is a C^3 solve per SKU at
 * build time, and weights that are partial effects, not "how alike".
 *
 * <p>"Similar products" lists stay on the base similarity: its scores are interpretable and always
 * positive, where a regression weight can be small or negative for an obviously related product
 * that other candidates already predict. So {@link #prepare} is the base's, and only the lists that
 * feed the recommender change.
 */
public final class EaseSimilarity implements ItemSimilarity {
  /**
   * Default candidates per SKU: on MovieLens 100k, 100 scored as well as 200 and 300 (nDCG@10 0.479
   * with TF-IDF candidates, docs/quality.md), and the solve grows with the cube of C.
   */
  public static final int DEFAULT_CANDIDATES = 100;

  /**
   * Default ridge penalty, in co-occurrence counts (binary columns): best on both MovieLens sets;
   * Online Retail prefers 30 (+9% nDCG@10 there, -7% on MovieLens 100k), so 300 is the safe side.
   */
  public static final double DEFAULT_LAMBDA = 300;

  private final int candidates;
  private final double lambda;
  private final PairwiseSimilarity base;

  /**
   * @param candidates C, candidates per SKU, >= 1
   * @param lambda ridge penalty, finite and > 0
   * @param base the similarity that picks the candidates
   */
  public EaseSimilarity(int candidates, double lambda, PairwiseSimilarity base) {
    if (candidates < 1) {
      throw new IllegalArgumentException("EASE candidates must be >= 1, was " + candidates);
    }
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("EASE lambda must be finite and > 0, was " + lambda);
    }
    this.candidates = candidates;
    this.lambda = lambda;
    this.base = base;
  }

  /** The ridge penalty. */
  public double lambda() {
    return lambda;
  }

  /** The similarity that picks the candidates. */
  public PairwiseSimilarity base() {
    return base;
  }

  @Override
  public String name() {
    String s = "ease:" + candidates + ":" + Similarities.format(lambda);
    return base instanceof TfIdfSimilarity ? s : s + ":" + base.name();
  }

  @Override
  public Prepared prepare(InteractionMatrix matrix) {
    return base.prepare(matrix);
  }

  @Override
  public int candidates(int k) {
    return Math.max(candidates, k);
  }

  @Override
  public NeighborLists scoringWeights(
      InteractionMatrix matrix, NeighborLists candidateLists, int k, int threads) {
    return new RestrictedRegression(matrix, lambda, threads).weights(candidateLists, k);
  }
}
