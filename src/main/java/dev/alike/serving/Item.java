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
 */
public record Item(
    String sku, double score, Source source, String category, List<Because> because, int support) {
  /** An entry without reasons (similar, popular, and answers that do not explain). */
  public Item(String sku, double score, Source source, String category) {
    this(sku, score, source, category, List.of(), 0);
  }

  /** An entry without support. */
  public Item(String sku, double score, Source source, String category, List<Because> because) {
    this(sku, score, source, category, because, 0);
  }

  /** One of the customer's SKUs and its share of an item's score ({@link Scorer.Term}). */
  public record Because(String sku, double share) {}
}
