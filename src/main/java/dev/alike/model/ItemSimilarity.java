package dev.alike.model;

/**
 * A similarity between SKU columns computed from the sparse product C^T C, where C holds the values
 * this similarity chooses for each stored entry of the interaction matrix (the raw scores for
 * cosine, 1 for co-occurrence measures, re-weighted scores for BM25 or TF-IDF): each such weighting
 * is a {@link PairwiseSimilarity}; {@link EaseSimilarity} re-weights one's candidate lists.
 *
 * <p>Implementations are small and stateless; {@link #prepare} does the per-column work once.
 */
public interface ItemSimilarity {
  /** Short name used on the command line and in reports, such as {@code cosine}. */
  String name();

  /** Prepares the per-column data this similarity needs for {@code matrix}. */
  Prepared prepare(InteractionMatrix matrix);

  /**
   * How many neighbours the product search keeps per SKU when the build keeps {@code k}: k, unless
   * {@link #scoringWeights} picks its k from a longer candidate list.
   */
  default int candidates(int k) {
    return k;
  }

  /**
   * The lists the recommender sums over (s_ij in score(i) = sum_j s_ij r_uj, list i holding j),
   * from the product search's {@code candidates} (best first, {@link #candidates(int)} per SKU): by
   * default the candidates themselves. Scores may then be negative, never zero or NaN.
   */
  default NeighborLists scoringWeights(
      InteractionMatrix matrix, NeighborLists candidates, int k, int threads) {
    return candidates;
  }

  /**
   * A prepared similarity from its product values (CSR- and CSC-aligned) and its pair score.
   *
   * @param needsCounts whether {@code score} reads the co-occurrence count
   */
  static Prepared prepared(
      float[] rowValues, float[] columnValues, boolean needsCounts, PairScore score) {
    return new SimplePrepared(rowValues, columnValues, needsCounts, score);
  }

  /** The final score of a pair: see {@link Prepared#score}. */
  @FunctionalInterface
  interface PairScore {
    /**
     * The dot product itself (the values were normalized up front); the kernel then selects
     * straight from its accumulator without a call per candidate pair.
     */
    PairScore DOT = (i, j, dot, coCount) -> dot;

    double score(int i, int j, double dot, int coCount);
  }

  /** The plain implementation behind {@link #prepared}. */
  record SimplePrepared(
      float[] rowValues, float[] columnValues, boolean needsCounts, PairScore pairScore)
      implements Prepared {
    @Override
    public double score(int i, int j, double dot, int coCount) {
      return pairScore.score(i, j, dot, coCount);
    }

    @Override
    public boolean scoreIsDot() {
      return pairScore == PairScore.DOT;
    }
  }

  /** The similarity's values and final scoring for one matrix. */
  interface Prepared {
    /**
     * Values entering the product, aligned with {@link InteractionMatrix#rowValues()} (and, by
     * {@link #columnValues()}, with {@link InteractionMatrix#colValues()}).
     */
    float[] rowValues();

    /** The same values aligned with the CSC arrays. */
    float[] columnValues();

    /** Whether {@link #score} needs the co-occurrence count (costs a second accumulator). */
    default boolean needsCounts() {
      return false;
    }

    /** Whether {@link #score} returns {@code dot} unchanged, so the kernel may skip the call. */
    default boolean scoreIsDot() {
      return false;
    }

    /**
     * The similarity of SKUs i and j from their dot product over {@link #rowValues()} and the
     * number of customers who have both ({@code -1} unless {@link #needsCounts()}). Values <= 0 (or
     * NaN) mean "not a neighbour".
     */
    double score(int i, int j, double dot, int coCount);
  }
}
