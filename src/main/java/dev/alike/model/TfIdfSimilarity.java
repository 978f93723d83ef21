package dev.alike.model;

/**
 * Cosine over TF-IDF weighted scores, as implicit's TFIDFRecommender: each entry becomes sqrt(r_ui)
 * * idf(u), idf(u) = log(skus / (1 + |u|)), |u| the number of SKUs of customer u. A customer who
 * buys everything says little about which SKUs belong together, so heavy customers (wholesalers,
 * bots) count less; sqrt damps very large quantities. Can hurt where heavy customers are the
 * informative ones, such as film buffs on MovieLens.
 */
public final class TfIdfSimilarity implements ItemSimilarity {
  @Override
  public String name() {
    return "tfidf";
  }

  @Override
  public Prepared prepare(InteractionMatrix m) {
    float[] rowValues = new float[m.nnz()];
    int[] rowPtr = m.rowPtr();
    float[] raw = m.rowValues();
    double skus = m.skuCount();
    for (int u = 0; u < m.customerCount(); u++) {
      double idf = Weighting.idf(skus, rowPtr[u + 1] - rowPtr[u]);
      for (int e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
        rowValues[e] = value(raw[e], idf);
      }
    }
    return Weighting.cosine(m, rowValues);
  }

  @Override
  public java.util.Optional<PairwiseSimilarity> pairwise() {
    return java.util.Optional.of(
        Weighting.pairwiseCosine(
            (score, customerSkus, skuCount) ->
                value(score, Weighting.idf(skuCount, customerSkus))));
  }

  /** sqrt(r_ui) * idf(u). */
  private static float value(float score, double idf) {
    return (float) (Math.sqrt(score) * idf);
  }
}
