package dev.alike.model;

import java.util.Arrays;

/** Turns an {@link EventLog} into the CSR arrays of an {@link InteractionMatrix}. */
final class MatrixAssembler {
  private final EventLog log;
  private final double halfLifeSeconds;
  private final int maxSkusPerCustomer;

  MatrixAssembler(EventLog log, double halfLifeSeconds, int maxSkusPerCustomer) {
    if (halfLifeSeconds < 0 || Double.isNaN(halfLifeSeconds)) {
      throw new IllegalArgumentException("half-life must be >= 0 seconds, was " + halfLifeSeconds);
    }
    if (maxSkusPerCustomer < 1) {
      throw new IllegalArgumentException(
          "max SKUs per customer must be >= 1, was " + maxSkusPerCustomer);
    }
    this.log = log;
    this.halfLifeSeconds = halfLifeSeconds;
    this.maxSkusPerCustomer = maxSkusPerCustomer;
  }

  InteractionMatrix assemble() {
    int customers = log.customers().size();
    int events = log.size();
    // Counting sort of events by customer; stable, so each row keeps input order and the float
    // sums below are the same whatever the thread count that produced the log.
    int[] rowPtr = new int[customers + 1];
    for (int e = 0; e < events; e++) {
      rowPtr[log.customer(e) + 1]++;
    }
    for (int u = 0; u < customers; u++) {
      rowPtr[u + 1] += rowPtr[u];
    }
    int[] skus = new int[events];
    double[] weights = new double[events];
    int[] next = Arrays.copyOf(rowPtr, customers);
    long newest = halfLifeSeconds > 0 ? log.newestTime() : EventLog.NO_TIME;
    for (int e = 0; e < events; e++) {
      int at = next[log.customer(e)]++;
      skus[at] = log.sku(e);
      weights[at] = log.weight(e) * decay(log.time(e), newest);
    }
    return compact(rowPtr, skus, weights);
  }

  private double decay(long time, long newest) {
    if (halfLifeSeconds == 0 || time == EventLog.NO_TIME || newest == EventLog.NO_TIME) {
      return 1.0;
    }
    return Math.pow(0.5, (newest - time) / halfLifeSeconds);
  }

  /** Sums duplicates within each row, applies the cap, and packs rows back to back. */
  private InteractionMatrix compact(int[] rowPtr, int[] skus, double[] weights) {
    int customers = log.customers().size();
    int skuCount = log.skus().size();
    double[] sum = new double[skuCount];
    boolean[] present = new boolean[skuCount];
    int[] outPtr = new int[customers + 1];
    int[] outSkus = new int[skus.length];
    float[] outValues = new float[skus.length];
    int[] ranks = log.skus().sortedRanks();
    int capped = 0;
    int out = 0;
    int[] distinct = new int[16];
    for (int u = 0; u < customers; u++) {
      int count = 0;
      for (int e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
        int j = skus[e];
        if (!present[j]) {
          present[j] = true;
          if (count == distinct.length) {
            distinct = Arrays.copyOf(distinct, count * 2);
          }
          distinct[count++] = j;
        }
        sum[j] += weights[e];
      }
      if (count > maxSkusPerCustomer) {
        count = keepHighest(distinct, count, sum, ranks);
        capped++;
      }
      Arrays.sort(distinct, 0, count);
      for (int c = 0; c < count; c++) {
        int j = distinct[c];
        float value = (float) sum[j];
        // Decay can underflow a very old score to 0; a zero entry is no interaction at all, and
        // the similarity kernel relies on every stored value being > 0.
        if (value > 0) {
          outSkus[out] = j;
          outValues[out++] = value;
        }
      }
      for (int e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
        sum[skus[e]] = 0;
        present[skus[e]] = false;
      }
      outPtr[u + 1] = out;
    }
    return new InteractionMatrix(
        log.customers(),
        log.skus(),
        outPtr,
        Arrays.copyOf(outSkus, out),
        Arrays.copyOf(outValues, out),
        capped);
  }

  private int keepHighest(int[] distinct, int count, double[] sum, int[] ranks) {
    Integer[] order = new Integer[count];
    for (int c = 0; c < count; c++) {
      order[c] = distinct[c];
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int bySum = Double.compare(sum[b], sum[a]);
          return bySum != 0 ? bySum : Integer.compare(ranks[a], ranks[b]);
        });
    for (int c = 0; c < maxSkusPerCustomer; c++) {
      distinct[c] = order[c];
    }
    return maxSkusPerCustomer;
  }
}
