package dev.alike.model;

import java.util.Arrays;

/**
 * Accepted events in columnar form: customer index, SKU index, weight and timestamp per event, in
 * input order, with the id indices that give the indices meaning.
 *
 * <p>Not thread-safe while appending; the events package fills one log per input chunk and merges
 * them in a fixed order so that indices never depend on the number of threads.
 */
public final class EventLog {
  /** Timestamp value of an event that carried none. */
  public static final long NO_TIME = Long.MIN_VALUE;

  private final IdIndex customers;
  private final IdIndex skus;
  private int[] customer;
  private int[] sku;
  private float[] weight;
  private long[] time;
  private int size;

  /** An empty log over fresh id indices. */
  public EventLog() {
    this(new IdIndex(), new IdIndex(), 1024);
  }

  /** An empty log sharing the given indices, with room for {@code capacity} events. */
  public EventLog(IdIndex customers, IdIndex skus, int capacity) {
    this.customers = customers;
    this.skus = skus;
    int cap = Math.max(16, capacity);
    customer = new int[cap];
    sku = new int[cap];
    weight = new float[cap];
    time = new long[cap];
  }

  /**
   * A log over events {@code [0, size)} of the given columns, which it takes over without copying
   * (the caller must not change them afterwards); indices must be in the given id indices.
   *
   * @throws IllegalArgumentException naming the first event whose weight is not finite and &gt; 0,
   *     or when a column is shorter than {@code size}
   */
  public static EventLog wrap(
      IdIndex customers,
      IdIndex skus,
      int[] customerIndex,
      int[] skuIndex,
      float[] w,
      long[] epochSeconds,
      int size) {
    if (customerIndex.length < size
        || skuIndex.length < size
        || w.length < size
        || epochSeconds.length < size) {
      throw new IllegalArgumentException("columns shorter than size " + size);
    }
    for (int e = 0; e < size; e++) {
      if (!(w[e] > 0) || Float.isInfinite(w[e])) {
        throw new IllegalArgumentException(
            "weight must be finite and > 0, was " + w[e] + " at event " + e);
      }
    }
    EventLog log = new EventLog(customers, skus, 0);
    log.customer = customerIndex;
    log.sku = skuIndex;
    log.weight = w;
    log.time = epochSeconds;
    log.size = size;
    return log;
  }

  /** Appends one event by string ids; the weight must be finite and positive. */
  public void add(String customerId, String skuId, double w, long epochSeconds) {
    add(customers.add(customerId), skus.add(skuId), w, epochSeconds);
  }

  /** Appends one event by indices already in this log's id indices. */
  public void add(int customerIndex, int skuIndex, double w, long epochSeconds) {
    if (!(w > 0) || Double.isInfinite(w)) {
      throw new IllegalArgumentException("weight must be finite and > 0, was " + w);
    }
    if (size == customer.length) {
      int cap = size + (size >> 1) + 16;
      customer = Arrays.copyOf(customer, cap);
      sku = Arrays.copyOf(sku, cap);
      weight = Arrays.copyOf(weight, cap);
      time = Arrays.copyOf(time, cap);
    }
    customer[size] = customerIndex;
    sku[size] = skuIndex;
    weight[size] = (float) w;
    time[size] = epochSeconds;
    size++;
  }

  public IdIndex customers() {
    return customers;
  }

  public IdIndex skus() {
    return skus;
  }

  public int size() {
    return size;
  }

  public int customer(int event) {
    return customer[event];
  }

  public int sku(int event) {
    return sku[event];
  }

  public float weight(int event) {
    return weight[event];
  }

  /** Epoch seconds of the event, or {@link #NO_TIME}. */
  public long time(int event) {
    return time[event];
  }

  /** The customer column: entries [0, size()) are the events'; the backing array, do not modify. */
  int[] customerColumn() {
    return customer;
  }

  /** The SKU column, as {@link #customerColumn()}. */
  int[] skuColumn() {
    return sku;
  }

  /** The weight column, as {@link #customerColumn()}. */
  float[] weightColumn() {
    return weight;
  }

  /** The newest timestamp in the log, or {@link #NO_TIME} when no event has one. */
  public long newestTime() {
    long newest = NO_TIME;
    for (int e = 0; e < size; e++) {
      newest = Math.max(newest, time[e]);
    }
    return newest;
  }
}
