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
   * @param placement the slot that shapes the list, or null (the list as scored); in a running
   *     experiment, the variant the request was assigned ({@link Placements#assign}), as for the
   *     placements of the other requests
   */
  public record Recommend(
      String customer,
      Map<String, Double> session,
      String context,
      boolean sameCategory,
      int n,
      Filter filter,
      Placement placement) {
    /** A request without a placement. */
    public Recommend(
        String customer,
        Map<String, Double> session,
        String context,
        boolean sameCategory,
        int n,
        Filter filter) {
      this(customer, session, context, sameCategory, n, filter, null);
    }
  }

  /** Trending SKUs (filters and exclusions apply), shaped by {@code placement} unless null. */
  public record Trending(int n, Filter filter, Placement placement) {
    /** A request without a placement. */
    public Trending(int n, Filter filter) {
      this(n, filter, null);
    }
  }

  /**
   * A list from a customer's own history: buy it again, recently viewed (filters and exclusions
   * apply).
   *
   * @param customer stored customer id, non-empty
   */
  public record History(String customer, int n, Filter filter) {}

  /**
   * Frequently bought together with {@code skus} (a product page: one SKU; a cart: several, merged,
   * never returned themselves), shaped by {@code placement} unless null.
   */
  public record Together(List<String> skus, int n, Filter filter, Placement placement) {
    /** A request without a placement. */
    public Together(List<String> skus, int n, Filter filter) {
      this(skus, n, filter, null);
    }
  }

  /** Similar products of {@code sku}, shaped by {@code placement} unless null. */
  public record Similar(
      String sku, boolean sameCategory, int n, Filter filter, Placement placement) {
    /** A request without a placement. */
    public Similar(String sku, boolean sameCategory, int n, Filter filter) {
      this(sku, sameCategory, n, filter, null);
    }
  }

  /**
   * Re-ranking a given list by the personalized score.
   *
   * @param customer stored customer id, or null for an anonymous session
   * @param session session interactions, SKU to summed event weight
   * @param items the SKUs to order, as given (repeats allowed: each is kept)
   */
  public record Rank(String customer, Map<String, Double> session, List<String> items) {}
}
