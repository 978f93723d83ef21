package dev.alike.serving;

import dev.alike.model.ScoredSku.Source;

/**
 * One answer entry.
 *
 * @param category the SKU's catalog category, carried in the list entry it came from; null when the
 *     catalog has none
 */
public record Item(String sku, double score, Source source, String category) {}
