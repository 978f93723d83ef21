package dev.alike.model;

/**
 * Cosine over TF-IDF weighted scores, as implicit's TFIDFRecommender: each entry becomes sqrt(r_ui)
 * * idf(u), idf(u) = log(skus / (1 + |u|)), |u| the number of SKUs of customer u. A customer who
 * buys everything says little about which SKUs belong together, so heavy customers (wholesalers,
 * bots) count less; sqrt damps very large quantities. Can hurt where heavy customers are the
 * informative ones, such as film buffs on MovieLens.
 */
public final class TfIdfSimilarity extends PairwiseSimilarity {
  /**
   * Floor of the inverse document frequency: a customer holding (nearly) every SKU gets a tiny
   * positive weight rather than 0 or a negative one, because the product kernel needs every stored
   * value to be > 0.
   */
  static final double MIN_IDF = 1e-3;

  @Override
  public String name() {
    return "tfidf";
  }

  @Override
  public float entryValue(
      float score, int customerSkus, int skuCount, double columnTotal, double meanTotal) {
    return (float) (Math.sqrt(score) * idf(skuCount, customerSkus));
  }

  @Override
  public boolean normalizesColumns() {
    return true;
  }

  /** idf of a customer with {@code customerSkus} SKUs among {@code skus}, at least MIN_IDF. */
  static double idf(double skus, int customerSkus) {
    return Math.max(MIN_IDF, Math.log(skus / (1.0 + customerSkus)));
  }
}
