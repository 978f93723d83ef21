package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.Firestore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreModelStoreIT extends ModelStoreContract {
  private final FirestoreEmulatorExtension.Emulator emulator;
  private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
  private Firestore db;

  FirestoreModelStoreIT(FirestoreEmulatorExtension.Emulator emulator) {
    this.emulator = emulator;
  }

  @Override
  protected ModelStore newStore() {
    db = emulator.newFirestore();
    return new FirestoreModelStore(db, FirestoreSettings.defaults(progress::add).withPrefix("t_"));
  }

  private FirestoreModelStore firestore() {
    return (FirestoreModelStore) store;
  }

  @Override
  protected void corruptSku(String version, String sku) throws Exception {
    firestore().skuRef(version, sku).set(Map.of("sku", sku, "similar", "not a list")).get();
  }

  @Override
  protected void corruptProfile(String customer) throws Exception {
    firestore()
        .profileRef(customer)
        .set(Map.of("customer", customer, "skus", List.of("a"), "scores", List.of()))
        .get();
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
  void bulkWrite_reportsProgressAndCost() {
    publish("v1", docs("s", 20));
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
