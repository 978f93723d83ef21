package dev.alike.experiment;

import java.util.List;

/**
 * One answer as it was shown: to whom, when, through which placement and experiment variant, and
 * the SKUs in the order served (position = index).
 *
 * @param customer the customer id, or the anonymous session id
 * @param placement the placement's name, {@code -} without one
 * @param request the request id of the answer's {@link AttributionToken}
 * @param version the model version that answered, {@code -} when none
 */
public record Exposure(
    long servedMillis,
    String customer,
    String placement,
    String variant,
    String request,
    String version,
    List<String> skus) {
  public Exposure {
    skus = List.copyOf(skus);
  }

  /** An answer whose model version is not known (records written before versions were). */
  public Exposure(
      long servedMillis,
      String customer,
      String placement,
      String variant,
      String request,
      List<String> skus) {
    this(servedMillis, customer, placement, variant, request, AttributionToken.NONE, skus);
  }
}
