package dev.alike.serving;

import java.util.List;
import java.util.Map;

/** Requests to the serving path, as parsed from HTTP or the command line. */
public final class Queries {
  private Queries() {}

  /**
   * Recommended for you.
   *
   * @param customer stored customer id, or null for an anonymous session
   * @param session session interactions, SKU to summed event weight (in request order)
   * @param context the SKU of the page being viewed, or null; never returned itself
   * @param sameCategory restrict to {@code context}'s category
   */
  public record Recommend(
      String customer,
      Map<String, Double> session,
      String context,
      boolean sameCategory,
      int n,
      Filter filter) {}

  /** Trending SKUs (filters and exclusions apply). */
  public record Trending(int n, Filter filter) {}

  /**
   * Frequently bought together with {@code skus} (a product page: one SKU; a cart: several, merged,
   * never returned themselves).
   */
  public record Together(List<String> skus, int n, Filter filter) {}

  /** Similar products of {@code sku}. */
  public record Similar(String sku, boolean sameCategory, int n, Filter filter) {}

  /**
   * Re-ranking a given list by the personalized score.
   *
   * @param customer stored customer id, or null for an anonymous session
   * @param session session interactions, SKU to summed event weight
   * @param items the SKUs to order, as given (repeats allowed: each is kept)
   */
  public record Rank(String customer, Map<String, Double> session, List<String> items) {}
}
