package dev.alike.store;

import java.time.Instant;

/**
 * A stored model version.
 *
 * @param version the version id (sortable: newer versions compare greater)
 * @param createdAt when the build that wrote it started
 * @param skus number of SKU documents
 * @param catalogGeneration read with the current pointer: changes whenever a catalog update is
 *     recorded ({@link ModelStore#updateCatalog}), so serving re-reads the updates only then; 0 for
 *     a version record and before any update
 */
public record ModelInfo(String version, Instant createdAt, long skus, long catalogGeneration) {
  /** A version record (no catalog generation). */
  public ModelInfo(String version, Instant createdAt, long skus) {
    this(version, createdAt, skus, 0);
  }
}
