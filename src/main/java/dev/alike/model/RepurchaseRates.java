package dev.alike.model;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Per SKU, how often its buyers buy it again and after how long: what "buy it again" ranks by.
 *
 * <p>A customer's purchases of a SKU are counted as occasions: distinct orders ({@link
 * EventLog#order}); purchase events without an order at distinct times (one basket's lines share
 * its time); events with neither one occasion each. A SKU's rate is {@code repeaters / (buyers +
 * PRIOR)}: of the customers who bought it, those who bought it on two or more occasions, shrunk
 * towards 0 so that one customer buying a SKU twice (1 / 6) does not outrank a SKU that 30 of 100
 * buyers rebuy (30 / 105). A SKU nobody bought twice has rate 0 and is never offered again. Its
 * interval is the median gap between the distinct times of a customer's purchases of it (the lower
 * middle one of an even count), over all its customers; 0 when no gap is known.
 */
public final class RepurchaseRates {
  /**
   * Pseudo-buyers who never rebought: with 5, a SKU needs a few repeat buyers before its rate
   * approaches its raw share; at 0, a single customer's second purchase would read as 100%.
   */
  static final double PRIOR = 5;

  /** Mixed into the time of a purchase without an order, to key it apart from order keys. */
  private static final long UNORDERED = 0x9E3779B97F4A7C15L;

  private final float[] rate;
  private final long[] interval;

  private RepurchaseRates(float[] rate, long[] interval) {
    this.rate = rate;
    this.interval = interval;
  }

  /**
   * The rate of SKU {@code sku} (an index of the log's SKUs); 0 when nobody bought it twice, and
   * for an index past the log's (a catalog SKU a cold-start matrix added after them).
   */
  public float rate(int sku) {
    return sku < rate.length ? rate[sku] : 0;
  }

  /** The median seconds between two purchases of SKU {@code sku} by one customer; 0: unknown. */
  public long interval(int sku) {
    return sku < interval.length ? interval[sku] : 0;
  }

  /** The rate of a SKU with these counts (the class comment's formula). */
  static double rate(int buyers, int repeaters) {
    return repeaters == 0 ? 0 : repeaters / (buyers + PRIOR);
  }

  /**
   * The rates and intervals of every SKU of {@code log}.
   *
   * @param purchase whether event {@code e} of the log is a purchase
   */
  public static RepurchaseRates of(EventLog log, IntPredicate purchase) {
    int skus = log.skus().size();
    int[] events = purchasesByCustomer(log, purchase);
    int[] buyers = new int[skus];
    int[] repeaters = new int[skus];
    Gaps gaps = new Gaps();
    long[] packed = new long[16];
    long[] times = new long[16];
    long[] keys = new long[16];
    int from = 0;
    while (from < events.length) {
      int customer = log.customer(events[from]);
      int to = from;
      while (to < events.length && log.customer(events[to]) == customer) {
        to++;
      }
      // This customer's purchases, sorted by SKU: (sku << 32 | position), positions < 2^31.
      int m = to - from;
      packed = packed.length >= m ? packed : new long[m];
      times = times.length >= m ? times : new long[m];
      keys = keys.length >= m ? keys : new long[m];
      for (int k = 0; k < m; k++) {
        packed[k] = (long) log.sku(events[from + k]) << 32 | k;
      }
      Arrays.sort(packed, 0, m);
      for (int g = 0; g < m; ) {
        int sku = (int) (packed[g] >>> 32);
        int timed = 0;
        int keyed = 0;
        int occasions = 0;
        for (; g < m && (int) (packed[g] >>> 32) == sku; g++) {
          int e = events[from + (int) packed[g]];
          long t = log.time(e);
          if (t != EventLog.NO_TIME) {
            times[timed++] = t;
          }
          if (log.order(e) != EventLog.NO_ORDER) {
            keys[keyed++] = log.order(e);
          } else if (t == EventLog.NO_TIME) {
            occasions++; // neither an order nor a time: an occasion of its own
          } else {
            keys[keyed++] = t ^ UNORDERED; // apart from order keys but for a 2^-64 chance
          }
        }
        occasions += distinct(keys, keyed);
        Arrays.sort(times, 0, timed);
        for (int k = 1; k < timed; k++) {
          if (times[k] != times[k - 1]) {
            gaps.add(sku, times[k] - times[k - 1]);
          }
        }
        buyers[sku]++;
        if (occasions >= 2) {
          repeaters[sku]++;
        }
      }
      from = to;
    }
    float[] rate = new float[skus];
    for (int j = 0; j < skus; j++) {
      rate[j] = (float) rate(buyers[j], repeaters[j]);
    }
    return new RepurchaseRates(rate, gaps.medians(skus));
  }

  /** The number of distinct values among {@code keys[0, n)}, which it sorts. */
  private static int distinct(long[] keys, int n) {
    Arrays.sort(keys, 0, n);
    int count = 0;
    for (int k = 0; k < n; k++) {
      count += k == 0 || keys[k] != keys[k - 1] ? 1 : 0;
    }
    return count;
  }

  /** The log's purchase events grouped by customer, in log order within each customer. */
  private static int[] purchasesByCustomer(EventLog log, IntPredicate purchase) {
    int[] start = new int[log.customers().size() + 1];
    int count = 0;
    for (int e = 0; e < log.size(); e++) {
      if (purchase.test(e)) {
        start[log.customer(e) + 1]++;
        count++;
      }
    }
    for (int u = 1; u < start.length; u++) {
      start[u] += start[u - 1];
    }
    int[] out = new int[count];
    for (int e = 0; e < log.size(); e++) {
      if (purchase.test(e)) {
        out[start[log.customer(e)]++] = e;
      }
    }
    return out;
  }

  /** Gaps between consecutive purchases, per SKU, appended as found. */
  private static final class Gaps {
    private int[] sku = new int[64];
    private long[] seconds = new long[64];
    private int size;

    void add(int j, long gap) {
      if (size == sku.length) {
        sku = Arrays.copyOf(sku, size * 2);
        seconds = Arrays.copyOf(seconds, size * 2);
      }
      sku[size] = j;
      seconds[size++] = gap;
    }

    /** Each SKU's median gap (the lower middle one), 0 for a SKU without gaps. */
    long[] medians(int skus) {
      int[] start = new int[skus + 1];
      for (int g = 0; g < size; g++) {
        start[sku[g] + 1]++;
      }
      for (int j = 1; j <= skus; j++) {
        start[j] += start[j - 1];
      }
      long[] sorted = new long[size];
      int[] next = Arrays.copyOf(start, skus);
      for (int g = 0; g < size; g++) {
        sorted[next[sku[g]]++] = seconds[g];
      }
      long[] out = new long[skus];
      for (int j = 0; j < skus; j++) {
        int n = start[j + 1] - start[j];
        if (n > 0) {
          Arrays.sort(sorted, start[j], start[j + 1]);
          out[j] = sorted[start[j] + (n - 1) / 2];
        }
      }
      return out;
    }
  }
}
