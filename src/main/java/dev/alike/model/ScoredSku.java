package dev.alike.model;

/** One recommended SKU (by index) with its score and where it came from. */
public record ScoredSku(int sku, double score, Source source) {
  /** Why a SKU is in a list. */
  public enum Source {
    /** From the customer's own interactions through the SKUs' neighbour lists. */
    PERSONALIZED,
    /** From the neighbour list of the product being viewed. */
    SIMILAR,
    /** Fallback: among the most popular SKUs. */
    POPULAR,
    /** From the version's trending list. */
    TRENDING,
    /** Re-ranking: a given SKU without a personalized score, kept in its given order. */
    GIVEN,
    /** One the customer bought that customers in general buy again. */
    BUY_AGAIN,
    /** One the customer interacted with lately and did not buy. */
    RECENTLY_VIEWED,
    /** From the bought-together lists of the SKUs asked about (a product page or a cart). */
    TOGETHER,
    /** A placement's pin that was not among the list's candidates. */
    PINNED;

    /** Lower-case name as used in JSON. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
