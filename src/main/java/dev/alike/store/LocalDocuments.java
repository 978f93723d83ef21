package dev.alike.store;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local store's documents as JSON text: {@link StoreCodec}'s stored form (the fields of the
 * Firestore document) written with {@link JsonValues}, and read back through the same validation. A
 * document that fails it is logged and reads as missing.
 */
final class LocalDocuments {
  private static final System.Logger LOG = System.getLogger(LocalDocuments.class.getName());

  private LocalDocuments() {}

  static String json(Object stored) {
    return JsonValues.toJson(stored, false);
  }

  /** The SKU document stored under {@code key}, or empty when it is malformed. */
  static Optional<SkuDocument> sku(String key, String json) {
    try {
      SkuDocument doc = StoreCodec.readSku(object(json));
      if (!doc.sku().equals(key)) {
        throw new StoreCodec.Malformed("holds SKU " + StoreException.abbreviate(doc.sku()));
      }
      return Optional.of(doc);
    } catch (StoreCodec.Malformed e) {
      malformed("SKU document", key, e);
      return Optional.empty();
    }
  }

  /** The profile stored under {@code key}, or empty when it is malformed. */
  static Optional<CustomerProfile> profile(String key, String json) {
    try {
      CustomerProfile profile = StoreCodec.readProfile(object(json));
      if (!profile.customer().equals(key)) {
        throw new StoreCodec.Malformed(
            "holds customer " + StoreException.abbreviate(profile.customer()));
      }
      return Optional.of(profile);
    } catch (StoreCodec.Malformed | IllegalArgumentException e) {
      malformed("profile", key, e);
      return Optional.empty();
    }
  }

  /** The catalog update change stored as row {@code seq}, or empty when it is malformed. */
  static Optional<StoreCodec.StoredChange> change(long seq, String json) {
    try {
      return Optional.of(StoreCodec.readChange(object(json)));
    } catch (StoreCodec.Malformed e) {
      malformed("catalog update row", Long.toString(seq), e);
      return Optional.empty();
    }
  }

  /**
   * One list of a version's stored lists ({@link #popularJson}): {@code field} is {@link
   * StoreCodec#POPULAR} or {@link StoreCodec#TRENDING}; empty when absent (a trending list of an
   * older build) or malformed.
   */
  static List<Neighbor> versionList(String version, String json, String field) {
    try {
      return StoreCodec.readList(object(json).get(field), field);
    } catch (StoreCodec.Malformed e) {
      malformed(field + " list of version", version, e);
      return List.of();
    }
  }

  /**
   * The stored form of a version's lists: an object with the popular and trending fields, as in the
   * version document.
   */
  static String popularJson(List<Neighbor> popular, List<Neighbor> trending) {
    return json(
        Map.of(
            StoreCodec.POPULAR,
            StoreCodec.writeList(popular),
            StoreCodec.TRENDING,
            StoreCodec.writeList(trending)));
  }

  private static Map<String, Object> object(String json) {
    Map<String, Object> map = json == null ? null : JsonValues.readObject(json);
    if (map == null) {
      throw new StoreCodec.Malformed("not a JSON object");
    }
    return map;
  }

  private static void malformed(String what, String key, RuntimeException e) {
    LOG.log(
        Level.ERROR,
        "malformed {0} {1} in the local store, treated as missing: {2}",
        what,
        StoreException.abbreviate(key),
        e.getMessage());
  }
}
