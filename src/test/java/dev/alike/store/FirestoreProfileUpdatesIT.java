package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import dev.alike.model.FitOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ModelStore#addToProfile} on Firestore, against the emulator. */
@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreProfileUpdatesIT {
  private final FirestoreEmulatorExtension.Emulator emulator;
  private Firestore db;
  private FirestoreModelStore store;

  FirestoreProfileUpdatesIT(FirestoreEmulatorExtension.Emulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void open() {
    db = emulator.newFirestore();
    store = new FirestoreModelStore(db, new FirestoreSettings("t_", Duration.ofSeconds(10), true));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void createsAProfile_thenAddsToIt() {
    assertTrue(
        store.addToProfile(
            "m1\nc1", "c1", SkuEvents.weights(Map.of("s1", 2.0)), ModelStore.Delivery.LIVE));
    assertTrue(
        store.addToProfile(
            "m2\nc1",
            "c1",
            SkuEvents.weights(Map.of("s1", 0.5, "s2", 6.0)),
            ModelStore.Delivery.LIVE));
    assertEquals(Map.of("s1", 2.5, "s2", 6.0), store.profile("c1").orElseThrow().scores());
  }

  @Test
  void theSameUpdateIdTwice_countsOnce() {
    assertTrue(
        store.addToProfile(
            "m1\nc1", "c1", SkuEvents.weights(Map.of("s1", 2.0)), ModelStore.Delivery.LIVE));
    assertFalse(
        store.addToProfile(
            "m1\nc1", "c1", SkuEvents.weights(Map.of("s1", 2.0)), ModelStore.Delivery.LIVE));
    assertEquals(Map.of("s1", 2.0), store.profile("c1").orElseThrow().scores());
  }

  @Test
  void concurrentUpdatesOfOneCustomer_allCount() throws Exception {
    int n = 16;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String id = "m" + i;
        done.add(
            pool.submit(
                () ->
                    store.addToProfile(
                        id, "c1", SkuEvents.weights(Map.of("s1", 1.0)), ModelStore.Delivery.LIVE)));
      }
      for (Future<Boolean> f : done) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(Map.of("s1", (double) n), store.profile("c1").orElseThrow().scores());
  }

  @Test
  void theMarkerCarriesAnExpiryForTheTtlPolicy() throws Exception {
    Instant before = Instant.now();
    store.addToProfile(
        "m1\nc1", "c1", SkuEvents.weights(Map.of("s1", 2.0)), ModelStore.Delivery.LIVE);
    DocumentSnapshot marker =
        db.collection("t_" + FirestoreProfileUpdates.UPDATES)
            .document(FirestoreProfileUpdates.markerId("m1\nc1"))
            .get()
            .get();
    Timestamp expires = marker.getTimestamp(FirestoreProfileUpdates.EXPIRE_AT);
    Duration ttl = Duration.between(before, expires.toDate().toInstant());
    assertTrue(ttl.compareTo(Duration.ofDays(7)) > 0, "ttl " + ttl);
  }

  @Test
  void aProfileOverTheCap_keepsTheBuildsTopSkus() {
    Map<String, Double> many = new HashMap<>();
    for (int i = 0; i < FitOptions.DEFAULT_MAX_SKUS_PER_CUSTOMER; i++) {
      many.put("s" + i, 1.0 + i);
    }
    store.addToProfile("m1", "c1", SkuEvents.weights(many), ModelStore.Delivery.LIVE);
    store.addToProfile(
        "m2", "c1", SkuEvents.weights(Map.of("new", 1000.0)), ModelStore.Delivery.LIVE);
    Map<String, Double> scores = store.profile("c1").orElseThrow().scores();
    assertEquals(FitOptions.DEFAULT_MAX_SKUS_PER_CUSTOMER, scores.size());
    assertEquals(1000.0, scores.get("new"));
    assertFalse(scores.containsKey("s0"), "the lowest score went");
  }

  @Test
  void theNextBuildsProfilesReplaceRealTimeOnes() {
    store.addToProfile("m1", "c1", SkuEvents.weights(Map.of("s1", 2.0)), ModelStore.Delivery.LIVE);
    store.addToProfile("m2", "c2", SkuEvents.weights(Map.of("s1", 2.0)), ModelStore.Delivery.LIVE);
    Iterator<CustomerProfile> built =
        List.of(new CustomerProfile("c1", Map.of("s1", 2.0))).iterator();
    ModelStore.ProfileWriteStats stats = store.replaceProfiles(built);
    assertEquals(1, stats.written(), "equal scores, but it holds an update key: rewritten");
    assertEquals(List.of(), store.profile("c1").orElseThrow().updates());
    assertEquals(1, stats.deleted());
    assertTrue(store.profile("c2").isEmpty());
  }
}
