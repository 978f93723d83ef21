package dev.alike.model;

/**
 * Settings of a model fit, with the design's defaults.
 *
 * @param k neighbours kept per SKU (50: enough for a product page and for the recommender's sum,
 *     small enough that a SKU's document stays a few KiB)
 * @param similarity how SKU columns are compared
 * @param halfLifeSeconds recency decay of event weights; 0 = off (the design's plain sums)
 * @param maxSkusPerCustomer per-customer cap (500: far above a real shopper, low enough that one
 *     bot with 100k SKUs cannot make the product quadratic)
 * @param maxReverse cap on a SKU's reverse list (1,000: a best-seller is a neighbour of thousands;
 *     the weakest of those contribute least to any score)
 * @param popularLimit length of the popular fallback list (1,000, so that filtered fallbacks, e.g.
 *     one category, still find candidates)
 * @param threads worker threads for the similarity product
 * @param trendingWindowSeconds the length of each of the trending list's two windows ({@link
 *     TrendingSkus}; a week by default, so that weekdays cancel out)
 */
public record FitOptions(
    int k,
    ItemSimilarity similarity,
    double halfLifeSeconds,
    int maxSkusPerCustomer,
    int maxReverse,
    int popularLimit,
    int threads,
    long trendingWindowSeconds) {

  public static final int DEFAULT_K = 50;
  public static final int DEFAULT_MAX_SKUS_PER_CUSTOMER = 500;
  public static final int DEFAULT_MAX_REVERSE = 1000;
  public static final int DEFAULT_POPULAR = 1000;

  public FitOptions {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    if (maxSkusPerCustomer < 1) {
      throw new IllegalArgumentException(
          "max SKUs per customer must be >= 1, was " + maxSkusPerCustomer);
    }
    if (maxReverse < 1) {
      throw new IllegalArgumentException("max reverse list must be >= 1, was " + maxReverse);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (trendingWindowSeconds <= 0) {
      throw new IllegalArgumentException(
          "trending window must be > 0 seconds, was " + trendingWindowSeconds);
    }
    if (!(halfLifeSeconds >= 0)) {
      throw new IllegalArgumentException("half-life must be >= 0, was " + halfLifeSeconds);
    }
  }

  /**
   * The defaults: {@link Similarities#DEFAULT} (EASE restricted to each SKU's 100 TF-IDF
   * candidates), k = 50, no decay, caps 500 / 1,000, all cores. Not the design's plain cosine,
   * because the offline evaluation (docs/quality.md) found TF-IDF best among the cosine family
   * (+4.5% nDCG@10 on MovieLens 100k, +43% on Online Retail, where wholesalers who buy everything
   * otherwise dominate) and the regression on its candidates better again (+7% on MovieLens 100k,
   * +16% on Online Retail), at about 2.5x the build time.
   */
  public static FitOptions defaults() {
    return new FitOptions(
        DEFAULT_K,
        Similarities.parse(Similarities.DEFAULT),
        0,
        DEFAULT_MAX_SKUS_PER_CUSTOMER,
        DEFAULT_MAX_REVERSE,
        DEFAULT_POPULAR,
        Runtime.getRuntime().availableProcessors(),
        TrendingSkus.WEEK_SECONDS);
  }

  public FitOptions withK(int value) {
    return new FitOptions(
        value,
        similarity,
        halfLifeSeconds,
        maxSkusPerCustomer,
        maxReverse,
        popularLimit,
        threads,
        trendingWindowSeconds);
  }

  public FitOptions withSimilarity(ItemSimilarity value) {
    return new FitOptions(
        k,
        value,
        halfLifeSeconds,
        maxSkusPerCustomer,
        maxReverse,
        popularLimit,
        threads,
        trendingWindowSeconds);
  }

  public FitOptions withHalfLifeSeconds(double value) {
    return new FitOptions(
        k,
        similarity,
        value,
        maxSkusPerCustomer,
        maxReverse,
        popularLimit,
        threads,
        trendingWindowSeconds);
  }

  public FitOptions withMaxSkusPerCustomer(int value) {
    return new FitOptions(
        k,
        similarity,
        halfLifeSeconds,
        value,
        maxReverse,
        popularLimit,
        threads,
        trendingWindowSeconds);
  }

  public FitOptions withMaxReverse(int value) {
    return new FitOptions(
        k,
        similarity,
        halfLifeSeconds,
        maxSkusPerCustomer,
        value,
        popularLimit,
        threads,
        trendingWindowSeconds);
  }

  public FitOptions withTrendingWindowSeconds(long value) {
    return new FitOptions(
        k,
        similarity,
        halfLifeSeconds,
        maxSkusPerCustomer,
        maxReverse,
        popularLimit,
        threads,
        value);
  }

  public FitOptions withThreads(int value) {
    return new FitOptions(
        k,
        similarity,
        halfLifeSeconds,
        maxSkusPerCustomer,
        maxReverse,
        popularLimit,
        value,
        trendingWindowSeconds);
  }
}
