package dev.alike.model;

import java.util.Arrays;

/**
 * Frequently bought together: for each SKU, the SKUs most often in the same order, scored by one of
 * the item similarities over an orders x SKUs matrix of ones, so that "in the same order" is the
 * same product search as "bought by the same customer" ({@link NeighborSearch}) and every weighting
 * is defined once. On such a matrix the dot of two columns is the number of orders holding both
 * (the support), and {@code asymmetric:alpha} spans the usual basket scores for SKU i's list: alpha
 * 1 ranks by raw co-occurrence (confidence P(j | i), bestsellers everywhere), 0.5 is cosine, 0
 * ranks as lift does (rare SKUs). {@code +support:n} sets the minimum support. Which one the build
 * uses was chosen by the Online Retail evaluation in docs/quality.md ({@link #DEFAULT}).
 *
 * <p>An order is every event with the same order key ({@link EventLog#order}) that is not a browse:
 * purchases, cart events and events given by weight only (not browses or clicks). SKUs are counted
 * once per order. Orders with one SKU count in each SKU's order total (a SKU mostly bought alone
 * scores lower) but give no pair; orders with more than {@link #MAX_ORDER_SKUS} SKUs are left out
 * and counted. Without order keys there are no lists.
 */
public final class BoughtTogether {
  /**
   * The scoring the build uses: co-occurrence over the candidate's order total to the power 0.2,
   * pairs of at least 3 orders. On Online Retail's later orders (docs/quality.md) raw counts hit
   * most (0.600) but name the fewest distinct SKUs (1,631); this keeps 96% of their hits (0.579)
   * with 18% more distinct SKUs (1,933), where cosine loses 13% of the hits and lift-ranked lists a
   * quarter or more.
   */
  public static final String DEFAULT = "asymmetric:0.8+support:3";

  /**
   * Orders with more SKUs are left out: their pairs grow as the square (a 200-SKU order adds
   * 19,900, as many as 190 orders of 15, Online Retail's median) while a wholesaler's restock says
   * little about any one pair. Online Retail has 23 such orders of 18,536.
   */
  public static final int MAX_ORDER_SKUS = 200;

  private BoughtTogether() {}

  /**
   * Each SKU's list, best first, and each entry's support.
   *
   * @param lists per SKU of the model's index, its top SKUs (indices of that index)
   * @param support per entry of {@code lists}, the number of orders holding both SKUs
   * @param orders orders with at least one SKU of the model
   * @param largeOrders orders left out for having more than {@link #MAX_ORDER_SKUS} SKUs
   */
  public record Lists(NeighborLists lists, int[] support, int orders, int largeOrders) {
    /** The support of entry {@code at} of {@link #lists}. */
    public int support(int at) {
      return support[at];
    }
  }

  /**
   * The lists of {@code log}'s orders over {@code skus} (the model's SKU index; SKUs it lacks are
   * left out).
   *
   * @param scoring how pairs are scored ({@link Similarities#parse}); must be a pairwise one
   * @param k entries kept per SKU, >= 1
   * @return empty lists (and 0 orders) when no event has an order key
   * @throws IllegalArgumentException for a scoring that is not pairwise (EASE) or k < 1
   */
  public static Lists of(EventLog log, IdIndex skus, ItemSimilarity scoring, int k, int threads) {
    if (!(scoring instanceof PairwiseSimilarity)) {
      throw new IllegalArgumentException(
          "bought-together scoring must be a pairwise similarity, not " + scoring.name());
    }
    if (!log.hasOrders()) {
      // Most logs carry no order ids: skip the order matrix and the search over every SKU.
      return new Lists(
          new NeighborLists(new int[skus.size() + 1], new int[0], new float[0]), new int[0], 0, 0);
    }
    InteractionMatrix orders = orders(log, skus);
    int[] large = {0};
    orders = withoutLarge(orders, large);
    NeighborLists lists = new NeighborSearch(orders, scoring, k, threads).run();
    return new Lists(lists, support(orders, lists), orders.customerCount() + large[0], large[0]);
  }

  /**
   * The orders x SKUs matrix of ones: rows are the distinct order keys in increasing order, each
   * row's SKUs increasing and distinct.
   */
  static InteractionMatrix orders(EventLog log, IdIndex skus) {
    int[] skuOf = new int[log.skus().size()];
    for (int j = 0; j < skuOf.length; j++) {
      skuOf[j] = log.skus() == skus ? j : skus.indexOf(log.skus().id(j));
    }
    long[] keys = new long[log.size()];
    int selected = 0;
    for (int e = 0; e < log.size(); e++) {
      if (inOrder(log, e) && skuOf[log.sku(e)] >= 0) {
        keys[selected++] = log.order(e);
      }
    }
    long[] distinct = Arrays.copyOf(keys, selected);
    Arrays.sort(distinct);
    int rows = 0;
    for (int x = 0; x < selected; x++) {
      if (x == 0 || distinct[x] != distinct[x - 1]) {
        distinct[rows++] = distinct[x];
      }
    }
    int[] rowPtr = new int[rows + 1];
    int[] rowOf = new int[selected];
    int[] skuAt = new int[selected];
    for (int e = 0, x = 0; e < log.size(); e++) {
      if (inOrder(log, e) && skuOf[log.sku(e)] >= 0) {
        rowOf[x] = Arrays.binarySearch(distinct, 0, rows, log.order(e));
        skuAt[x++] = skuOf[log.sku(e)];
        rowPtr[rowOf[x - 1] + 1]++;
      }
    }
    for (int r = 0; r < rows; r++) {
      rowPtr[r + 1] += rowPtr[r];
    }
    int[] rowSkus = new int[selected];
    int[] next = Arrays.copyOf(rowPtr, rows);
    for (int x = 0; x < selected; x++) {
      rowSkus[next[rowOf[x]]++] = skuAt[x];
    }
    // Sort and deduplicate each row in place, packing rows to the front.
    int out = 0;
    int[] packedPtr = new int[rows + 1];
    for (int r = 0; r < rows; r++) {
      Arrays.sort(rowSkus, rowPtr[r], rowPtr[r + 1]);
      for (int f = rowPtr[r]; f < rowPtr[r + 1]; f++) {
        if (f == rowPtr[r] || rowSkus[f] != rowSkus[f - 1]) {
          rowSkus[out++] = rowSkus[f];
        }
      }
      packedPtr[r + 1] = out;
    }
    return ones(skus, packedPtr, Arrays.copyOf(rowSkus, out));
  }

  /**
   * Whether event {@code e} puts its SKU in its order: it has an order key and is a cart event, a
   * purchase or given by weight (the codes of {@code dev.alike.events.EventType}, which the model
   * package does not see: cart 1, purchase 2); browses and clicks are not.
   */
  private static boolean inOrder(EventLog log, int e) {
    byte type = log.type(e);
    return log.order(e) != EventLog.NO_ORDER
        && (type == 1 || type == 2 || type == EventLog.NO_TYPE);
  }

  /** {@code m} without its rows of more than {@link #MAX_ORDER_SKUS} SKUs, counted in {@code n}. */
  private static InteractionMatrix withoutLarge(InteractionMatrix m, int[] n) {
    int[] ptr = m.rowPtr();
    int[] skus = m.rowSkus();
    int[] keptPtr = new int[m.customerCount() + 1];
    int[] kept = new int[skus.length];
    int rows = 0;
    for (int r = 0; r < m.customerCount(); r++) {
      int len = ptr[r + 1] - ptr[r];
      if (len > MAX_ORDER_SKUS) {
        n[0]++;
        continue;
      }
      System.arraycopy(skus, ptr[r], kept, keptPtr[rows], len);
      keptPtr[rows + 1] = keptPtr[rows] + len;
      rows++;
    }
    if (n[0] == 0) {
      return m;
    }
    return ones(m.skus(), Arrays.copyOf(keptPtr, rows + 1), Arrays.copyOf(kept, keptPtr[rows]));
  }

  private static InteractionMatrix ones(IdIndex skus, int[] rowPtr, int[] rowSkus) {
    float[] values = new float[rowSkus.length];
    Arrays.fill(values, 1f);
    return new InteractionMatrix(null, skus, rowPtr, rowSkus, values, 0);
  }

  /**
   * Per list entry (i, j), the orders holding both: i's orders marked, then j's counted. Costs the
   * orders of every listed SKU once per list it is in, a few times the product search's own reads.
   */
  private static int[] support(InteractionMatrix orders, NeighborLists lists) {
    int[] colPtr = orders.colPtr();
    int[] colRows = orders.colCustomers();
    int[] mark = new int[orders.customerCount()];
    int[] support = new int[lists.entries()];
    for (int i = 0; i < lists.size(); i++) {
      int stamp = i + 1;
      for (int e = colPtr[i]; e < colPtr[i + 1]; e++) {
        mark[colRows[e]] = stamp;
      }
      for (int at = lists.start(i); at < lists.end(i); at++) {
        int j = lists.item(at);
        int both = 0;
        for (int e = colPtr[j]; e < colPtr[j + 1]; e++) {
          if (mark[colRows[e]] == stamp) {
            both++;
          }
        }
        support[at] = both;
      }
    }
    return support;
  }
}
