package dev.alike.function;

import java.util.Map;

/** Parsed requests. */
final class Queries {
  private Queries() {}

  /**
   * Recommended for you.
   *
   * @param customer stored customer id, or null for an anonymous session
   * @param session session interactions, SKU to summed event weight (in request order)
   * @param context the SKU of the page being viewed, or null; never returned itself
   * @param sameCategory restrict to {@code context}'s category
   * @param token the signed customer token given with the request, or null ({@link CustomerTokens})
   */
  record Recommend(
      String customer,
      Map<String, Double> session,
      String context,
      boolean sameCategory,
      int n,
      Filter filter,
      String token) {}

  /** Similar products of {@code sku}. */
  record Similar(String sku, boolean sameCategory, int n, Filter filter) {}
}
