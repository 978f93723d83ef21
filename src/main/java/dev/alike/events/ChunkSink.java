package dev.alike.events;

import dev.alike.model.EventLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one chunk of one input produced: events over chunk-local id indices, rejection counts and
 * the first few rejection samples with chunk-local line numbers. Filled by one thread; the reader
 * merges sinks in input order.
 */
final class ChunkSink {
  /** Samples kept per chunk; the reader keeps the first {@value} overall. */
  static final int MAX_SAMPLES = 10;

  /** Characters of a rejected line shown in a sample. */
  private static final int SNIPPET_CHARS = 120;

  /**
   * Bytes per line assumed when sizing a chunk's arrays up front. Generated and real flat events
   * take 60-100 bytes; guessing low wastes a little memory for a few chunks in flight, while
   * guessing high would cost a series of doubling copies, which for 16 MiB chunks are humongous
   * allocations that G1 handles slowly.
   */
  private static final int MIN_LINE_BYTES = 48;

  /**
   * Initial capacity of the chunk-local id tables. Small on purpose: a sink is reused for later
   * chunks with the capacity it reached, and a table that first grows while the JIT is still
   * profiling gets its growth path compiled, instead of throwing compiled code away later.
   */
  private static final int INITIAL_IDS = 1024;

  /** Chunk-local ids. */
  final ByteIdTable customers;

  final ByteIdTable skus;
  private final EventWeights weights;
  int[] customer;
  int[] sku;
  float[] weight;
  long[] time;
  byte[] type;

  /**
   * Order keys, valid for {@code [0, size)} only while {@link #hasOrders}: allocated on the first
   * event with an order and kept by {@link #reset} like the other columns, so stale keys of an
   * earlier chunk may sit in it until this chunk's first order clears them.
   */
  long[] order;

  boolean hasOrders;

  /**
   * Attribution per event ({@link EventLog#attribution}, indices into {@link #attributions}), valid
   * for {@code [0, size)} only while {@link #hasAttributions}; allocated and kept as {@link
   * #order}.
   */
  int[] attribution;

  boolean hasAttributions;

  /** This chunk's distinct attribution tokens, in order of first use. */
  final List<String> attributions = new ArrayList<>();

  private final Map<String, Integer> attributionIndex = new HashMap<>();

  /** Events accepted without the attribution they came with (malformed): {@code unattributed}. */
  long unattributed;

  /**
   * Revenue per purchase ({@link EventLog#revenue}), NaN where none; valid while {@link
   * #hasRevenue}, allocated and kept as {@link #order}.
   */
  double[] revenue;

  boolean hasRevenue;
  int size;
  final long[] rejected = new long[RejectReason.values().length];
  final List<Sample> samples = new ArrayList<>();

  /** Physical lines this chunk owns (blank ones and the CSV header included). */
  long lines;

  /** Absolute offset of the first line this chunk owns (after skipping a partial line). */
  long firstOffset;

  /** Absolute offset where the next chunk's first record must start. */
  long resumeOffset;

  /**
   * Distinct event names counted in {@link #skipped}; further names count under {@value
   * #OTHER_NAMES}. GA4 properties send a few dozen names, so this only bounds a broken export.
   */
  static final int MAX_SKIPPED_NAMES = 100;

  /** Where skipped events of names past {@link #MAX_SKIPPED_NAMES} are counted. */
  static final String OTHER_NAMES = "(other names)";

  /** Events skipped by name (GA4 events the mapping does not take), per name. */
  final Map<String, Long> skipped = new HashMap<>();

  /**
   * A rejection at a chunk-local line; the reader makes the line absolute.
   *
   * @param detail what exactly is wrong (e.g. which field), or null when the reason says it all
   */
  record Sample(long line, RejectReason reason, String detail, String snippet) {
    /** {@code reason (detail): snippet}. */
    String text() {
      return reason.key() + (detail == null ? "" : " (" + detail + ")") + ": " + snippet;
    }
  }

  /** A sink for a chunk of about {@code bytes} bytes (or unknown, when negative or huge). */
  ChunkSink(EventWeights weights, long bytes) {
    this.weights = weights;
    long guess = bytes > 0 ? bytes / MIN_LINE_BYTES : 0;
    int events = (int) Math.max(4096, Math.min(guess, 1 << 22));
    customer = new int[events];
    sku = new int[events];
    weight = new float[events];
    time = new long[events];
    type = new byte[events];
    customers = new ByteIdTable(INITIAL_IDS);
    skus = new ByteIdTable(INITIAL_IDS);
  }

  /** The line {@link #offer(RawEvent)} and {@link #reject(RejectReason, String)} refer to. */
  private long atLine;

  private byte[] atBuf;
  private int atOff;
  private int atLen;
  private String atText;

  /** Sets the line the next offers and rejections refer to: {@code b[off, off + len)}. */
  void at(long line, byte[] b, int off, int len) {
    atLine = line;
    atBuf = b;
    atOff = off;
    atLen = len;
    atText = null;
  }

  /** As {@link #at(long, byte[], int, int)}, shown as {@code describe} (JSON array elements). */
  void at(long line, String describe) {
    atLine = line;
    atBuf = null;
    atText = describe;
  }

  /** {@link #offer(RawEvent, long, byte[], int, int)} at the line {@link #at} set. */
  void offer(RawEvent e) {
    RejectReason reason = check(e);
    if (reason != null) {
      reject(reason, null);
    } else {
      accept(e);
    }
  }

  /** Counts a rejection at the line {@link #at} set, with what is wrong (or null). */
  void reject(RejectReason reason, String detail) {
    if (atBuf != null) {
      reject(reason, atLine, detail, atBuf, atOff, atLen);
    } else {
      reject(reason, atLine, detail, atText);
    }
  }

  /** Validates {@code e} and either appends it or counts the reason it is rejected. */
  void offer(RawEvent e, long line, byte[] lineBuf, int lineOff, int lineLen) {
    RejectReason reason = check(e);
    if (reason != null) {
      reject(reason, line, lineBuf, lineOff, lineLen);
    } else {
      accept(e);
    }
  }

  private void accept(RawEvent e) {
    int c =
        e.customer != null
            ? customers.add(e.customer)
            : customers.add(e.customerBuf, e.customerOff, e.customerLen, e.customerKind);
    int s = e.sku != null ? skus.add(e.sku) : skus.add(e.skuBuf, e.skuOff, e.skuLen, e.skuKind);
    append(c, s, (float) weight(e, weights), e.time, e.typeCode(), e.order);
    if (e.attribution != null || e.badAttribution || hasAttributions) {
      attribution(size - 1, e);
    }
    if (hasRevenue || !Double.isNaN(e.price) && e.type == EventType.PURCHASE) {
      revenue(size - 1, e.type == EventType.PURCHASE ? e.revenue() : Double.NaN);
    }
  }

  private void attribution(int at, RawEvent e) {
    if (!hasAttributions) {
      attribution = fresh(attribution);
      Arrays.fill(attribution, 0, at, EventLog.NO_ATTRIBUTION);
      hasAttributions = true;
    }
    int code = EventLog.NO_ATTRIBUTION;
    if (e.badAttribution) {
      code = EventLog.BAD_ATTRIBUTION;
      unattributed++;
    } else if (e.attribution != null) {
      code =
          attributionIndex.computeIfAbsent(
              e.attribution,
              t -> {
                attributions.add(t);
                return attributions.size() - 1;
              });
    }
    attribution[at] = code;
  }

  private void revenue(int at, double value) {
    if (!hasRevenue) {
      revenue =
          revenue == null || revenue.length < customer.length
              ? new double[customer.length]
              : revenue;
      Arrays.fill(revenue, 0, at, Double.NaN);
      hasRevenue = true;
    }
    revenue[at] = value;
  }

  /** {@code column} when it can hold this chunk's events, else a new one that can. */
  private int[] fresh(int[] column) {
    return column == null || column.length < customer.length ? new int[customer.length] : column;
  }

  /** The weight {@code e} adds: its explicit weight or its type's, times its quantity. */
  static double weight(RawEvent e, EventWeights weights) {
    return (e.hasWeight ? e.weight : weights.of(e.type)) * e.quantity;
  }

  /**
   * The first failing check in a fixed order, so one line always gets the same reason: missing
   * field, empty id, bad weight, unknown event, bad timestamp, a purchase's bad price ({@code
   * malformed}).
   */
  static RejectReason check(RawEvent e) {
    if (!e.hasCustomer() || !e.hasSku() || !(e.hasEvent || e.hasWeight)) {
      return RejectReason.MISSING_FIELD;
    }
    if (blank(e.customer, e.customerBuf, e.customerOff, e.customerLen)
        || blank(e.sku, e.skuBuf, e.skuOff, e.skuLen)) {
      return RejectReason.EMPTY_ID;
    }
    if (e.hasWeight && e.badWeight) {
      return RejectReason.BAD_WEIGHT;
    }
    if (!e.hasWeight && e.type == null) {
      return RejectReason.UNKNOWN_EVENT;
    }
    if (e.badTime) {
      return RejectReason.BAD_TIMESTAMP;
    }
    return e.badPrice && e.type == EventType.PURCHASE ? RejectReason.MALFORMED : null;
  }

  private static boolean blank(String s, byte[] b, int off, int len) {
    if (s != null) {
      return s.isBlank();
    }
    for (int i = off; i < off + len; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private void append(int c, int s, float w, long t, byte eventType, long orderKey) {
    if (size == customer.length) {
      int cap = size * 2;
      customer = Arrays.copyOf(customer, cap);
      sku = Arrays.copyOf(sku, cap);
      weight = Arrays.copyOf(weight, cap);
      time = Arrays.copyOf(time, cap);
      type = Arrays.copyOf(type, cap);
      order = order == null ? null : Arrays.copyOf(order, cap);
      attribution = attribution == null ? null : Arrays.copyOf(attribution, cap);
      revenue = revenue == null ? null : Arrays.copyOf(revenue, cap);
    }
    if (orderKey != EventLog.NO_ORDER && !hasOrders) {
      firstOrder();
    }
    customer[size] = c;
    sku[size] = s;
    weight[size] = w;
    time[size] = t;
    type[size] = eventType;
    if (hasOrders) {
      order[size] = orderKey;
    }
    size++;
  }

  /** Starts the order column: events before this one had none. */
  private void firstOrder() {
    if (order == null || order.length < customer.length) {
      order = new long[customer.length];
    } else {
      Arrays.fill(order, 0, size, EventLog.NO_ORDER);
    }
    hasOrders = true;
  }

  /** Counts a rejection; the line's text is only decoded while samples are still kept. */
  void reject(RejectReason reason, long line, byte[] b, int off, int len) {
    reject(reason, line, null, b, off, len);
  }

  /** As {@link #reject(RejectReason, long, byte[], int, int)}, saying what is wrong. */
  void reject(RejectReason reason, long line, String detail, byte[] b, int off, int len) {
    rejected[reason.ordinal()]++;
    if (samples.size() < MAX_SAMPLES) {
      String text = new String(b, off, Math.min(len, SNIPPET_CHARS * 4), StandardCharsets.UTF_8);
      samples.add(new Sample(line, reason, detail, snippet(text)));
    }
  }

  /** Counts a rejection described by text (used where no line bytes exist, e.g. JSON arrays). */
  void reject(RejectReason reason, long line, String detail, String text) {
    rejected[reason.ordinal()]++;
    if (samples.size() < MAX_SAMPLES) {
      samples.add(new Sample(line, reason, detail, snippet(text)));
    }
  }

  /** Counts an event skipped for its name (not an error: the mapping does not take it). */
  void skip(String name) {
    String key =
        skipped.size() < MAX_SKIPPED_NAMES || skipped.containsKey(name) ? name : OTHER_NAMES;
    skipped.merge(key, 1L, Long::sum);
  }

  private static String snippet(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", " ").strip();
    return oneLine.length() <= SNIPPET_CHARS
        ? oneLine
        : oneLine.substring(0, SNIPPET_CHARS) + "...";
  }

  /**
   * Rewrites the events' local id indices to global ones ({@code customerMap[local]}, {@code
   * skuMap[local]}) (the local tables are kept for {@link #reset}).
   */
  void remap(int[] customerMap, int[] skuMap) {
    int[] c = customer;
    int[] s = sku;
    for (int e = 0; e < size; e++) {
      c[e] = customerMap[c[e]];
      s[e] = skuMap[s[e]];
    }
  }

  /**
   * Empties this sink for the next chunk, keeping its arrays and tables: with 16 MiB chunks they
   * are several MB each, and allocating them per chunk made G1 run a concurrent cycle per chunk.
   */
  ChunkSink reset() {
    customers.clear();
    skus.clear();
    size = 0;
    hasOrders = false;
    hasAttributions = false;
    attributions.clear();
    attributionIndex.clear();
    unattributed = 0;
    hasRevenue = false;
    java.util.Arrays.fill(rejected, 0);
    samples.clear();
    skipped.clear();
    lines = 0;
    firstOffset = 0;
    resumeOffset = 0;
    return this;
  }
}
