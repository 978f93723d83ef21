package dev.alike.store;

import dev.alike.model.IdIndex;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntUnaryOperator;

/**
 * Every customer's profile as the build holds them: CSR rows over id indices (customer u has SKUs
 * {@code rowSkus[rowPtr[u] .. rowPtr[u+1])} with scores {@code rowValues[...]}). Lets a store write
 * a million profiles without a {@link CustomerProfile}, map and boxed score per customer; customers
 * with an empty row have no profile. A row holds each SKU at most once (as the interaction matrix
 * does). Arrays are not copied.
 *
 * @param rowSeen per entry, {@link CustomerProfile#seen}'s time or {@link CustomerProfile#NO_TIME};
 *     null when no entry has one
 * @param rowBought per entry, {@link CustomerProfile#bought}'s time or {@link
 *     SkuEvents#NOT_BOUGHT}; null when nothing was bought
 */
public record ProfileColumns(
    IdIndex customers,
    IdIndex skus,
    int[] rowPtr,
    int[] rowSkus,
    float[] rowValues,
    long[] rowSeen,
    long[] rowBought) {
  /** Rows without times or purchases. */
  public ProfileColumns(
      IdIndex customers, IdIndex skus, int[] rowPtr, int[] rowSkus, float[] rowValues) {
    this(customers, skus, rowPtr, rowSkus, rowValues, null, null);
  }

  public ProfileColumns {
    if (rowPtr.length != customers.size() + 1 || rowPtr[0] != 0) {
      throw new IllegalArgumentException(
          "rowPtr has " + rowPtr.length + " entries for " + customers.size() + " customers");
    }
    int entries = rowPtr[customers.size()];
    if (rowSkus.length < entries
        || rowValues.length < entries
        || (rowSeen != null && rowSeen.length < entries)
        || (rowBought != null && rowBought.length < entries)) {
      throw new IllegalArgumentException(
          "rows need " + entries + " entries, have " + rowSkus.length + "/" + rowValues.length);
    }
  }

  /**
   * The profiles in customer-id order ({@link IdIndex#indicesInIdOrder}), built one at a time as
   * the iterator advances.
   */
  public Iterator<CustomerProfile> iteratorInIdOrder() {
    int[] order = customers.indicesInIdOrder();
    return over(at -> order[at]);
  }

  /** The profiles as objects, built one at a time as the iterator advances. */
  public Iterator<CustomerProfile> iterator() {
    return over(IntUnaryOperator.identity());
  }

  /** The profiles of customers {@code customerAt(0), customerAt(1), ...}, empty rows skipped. */
  private Iterator<CustomerProfile> over(IntUnaryOperator customerAt) {
    int n = customers.size();
    return new Iterator<>() {
      private int at = skipEmpty(0);

      private int skipEmpty(int from) {
        while (from < n && empty(customerAt.applyAsInt(from))) {
          from++;
        }
        return from;
      }

      @Override
      public boolean hasNext() {
        return at < n;
      }

      @Override
      public CustomerProfile next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CustomerProfile p = profile(customerAt.applyAsInt(at));
        at = skipEmpty(at + 1);
        return p;
      }
    };
  }

  /** Customer {@code u}'s profile. */
  public CustomerProfile profile(int u) {
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, Long> seen = new LinkedHashMap<>();
    Map<String, Long> bought = new LinkedHashMap<>();
    for (int e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
      String sku = skus.id(rowSkus[e]);
      scores.put(sku, (double) rowValues[e]);
      if (rowSeen != null && rowSeen[e] != CustomerProfile.NO_TIME) {
        seen.put(sku, rowSeen[e]);
      }
      if (rowBought != null && rowBought[e] != SkuEvents.NOT_BOUGHT) {
        bought.put(sku, rowBought[e]);
      }
    }
    return new CustomerProfile(customers.id(u), scores, seen, bought, List.of());
  }

  private boolean empty(int u) {
    return rowPtr[u] == rowPtr[u + 1];
  }
}
