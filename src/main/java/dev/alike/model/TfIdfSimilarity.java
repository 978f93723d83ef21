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
        rowValues[e] = (float) (Math.sqrt(raw[e]) * idf);
      }
    }
    return Weighting.cosine(m, rowValues);
  }
}
