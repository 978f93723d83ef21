package dev.alike.experiment;

import java.util.List;

/**
 * One answer as it was shown: to whom, when, through which placement and experiment variant, and
 * the SKUs in the order served (position = index).
 *
 * @param customer the customer id, or the anonymous session id
 */
public record Exposure(
    long servedMillis,
    String customer,
    String placement,
    String variant,
    String request,
    List<String> skus) {
  public Exposure {
    skus = List.copyOf(skus);
  }
}
