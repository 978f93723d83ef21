package dev.alike.model;

import java.util.Arrays;

/**
 * The sparse customers x SKUs matrix of implicit-feedback scores r_ui, held twice: by customer rows
 * (CSR) and by SKU columns (CSC), both with plain arrays.
 *
 * <p>r_ui is the sum of the weights of customer u's events on SKU i, optionally decayed by age.
 * Within a row, SKU indices are strictly increasing; within a column, customer indices are.
 */
public final class InteractionMatrix {
  private final IdIndex customers;
  private final IdIndex skus;
  private final int[] rowPtr;
  private final int[] rowSkus;
  private final float[] rowValues;
  private final int[] colPtr;
  private final int[] colCustomers;
  private final float[] colValues;
  private final int cappedCustomers;

  InteractionMatrix(
      IdIndex customers,
      IdIndex skus,
      int[] rowPtr,
      int[] rowSkus,
      float[] rowValues,
      int cappedCustomers) {
    this.customers = customers;
    this.skus = skus;
    this.rowPtr = rowPtr;
    this.rowSkus = rowSkus;
    this.rowValues = rowValues;
    this.cappedCustomers = cappedCustomers;
    Transpose columns = Transpose.of(rowPtr, rowSkus, rowValues, skus.size());
    colPtr = columns.ptr();
    colCustomers = columns.rows();
    colValues = columns.values();
  }

  /**
   * Builds the matrix from raw events: duplicates summed, optional recency decay, and at most
   * {@code maxSkusPerCustomer} SKUs kept per customer (the highest-scored; ties by SKU id).
   *
   * @param halfLifeSeconds 0 for no decay, else each weight is multiplied by 0.5^(age/halfLife),
   *     age measured from the newest event in the log; events without time count as newest
   */
  public static InteractionMatrix build(
      EventLog log, double halfLifeSeconds, int maxSkusPerCustomer) {
    return build(log, halfLifeSeconds, maxSkusPerCustomer, 1);
  }

  /** Like {@link #build(EventLog, double, int)}, compacting rows on {@code threads} threads. */
  public static InteractionMatrix build(
      EventLog log, double halfLifeSeconds, int maxSkusPerCustomer, int threads) {
    return new MatrixAssembler(log, halfLifeSeconds, maxSkusPerCustomer, threads).assemble();
  }

  /**
   * The factor an event's weight is multiplied by: 0.5^(age / half-life), age measured from {@code
   * newest}; 1 without decay ({@code halfLifeSeconds} 0) or when either time is {@link
   * EventLog#NO_TIME}.
   */
  public static double decay(long time, long newest, double halfLifeSeconds) {
    if (halfLifeSeconds == 0 || time == EventLog.NO_TIME || newest == EventLog.NO_TIME) {
      return 1.0;
    }
    return Math.pow(0.5, (newest - time) / halfLifeSeconds);
  }

  /**
   * The same interactions over more SKUs: {@code extra} (ids not yet in the index, in the given
   * order) appended after the existing ones with empty columns, so catalog products nobody has
   * interacted with get an index, lists and a document. This matrix when {@code extra} is empty.
   *
   * @throws IllegalArgumentException naming an id already in the index or given twice
   */
  public InteractionMatrix withSkus(java.util.List<String> extra) {
    if (extra.isEmpty()) {
      return this;
    }
    java.util.List<String> all = new java.util.ArrayList<>(skus.ids());
    all.addAll(extra);
    IdIndex wider;
    try {
      wider = IdIndex.of(all);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot add SKUs to the matrix: " + e.getMessage(), e);
    }
    return new InteractionMatrix(customers, wider, rowPtr, rowSkus, rowValues, cappedCustomers);
  }

  /** The row ids; null for a matrix of anonymous rows ({@link BoughtTogether}'s orders). */
  public IdIndex customers() {
    return customers;
  }

  public IdIndex skus() {
    return skus;
  }

  public int customerCount() {
    return rowPtr.length - 1;
  }

  public int skuCount() {
    return skus.size();
  }

  /** Number of stored (customer, SKU) entries. */
  public int nnz() {
    return rowPtr[rowPtr.length - 1];
  }

  /** Customers whose SKU list was cut to the per-customer cap. */
  public int cappedCustomers() {
    return cappedCustomers;
  }

  /** CSR row pointers: customer u's entries are [rowPtr[u], rowPtr[u+1]). Do not modify. */
  public int[] rowPtr() {
    return rowPtr;
  }

  /** CSR SKU indices. Do not modify. */
  public int[] rowSkus() {
    return rowSkus;
  }

  /** CSR scores. Do not modify. */
  public float[] rowValues() {
    return rowValues;
  }

  /** CSC column pointers: SKU i's entries are [colPtr[i], colPtr[i+1]). Do not modify. */
  public int[] colPtr() {
    return colPtr;
  }

  /** CSC customer indices. Do not modify. */
  public int[] colCustomers() {
    return colCustomers;
  }

  /** CSC scores. Do not modify. */
  public float[] colValues() {
    return colValues;
  }

  /** r_ui, or 0 when the customer has no interaction with the SKU. */
  public float value(int customer, int sku) {
    int at = Arrays.binarySearch(rowSkus, rowPtr[customer], rowPtr[customer + 1], sku);
    return at >= 0 ? rowValues[at] : 0f;
  }
}
