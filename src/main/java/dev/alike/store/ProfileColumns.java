package dev.alike.store;

import dev.alike.model.IdIndex;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Every customer's profile as the build holds them: CSR rows over id indices (customer u has SKUs
 * {@code rowSkus[rowPtr[u] .. rowPtr[u+1])} with scores {@code rowValues[...]}). Lets a store write
 * a million profiles without a {@link CustomerProfile}, map and boxed score per customer; customers
 * with an empty row have no profile. A row holds each SKU at most once (as the interaction matrix
 * does). Arrays are not copied.
 */
public record ProfileColumns(
    IdIndex customers, IdIndex skus, int[] rowPtr, int[] rowSkus, float[] rowValues) {
  public ProfileColumns {
    if (rowPtr.length != customers.size() + 1 || rowPtr[0] != 0) {
      throw new IllegalArgumentException(
          "rowPtr has " + rowPtr.length + " entries for " + customers.size() + " customers");
    }
    int entries = rowPtr[customers.size()];
    if (rowSkus.length < entries || rowValues.length < entries) {
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
    return new Iterator<>() {
      private int at = skip(0);

      private int skip(int from) {
        while (from < order.length && rowPtr[order[from]] == rowPtr[order[from] + 1]) {
          from++;
        }
        return from;
      }

      @Override
      public boolean hasNext() {
        return at < order.length;
      }

      @Override
      public CustomerProfile next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CustomerProfile p = profile(order[at]);
        at = skip(at + 1);
        return p;
      }
    };
  }

  /** The profiles as objects, built one at a time as the iterator advances. */
  public Iterator<CustomerProfile> iterator() {
    return new Iterator<>() {
      private int u = skipEmpty(0);

      @Override
      public boolean hasNext() {
        return u < customers.size();
      }

      @Override
      public CustomerProfile next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CustomerProfile p = profile(u);
        u = skipEmpty(u + 1);
        return p;
      }
    };
  }

  /** Customer {@code u}'s profile. */
  public CustomerProfile profile(int u) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
      scores.put(skus.id(rowSkus[e]), (double) rowValues[e]);
    }
    return new CustomerProfile(customers.id(u), scores);
  }

  /** The first customer at or after {@code u} with at least one SKU (size() when none). */
  int skipEmpty(int u) {
    while (u < customers.size() && rowPtr[u] == rowPtr[u + 1]) {
      u++;
    }
    return u;
  }
}
