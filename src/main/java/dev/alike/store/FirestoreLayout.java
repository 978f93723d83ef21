package dev.alike.store;

import java.util.List;

/**
 * Names of the Firestore collections the store writes and of the fields exempt from indexing. The
 * deployment's Terraform declares the same exemptions; {@code .ci/terraform-check} compares the two
 * lists, and {@code FirestoreLayoutTest} compares this list with the fields {@link StoreCodec}
 * writes.
 */
public final class FirestoreLayout {
  private FirestoreLayout() {}

  /** Top-level collections, after the prefix ({@code alike_} in production). */
  public static final String META = "meta";

  public static final String VERSIONS = "versions";
  public static final String PROFILES = "profiles";

  /** One document per SKU of each catalog update, with a number field {@code at} to query on. */
  public static final String CATALOG_UPDATES = "catalog_updates";

  /** Sub-collection of a version document holding its SKU documents. */
  public static final String SKUS = "skus";

  /**
   * Large array and map fields that the function never queries, as {@code collectionGroup.field}:
   * indexing them would cost write latency, storage and count toward the 40,000 index entries per
   * document. Collection groups of prefixed collections are given with the production prefix.
   */
  public static final List<String> INDEX_EXEMPT_FIELDS =
      List.of(
          "skus.similar",
          "skus.reverse",
          "skus.together",
          "skus.attrs",
          "alike_versions.popular",
          "alike_versions.trending",
          "alike_versions.report",
          "alike_profiles.skus",
          "alike_profiles.scores");
}
