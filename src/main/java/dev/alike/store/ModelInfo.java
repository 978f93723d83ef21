package dev.alike.store;

import java.time.Instant;

/**
 * A stored model version.
 *
 * @param version the version id (sortable: newer versions compare greater)
 * @param createdAt when the build that wrote it started
 * @param skus number of SKU documents
 */
public record ModelInfo(String version, Instant createdAt, long skus) {}
