package dev.alike.beam;

import dev.alike.model.PairwiseSimilarity.ColumnStats;
import java.io.Serializable;

/**
 * The values that travel between the Beam build's stages. Each has a coder made of Beam's standard
 * coders ({@link ValueCoders}), registered for the whole pipeline: Java serialization would write
 * class descriptors with every element and, on the DirectRunner, cost more than the work itself.
 */
final class Values {
  private Values() {}

  /**
   * One accepted event.
   *
   * @param position its place in the read order: file ordinal above event index within the file, so
   *     that sorting by it replays the single-machine build's sequential read
   */
  record Event(String customer, String sku, float weight, long time, long position)
      implements Serializable {
    static long position(int file, int event) {
      return ((long) file << 40) | event;
    }
  }

  /**
   * A customer's interactions after summing, decay and the per-customer cap: {@code skus[e]} with
   * score {@code scores[e]} (> 0).
   *
   * @param position the position of the customer's first event (the single-machine build's customer
   *     index order)
   */
  record CustomerRow(String customer, long position, String[] skus, float[] scores)
      implements Serializable {}

  /**
   * One entry of a SKU's column: a customer, their first position, r_ui and the number of SKUs the
   * customer has (the similarities' customer weights read it).
   */
  record ColumnEntry(String customer, long position, float score, int customerSkus)
      implements Serializable {}

  /**
   * One entry of a customer's row as it enters the product, with the statistics of its SKU's column
   * (the pair scores of the non-cosine similarities read them).
   */
  record RowEntry(String sku, float value, ColumnStats stats) implements Serializable {}

  /** A SKU with a score: a list entry, a popular SKU. */
  record Scored(String sku, double score) implements Serializable {}
}
