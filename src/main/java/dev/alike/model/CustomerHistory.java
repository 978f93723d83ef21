package dev.alike.model;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * When each customer last interacted with and last bought each SKU of their profile: two columns
 * parallel to an {@link InteractionMatrix}'s rows (entry {@code e} of {@code rowSkus}), which the
 * store writes into the profiles for "recently viewed" and "buy it again".
 *
 * @param seen per entry, epoch seconds of the customer's newest event on the SKU, or {@link
 *     #NO_TIME} when none of its events had a time; null when no event of the log has one
 * @param bought per entry, epoch seconds of the newest purchase ({@link #NO_TIME} when the
 *     purchases had no time), or {@link #NOT_BOUGHT}; null when the log has no purchase
 */
public record CustomerHistory(long[] seen, long[] bought) {
  /**
   * An unknown time, as stored: 0, since no shop event happened at the epoch (events dated at or
   * before it count as untimed).
   */
  public static final long NO_TIME = 0;

  /** {@link #bought} of a SKU the customer never bought. */
  public static final long NOT_BOUGHT = -1;

  /**
   * The history of every entry of {@code matrix}, built from {@code log} (whose customer indices
   * the matrix shares, and whose SKU indices are the matrix's first ones: a cold-start matrix adds
   * catalog SKUs after them). Events of SKUs a row does not hold (cut by the per-customer cap) are
   * skipped. One pass over the log with a binary search per event in its customer's row.
   *
   * @param purchase whether event {@code e} of the log is a purchase
   * @throws IllegalArgumentException when the matrix was not built from this log
   */
  public static CustomerHistory of(EventLog log, InteractionMatrix matrix, IntPredicate purchase) {
    if (matrix.customers() != log.customers() || matrix.skus().size() < log.skus().size()) {
      throw new IllegalArgumentException("the matrix was not built from this log");
    }
    int[] rowPtr = matrix.rowPtr();
    int[] rowSkus = matrix.rowSkus();
    long[] seen = null;
    long[] bought = null;
    for (int e = 0; e < log.size(); e++) {
      int u = log.customer(e);
      int at = Arrays.binarySearch(rowSkus, rowPtr[u], rowPtr[u + 1], log.sku(e));
      if (at < 0) {
        continue;
      }
      long t = log.time(e) > 0 ? log.time(e) : NO_TIME;
      if (t != NO_TIME) {
        seen = seen != null ? seen : new long[matrix.nnz()]; // zeros: NO_TIME
        seen[at] = Math.max(seen[at], t);
      }
      if (purchase.test(e)) {
        if (bought == null) {
          bought = new long[matrix.nnz()];
          Arrays.fill(bought, NOT_BOUGHT);
        }
        bought[at] = Math.max(bought[at], t);
      }
    }
    return new CustomerHistory(seen, bought);
  }
}
