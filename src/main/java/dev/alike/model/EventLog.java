package dev.alike.model;

import java.util.Arrays;

/**
 * Accepted events in columnar form: customer index, SKU index, weight, timestamp, order key and
 * event type per event, in input order, with the id indices that give the indices meaning.
 *
 * <p>The order key is a 64-bit hash of the event's order id ({@code dev.alike.events.OrderKeys}),
 * not an index: order ids are nearly as many as events, so a table of them would cost more memory
 * than the column and a remap per merged chunk, while two orders sharing a hash (about 1 in 10^11
 * for a million orders) only merges two baskets. The column is allocated on the first event that
 * has an order, so logs without orders pay nothing for it.
 *
 * <p>Two more optional columns serve the experiment report, not the models: the {@code attribution}
 * token an event came with (an index into a table of the distinct tokens, since a token names one
 * answer and is shared by the few events that follow it) and the revenue of a purchase (price times
 * quantity, when the event had a price). Each exists only when some event has one.
 *
 * <p>Not thread-safe while appending; the events package fills one log per input chunk and merges
 * them in a fixed order so that indices never depend on the number of threads.
 */
public final class EventLog {
  /** Timestamp value of an event that carried none. */
  public static final long NO_TIME = Long.MIN_VALUE;

  /** Order key of an event that carried no order id. */
  public static final long NO_ORDER = 0;

  /**
   * Type of an event that came with an explicit weight and no known event name; other types are the
   * ordinals of {@code dev.alike.events.EventType} (browse 0, cart 1, purchase 2, click 3).
   */
  public static final byte NO_TYPE = -1;

  /** {@link #attribution} of an event that came without one. */
  public static final int NO_ATTRIBUTION = -1;

  /** {@link #attribution} of an event whose attribution was malformed and dropped. */
  public static final int BAD_ATTRIBUTION = -2;

  private final IdIndex customers;
  private final IdIndex skus;
  private int[] customer;
  private int[] sku;
  private float[] weight;
  private long[] time;

  /** Null until an event has an order. */
  private long[] order;

  private byte[] type;

  /** Null when no event has an attribution: codes as {@link #attribution} returns them. */
  private int[] attribution;

  /** The distinct tokens {@link #attribution} codes index. */
  private String[] attributions;

  /** Null when no purchase has a price: revenue per event, NaN where none. */
  private double[] revenue;

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
    type = new byte[cap];
  }

  /**
   * A log over events {@code [0, size)} of the given columns, which it takes over without copying
   * (the caller must not change them afterwards); indices must be in the given id indices.
   *
   * @param orderKeys order keys ({@link #NO_ORDER} for none), or null when no event has an order
   * @param types event types ({@link #type}), or null when every event is {@link #NO_TYPE}
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
      long[] orderKeys,
      byte[] types,
      int size) {
    if (types == null) {
      types = new byte[size];
      Arrays.fill(types, NO_TYPE);
    }
    if (customerIndex.length < size
        || skuIndex.length < size
        || w.length < size
        || epochSeconds.length < size
        || (orderKeys != null && orderKeys.length < size)
        || types.length < size) {
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
    log.order = orderKeys;
    log.type = types;
    log.size = size;
    return log;
  }

  /**
   * Gives a log made by {@link #wrap} the report's columns, taken over likewise; returns it.
   *
   * @param codes attribution per event ({@link #attribution}), or null when no event had one
   * @param tokens the tokens the codes index
   * @param revenues revenue per event (NaN for none), or null when no purchase had a price
   * @throws IllegalArgumentException when a column is shorter than the log or a code indexes no
   *     token
   */
  public EventLog withReportColumns(int[] codes, String[] tokens, double[] revenues) {
    if (codes != null) {
      if (codes.length < size) {
        throw new IllegalArgumentException("attribution column shorter than size " + size);
      }
      for (int e = 0; e < size; e++) {
        if (codes[e] < BAD_ATTRIBUTION || codes[e] >= tokens.length) {
          throw new IllegalArgumentException(
              "attribution code " + codes[e] + " at event " + e + " indexes no token");
        }
      }
      attribution = codes;
      attributions = tokens;
    }
    if (revenues != null && revenues.length < size) {
      throw new IllegalArgumentException("revenue column shorter than size " + size);
    }
    revenue = revenues;
    return this;
  }

  /** Appends one event by string ids; the weight must be finite and positive. */
  public void add(String customerId, String skuId, double w, long epochSeconds) {
    add(customers.add(customerId), skus.add(skuId), w, epochSeconds);
  }

  /** Appends one event without order and type by indices already in this log's id indices. */
  public void add(int customerIndex, int skuIndex, double w, long epochSeconds) {
    add(customerIndex, skuIndex, w, epochSeconds, NO_ORDER, NO_TYPE);
  }

  /**
   * Appends one event by indices already in this log's id indices, with its order key ({@link
   * #NO_ORDER} for none) and type ({@link #type}).
   */
  public void add(
      int customerIndex, int skuIndex, double w, long epochSeconds, long orderKey, byte eventType) {
    if (!(w > 0) || Double.isInfinite(w)) {
      throw new IllegalArgumentException("weight must be finite and > 0, was " + w);
    }
    if (size == customer.length) {
      int cap = size + (size >> 1) + 16;
      customer = Arrays.copyOf(customer, cap);
      sku = Arrays.copyOf(sku, cap);
      weight = Arrays.copyOf(weight, cap);
      time = Arrays.copyOf(time, cap);
      type = Arrays.copyOf(type, cap);
      order = order == null ? null : Arrays.copyOf(order, cap);
    }
    if (orderKey != NO_ORDER && order == null) {
      order = new long[customer.length];
    }
    customer[size] = customerIndex;
    sku[size] = skuIndex;
    weight[size] = (float) w;
    time[size] = epochSeconds;
    if (order != null) {
      order[size] = orderKey;
    }
    type[size] = eventType;
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

  /** The event's order key, or {@link #NO_ORDER} when it had no order id. */
  public long order(int event) {
    return order == null ? NO_ORDER : order[event];
  }

  /** Whether any event has an order key. */
  public boolean hasOrders() {
    return order != null;
  }

  /**
   * The event's type: the ordinal of {@code dev.alike.events.EventType} (browse 0, cart 1, purchase
   * 2, click 3), or {@link #NO_TYPE} for an event that came with a weight instead of a known event
   * name.
   */
  public byte type(int event) {
    return type[event];
  }

  /**
   * The event's attribution: {@link #NO_ATTRIBUTION}, {@link #BAD_ATTRIBUTION}, or an index for
   * {@link #attributionToken}.
   */
  public int attribution(int event) {
    return attribution == null ? NO_ATTRIBUTION : attribution[event];
  }

  /** The token of an {@link #attribution} code &gt;= 0. */
  public String attributionToken(int code) {
    return attributions[code];
  }

  /** Whether any event came with an attribution (well-formed or not). */
  public boolean hasAttributions() {
    return attribution != null;
  }

  /** The revenue of a purchase that had a price (price times quantity), else NaN. */
  public double revenue(int event) {
    return revenue == null ? Double.NaN : revenue[event];
  }

  /** Whether any purchase had a price. */
  public boolean hasRevenue() {
    return revenue != null;
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
