package dev.alike.model;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Turns an {@link EventLog} into the CSR arrays of an {@link InteractionMatrix}. */
final class MatrixAssembler {
  private final EventLog log;
  private final double halfLifeSeconds;
  private final int maxSkusPerCustomer;
  private final int threads;

  /** Customers per work unit: a few thousand rows amortise the shared counter. */
  private static final int ROWS_PER_BLOCK = 4096;

  MatrixAssembler(EventLog log, double halfLifeSeconds, int maxSkusPerCustomer, int threads) {
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
    this.threads = Math.max(1, threads);
  }

  InteractionMatrix assemble() {
    int customers = log.customers().size();
    int events = log.size();
    // Counting sort of events by customer; stable, so each row keeps input order and the float
    // sums below are the same whatever the thread count that produced the log.
    int[] customer = log.customerColumn();
    int[] sku = log.skuColumn();
    float[] weight = log.weightColumn();
    int[] rowPtr = new int[customers + 1];
    for (int e = 0; e < events; e++) {
      rowPtr[customer[e] + 1]++;
    }
    for (int u = 0; u < customers; u++) {
      rowPtr[u + 1] += rowPtr[u];
    }
    int[] skus = new int[events];
    double[] weights = new double[events];
    int[] next = Arrays.copyOf(rowPtr, customers);
    if (halfLifeSeconds == 0) {
      for (int e = 0; e < events; e++) {
        int at = next[customer[e]]++;
        skus[at] = sku[e];
        weights[at] = weight[e];
      }
    } else {
      long newest = log.newestTime();
      for (int e = 0; e < events; e++) {
        int at = next[customer[e]]++;
        skus[at] = sku[e];
        weights[at] = weight[e] * decay(log.time(e), newest);
      }
    }
    return compact(rowPtr, skus, weights);
  }

  private double decay(long time, long newest) {
    return InteractionMatrix.decay(time, newest, halfLifeSeconds);
  }

  /**
   * Sums duplicates within each row, applies the cap, and packs rows back to back. Rows are
   * independent: threads compact blocks of rows in place (a row never grows), then one pass packs.
   */
  private InteractionMatrix compact(int[] rowPtr, int[] skus, double[] weights) {
    int customers = log.customers().size();
    int skuCount = log.skus().size();
    IdIndex skuIds = log.skus();
    int[] distinctCount = new int[customers];
    float[] values = new float[skus.length];
    AtomicInteger capped = new AtomicInteger();
    Parallel.forBlocks(
        customers,
        ROWS_PER_BLOCK,
        threads,
        "interactions",
        () ->
            new RowCompactor(
                skuCount, rowPtr, skus, weights, values, skuIds, distinctCount, capped));
    int[] outPtr = new int[customers + 1];
    for (int u = 0; u < customers; u++) {
      outPtr[u + 1] = outPtr[u] + distinctCount[u];
    }
    int nnz = outPtr[customers];
    int[] outSkus = new int[nnz];
    float[] outValues = new float[nnz];
    for (int u = 0; u < customers; u++) {
      System.arraycopy(skus, rowPtr[u], outSkus, outPtr[u], distinctCount[u]);
      System.arraycopy(values, rowPtr[u], outValues, outPtr[u], distinctCount[u]);
    }
    return new InteractionMatrix(
        log.customers(), log.skus(), outPtr, outSkus, outValues, capped.get());
  }

  /** One thread's scratch: a dense sum per SKU, reset after each row. */
  private final class RowCompactor implements Parallel.RangeWorker {
    private final double[] sum;
    private final boolean[] present;
    private final int[] rowPtr;
    private final int[] skus;
    private final double[] weights;
    private final float[] values;
    private final IdIndex skuIds;
    private final int[] distinctCount;
    private final AtomicInteger capped;
    private int[] distinct = new int[64];

    RowCompactor(
        int skuCount,
        int[] rowPtr,
        int[] skus,
        double[] weights,
        float[] values,
        IdIndex skuIds,
        int[] distinctCount,
        AtomicInteger capped) {
      this.sum = new double[skuCount];
      this.present = new boolean[skuCount];
      this.rowPtr = rowPtr;
      this.skus = skus;
      this.weights = weights;
      this.values = values;
      this.skuIds = skuIds;
      this.distinctCount = distinctCount;
      this.capped = capped;
    }

    @Override
    public void run(int from, int to) {
      for (int u = from; u < to; u++) {
        compactRow(u);
      }
    }

    private void compactRow(int u) {
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
        count = keepHighest(distinct, count, sum, skuIds);
        capped.incrementAndGet();
      }
      Arrays.sort(distinct, 0, count);
      int out = rowPtr[u];
      for (int c = 0; c < count; c++) {
        int j = distinct[c];
        float value = (float) sum[j];
        // Decay can underflow a very old score to 0; a zero entry is no interaction at all, and
        // the similarity kernel relies on every stored value being > 0.
        if (value > 0) {
          values[out] = value;
          distinct[out - rowPtr[u]] = j;
          out++;
        }
      }
      // Reset the scratch from the raw row (the cap may have dropped SKUs from distinct), then
      // overwrite the row's segment with its compacted SKUs.
      for (int e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
        present[skus[e]] = false;
        sum[skus[e]] = 0;
      }
      System.arraycopy(distinct, 0, skus, rowPtr[u], out - rowPtr[u]);
      distinctCount[u] = out - rowPtr[u];
    }
  }

  private int keepHighest(int[] distinct, int count, double[] sum, IdIndex ids) {
    Integer[] order = new Integer[count];
    for (int c = 0; c < count; c++) {
      order[c] = distinct[c];
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int bySum = Double.compare(sum[b], sum[a]);
          return bySum != 0 ? bySum : ids.id(a).compareTo(ids.id(b));
        });
    for (int c = 0; c < maxSkusPerCustomer; c++) {
      distinct[c] = order[c];
    }
    return maxSkusPerCustomer;
  }
}
