package dev.alike.serving;

import dev.alike.model.ScoredSku.Source;
import java.util.List;

/**
 * One answer entry.
 *
 * @param category the SKU's catalog category, carried in the list entry it came from; null when the
 *     catalog has none
 * @param because for a personalized item, the customer's SKUs whose terms contributed most to its
 *     score, largest first (for a bought-together item, the asked SKUs); empty otherwise
 * @param support for a bought-together item, the orders that had it with an asked SKU (the largest
 *     over the asked SKUs); 0 for other items
 * @param boost the product of the placement's boost and bury factors the item matched (its score
 *     includes it); 1 without a placement or when none matched
 * @param pinned whether a placement's pin put the item at its position
 */
public record Item(
    String sku,
    double score,
    Source source,
    String category,
    List<Because> because,
    int support,
    double boost,
    boolean pinned) {
  /** An entry without reasons (similar, popular, and answers that do not explain). */
  public Item(String sku, double score, Source source, String category) {
    this(sku, score, source, category, List.of(), 0, 1, false);
  }

  /** An entry without support that no placement shaped. */
  public Item(String sku, double score, Source source, String category, List<Because> because) {
    this(sku, score, source, category, because, 0, 1, false);
  }

  /** An entry no placement shaped. */
  public Item(
      String sku,
      double score,
      Source source,
      String category,
      List<Because> because,
      int support) {
    this(sku, score, source, category, because, support, 1, false);
  }

  /** An entry without support. */
  public Item(
      String sku,
      double score,
      Source source,
      String category,
      List<Because> because,
      double boost,
      boolean pinned) {
    this(sku, score, source, category, because, 0, boost, pinned);
  }

  /** One of the customer's SKUs and its share of an item's score ({@link Scorer.Term}). */
  public record Because(String sku, double share) {}
}
