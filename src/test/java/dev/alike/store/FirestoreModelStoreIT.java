package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.Firestore;
import dev.alike.job.Captured;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreModelStoreIT extends ModelStoreContract {
  private final FirestoreEmulatorExtension.Emulator emulator;
  private Firestore db;

  FirestoreModelStoreIT(FirestoreEmulatorExtension.Emulator emulator) {
    this.emulator = emulator;
  }

  @Override
  protected ModelStore newStore() {
    db = emulator.newFirestore();
    return new FirestoreModelStore(db, new FirestoreSettings("t_", Duration.ofSeconds(10), true));
  }

  private FirestoreModelStore firestore() {
    return (FirestoreModelStore) store;
  }

  @Override
  protected void corruptSku(String version, String sku) throws Exception {
    firestore().skuRef(version, sku).set(Map.of("sku", sku, "similar", "not a list")).get();
  }

  @Override
  protected void storeUnderAnotherSku(String version, String sku, String other) throws Exception {
    firestore().skuRef(version, sku).update("sku", other).get();
  }

  @Override
  protected void corruptProfile(String customer) throws Exception {
    firestore()
        .profileRef(customer)
        .set(Map.of("customer", customer, "skus", List.of("a"), "scores", List.of()))
        .get();
  }

  @Test
  void profiles_areListedAPageAtATime_acrossPageBoundaries() throws Exception {
    int n = 2 * FirestoreCalls.PAGE + 345;
    // Written with plain batches, not the store's BulkWriter path: this test is about reading.
    for (int from = 0; from < n; from += 500) {
      com.google.cloud.firestore.WriteBatch batch = db.batch();
      for (int i = from; i < Math.min(n, from + 500); i++) {
        CustomerProfile p = profile("c" + i, "s" + (i % 7), 1.0 + i);
        batch.set(firestore().profileRef(p.customer()), StoreCodec.write(p));
      }
      batch.commit().get();
    }
    long before = store.stats().reads();
    java.util.Iterator<CustomerProfile> listed = store.profiles();
    CustomerProfile first = listed.next();
    assertEquals(FirestoreCalls.PAGE, store.stats().reads() - before, "one page read so far");
    Set<String> seen = new java.util.HashSet<>(Set.of(first.customer()));
    listed.forEachRemaining(p -> seen.add(p.customer()));
    assertEquals(n, seen.size());
    assertEquals(n, store.stats().reads() - before);
  }

  @Test
  void unchangedProfiles_areReadOnceAndNotWritten() {
    List<CustomerProfile> profiles = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      profiles.add(profile("c" + i, "s" + i, 1.0 * i));
    }
    store.replaceProfiles(profiles.iterator());
    ModelStore.StoreStats before = store.stats();
    ModelStore.ProfileWriteStats again = store.replaceProfiles(profiles.iterator());
    ModelStore.StoreStats after = store.stats();
    assertEquals(new ModelStore.ProfileWriteStats(0, 30, 0, 0), again);
    assertEquals(0, after.writes() - before.writes());
    assertEquals(30, after.reads() - before.reads(), "one hash read per stored profile");
  }

  @Test
  void bulkWrite_reportsProgressAndCost() throws Exception {
    List<String> progress =
        Captured.run(
                () -> {
                  publish("v1", docs("s", 20));
                  return 0;
                })
            .err()
            .lines()
            .toList();
    assertTrue(
        progress.stream().anyMatch(l -> l.startsWith("version v1: 20/20 documents written")),
        () -> "progress " + progress);
    String cost = FirestoreCost.STANDARD.describe(store.stats());
    assertTrue(cost.contains("writes"), cost);
    assertTrue(cost.contains("Standard edition, us-central1 list prices"), cost);
    assertTrue(FirestoreCost.STANDARD.estimateUsd(store.stats()) > 0);
  }

  private Firestore emulatorClientForSameProject() {
    return db.getOptions().toBuilder().build().getService();
  }
}
