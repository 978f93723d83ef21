package dev.alike.store;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import dev.alike.store.ModelStore.ProfileWriteStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
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
  /** The marker field a Firestore TTL policy deletes applied-update markers by. */
  static final String EXPIRE_AT = "expireAt";

  private final FirestoreModelStore store;
  private final FirestoreCalls calls;
  private final DocumentBudget budget = DocumentBudget.firestore();

  FirestoreProfiles(FirestoreModelStore store, FirestoreCalls calls) {
    this.store = store;
    this.calls = calls;
  }

  ProfileWriteStats replace(Iterator<CustomerProfile> next) {
    Map<String, String> oldHashes = storedProfileHashes();
    try (WriteProgress progress =
            new WriteProgress(
                "profiles", 0, store.settings().progress(), store.settings().progressInterval());
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

  /**
   * One transaction: reads the marker {@code PREFIXupdates/{updateId}} and the profile, and writes
   * both, so a redelivered update finds its marker and changes nothing. Markers carry {@code
   * expireAt} (7 days on), for a Firestore TTL policy to delete them.
   */
  boolean add(String updateId, String customer, Map<String, Double> weights) {
    ProfileSync.merged(null, customer, updateId, weights); // validate before any call
    DocumentReference marker = store.updateRef(updateId);
    DocumentReference ref = store.profileRef(customer);
    boolean applied =
        FirestoreCalls.await(
            store
                .firestore()
                .runTransaction(
                    tx -> {
                      if (tx.get(marker).get().exists()) {
                        return false;
                      }
                      DocumentSnapshot doc = tx.get(ref).get();
                      CustomerProfile old = readProfile(doc, customer).orElse(null);
                      CustomerProfile fitted =
                          budget.fit(ProfileSync.merged(old, customer, updateId, weights)).value();
                      if (fitted != null) {
                        tx.set(ref, StoreCodec.write(fitted));
                      }
                      Timestamp expire =
                          Timestamp.ofTimeSecondsAndNanos(
                              Instant.now().plus(LocalProfiles.UPDATE_MEMORY).getEpochSecond(), 0);
                      tx.set(marker, Map.of(StoreCodec.CUSTOMER, customer, EXPIRE_AT, expire));
                      return true;
                    }),
            "update the profile of " + StoreException.abbreviate(customer));
    calls.counted(2, applied ? 2 : 0);
    return applied;
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

  Iterator<CustomerProfile> all() {
    List<CustomerProfile> out = new ArrayList<>();
    calls.forEachPage(
        store.profilesCollection(), doc -> readProfile(doc, null).ifPresent(out::add));
    return out.iterator();
  }
}
