package dev.alike.beam;

import java.io.Serializable;

/** The values that travel between the Beam build's stages (encoded by Java serialization). */
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
   * One entry of a SKU's column: a customer, their first position, r_ui and the value the
   * similarity enters it with.
   */
  record ColumnEntry(String customer, long position, float score, float value)
      implements Serializable {}

  /** One entry of a customer's row as it enters the product. */
  record RowEntry(String sku, float value) implements Serializable {}

  /** A SKU with a score: a list entry, a popular SKU. */
  record Scored(String sku, double score) implements Serializable {}

  /** A pair's dot product and the number of customers who have both. */
  record Dot(double dot, int count) implements Serializable {}
}
