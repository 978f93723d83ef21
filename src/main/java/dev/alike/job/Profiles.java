package dev.alike.job;

import dev.alike.model.InteractionMatrix;
import dev.alike.store.CustomerProfile;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/** Customer profiles as the store keeps them, streamed from the interaction matrix. */
final class Profiles {
  private Profiles() {}

  /** One profile per customer with at least one SKU, built as the iterator advances. */
  static Iterator<CustomerProfile> of(InteractionMatrix matrix) {
    int[] rowPtr = matrix.rowPtr();
    int[] rowSkus = matrix.rowSkus();
    float[] rowValues = matrix.rowValues();
    return new Iterator<>() {
      private int u;

      @Override
      public boolean hasNext() {
        while (u < matrix.customerCount() && rowPtr[u] == rowPtr[u + 1]) {
          u++;
        }
        return u < matrix.customerCount();
      }

      @Override
      public CustomerProfile next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
          scores.put(matrix.skus().id(rowSkus[e]), (double) rowValues[e]);
        }
        return new CustomerProfile(matrix.customers().id(u++), scores);
      }
    };
  }
}
