package dev.alike.serving;

import dev.alike.model.ScoredSku.Source;
import java.util.List;

/**
 * One answer entry.
 *
 * @param category the SKU's catalog category, carried in the list entry it came from; null when the
 *     catalog has none
 * @param because for a personalized item, the customer's SKUs whose terms contributed most to its
 *     score, largest first; empty otherwise
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
    double boost,
    boolean pinned) {
  /** An entry without reasons (similar, popular, and answers that do not explain). */
  public Item(String sku, double score, Source source, String category) {
    this(sku, score, source, category, List.of());
  }

  /** An entry no placement shaped. */
  public Item(String sku, double score, Source source, String category, List<Because> because) {
    this(sku, score, source, category, because, 1, false);
  }

  /** One of the customer's SKUs and its share of an item's score ({@link Scorer.Term}). */
  public record Because(String sku, double share) {}
}
