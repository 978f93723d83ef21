package dev.alike.store;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.common.collect.Iterators;
import dev.alike.store.ModelStore.ProfileWriteStats;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Customer profiles in Firestore, {@code PREFIXprofiles/{customer}}: each stores {@link
 * ProfileHash}, so a replacement first pages through the collection reading only the {@code hash}
 * field (one billed read per existing profile, no bodies transferred), then writes only profiles
 * whose hash differs and deletes those not in the new data ({@link ProfileSync}).
 */
final class FirestoreProfiles {

  private final FirestoreModelStore store;
  private final FirestoreCalls calls;
  private final DocumentBudget budget = DocumentBudget.firestore();

  FirestoreProfiles(FirestoreModelStore store, FirestoreCalls calls) {
    this.store = store;
    this.calls = calls;
  }

  ProfileWriteStats replace(Iterator<CustomerProfile> next) {
    Map<String, String> oldHashes = storedProfileHashes();
    try (WriteProgress progress = store.progress("profiles", 0);
        FirestoreBulk bulk = store.bulk(progress)) {
      ProfileWriteStats stats =
          ProfileSync.run(
              next,
              oldHashes,
              DocIds::encode,
              budget,
              new ProfileSync.Sink() {
                public void set(String docId, CustomerProfile profile, Map<String, Object> doc) {
                  bulk.set(store.profilesCollection().document(docId), doc);
                }

                public void delete(String docId) {
                  bulk.delete(store.profilesCollection().document(docId));
                }
              });
      bulk.flush();
      return stats;
    }
  }

  /** Document id -> stored hash of every profile, read with a field mask, page by page. */
  private Map<String, String> storedProfileHashes() {
    Map<String, String> hashes = new HashMap<>();
    calls.forEachPage(
        store.profilesCollection().select(StoreCodec.HASH),
        doc -> {
          Object hash = doc.get(StoreCodec.HASH);
          hashes.put(doc.getId(), hash instanceof String s ? s : "");
        });
    return hashes;
  }

  Optional<CustomerProfile> profile(String customer) {
    return readProfile(calls.get(store.profileRef(customer)), customer);
  }

  private Optional<CustomerProfile> readProfile(DocumentSnapshot doc, String expected) {
    if (!doc.exists()) {
      return Optional.empty();
    }
    try {
      CustomerProfile profile = StoreCodec.readProfile(Objects.requireNonNull(doc.getData()));
      if (expected != null && !profile.customer().equals(expected)) {
        throw new StoreCodec.Malformed(
            "holds customer " + StoreException.abbreviate(profile.customer()));
      }
      return Optional.of(profile);
    } catch (StoreCodec.Malformed | IllegalArgumentException e) {
      FirestoreCalls.malformed("profile", doc.getReference(), e);
      return Optional.empty();
    }
  }

  /** Every readable profile, a page at a time as the caller consumes them. */
  Iterator<CustomerProfile> all() {
    return Iterators.filter(
        Iterators.transform(
            calls.paged(store.profilesCollection()), doc -> readProfile(doc, null).orElse(null)),
        Objects::nonNull);
  }
}
