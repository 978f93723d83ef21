package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.model.IdIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ModelStore} must have; each implementation's test extends this and
 * supplies a fresh, isolated store and a way to corrupt a stored document behind its back.
 */
public abstract class ModelStoreContract {
  /**
   * Ids that break naive encodings: path separators, dot names, reserved shapes, non-ASCII, long.
   */
  static final List<String> AWKWARD_IDS =
      List.of(
          "a/b",
          "/",
          ".",
          "..",
          "__x__",
          "__",
          "~bYQ",
          "~h",
          "日本語-ü",
          "emoji-\uD83D\uDE00",
          " spaced id ",
          "x".repeat(1_499),
          "y".repeat(1_501),
          "é".repeat(800),
          "z/".repeat(2_000));

  protected ModelStore store;

  /** A new empty store that no other test sees. */
  protected abstract ModelStore newStore() throws Exception;

  /** Replaces the stored SKU document of {@code sku} in {@code version} with a malformed one. */
  protected abstract void corruptSku(String version, String sku) throws Exception;

  /** Makes the stored document of {@code sku} in {@code version} name {@code other} as its SKU. */
  protected abstract void storeUnderAnotherSku(String version, String sku, String other)
      throws Exception;

  /** Replaces the stored profile of {@code customer} with a malformed one. */
  protected abstract void corruptProfile(String customer) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // ---- helpers ----

  static ModelInfo info(String version, long skus) {
    return new ModelInfo(version, Instant.parse("2025-01-02T03:04:05Z"), skus);
  }

  static SkuDocument doc(String sku, String... neighbours) {
    List<Neighbor> similar = new ArrayList<>();
    for (int i = 0; i < neighbours.length; i++) {
      similar.add(
          new Neighbor(neighbours[i], 1.0f / (i + 2), "cat-" + i, Map.of("colour", "c" + i)));
    }
    return new SkuDocument(
        sku,
        "shoes",
        Map.of("gender", "female"),
        similar,
        List.of(new Neighbor(sku + "-r", 0.25, null, null)));
  }

  /** Writes {@code docs} as {@code version}, finishes and activates it (keeping 2). */
  void publish(String version, List<SkuDocument> docs) {
    store.writeVersion(
        info(version, docs.size()),
        VersionDocuments.of(docs, List.of(new Neighbor(docs.get(0).sku(), 9.0, null, null))));
    store.activate(version, 2);
  }

  /** {@code docs} whose building fails at document {@code failAt}, as in a crashed build. */
  static VersionDocuments failingAt(List<SkuDocument> docs, int failAt) {
    VersionDocuments all = VersionDocuments.of(docs, List.of());
    return new VersionDocuments() {
      @Override
      public int size() {
        return all.size();
      }

      @Override
      public SkuDocument document(int index) {
        if (index == failAt) {
          throw new IllegalStateException("injected failure at document " + failAt);
        }
        return all.document(index);
      }

      @Override
      public int[] indicesInIdOrder() {
        return all.indicesInIdOrder();
      }

      @Override
      public List<Neighbor> popular() {
        return List.of();
      }

      @Override
      public List<Neighbor> trending() {
        return List.of();
      }
    };
  }

  static List<SkuDocument> docs(String prefix, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> doc(prefix + i, prefix + ((i + 1) % n), prefix + ((i + 2) % n)))
        .toList();
  }

  static CustomerProfile profile(String customer, Object... skuScores) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int i = 0; i < skuScores.length; i += 2) {
      scores.put((String) skuScores[i], (Double) skuScores[i + 1]);
    }
    return new CustomerProfile(customer, scores);
  }

  // ---- versions ----

  @Test
  void emptyStore_hasNoCurrentVersionAndNoData() {
    assertEquals(Optional.empty(), store.current());
    assertEquals(List.of(), store.versions());
    assertEquals(Map.of(), store.skus("v1", List.of("a")));
    assertEquals(Optional.empty(), store.profile("c1"));
  }

  @Test
  void finishedVersion_isInvisibleUntilActivated() {
    store.writeVersion(info("v1", 1), VersionDocuments.of(List.of(doc("a", "b")), List.of()));
    assertEquals(Optional.empty(), store.current());
    assertEquals(List.of("v1"), versionIds());
    store.activate("v1", 2);
    assertEquals(Optional.of(info("v1", 1)), store.current());
  }

  @Test
  void activate_unfinishedVersion_throwsAndKeepsCurrent() {
    publish("v1", docs("a", 3));
    List<SkuDocument> next = List.of(doc("a", "b"), doc("b", "a"));
    assertThrows(
        IllegalStateException.class, () -> store.writeVersion(info("v2", 2), failingAt(next, 1)));
    assertThrows(StoreException.class, () -> store.activate("v2", 2));
    assertThrows(StoreException.class, () -> store.activate("never-written", 2));
    assertEquals("v1", store.current().orElseThrow().version());
  }

  @Test
  void skus_batchRead_returnsEveryStoredDocumentExactlyAndOmitsUnknownIds() {
    List<SkuDocument> docs = docs("s", 5);
    publish("v1", docs);
    Map<String, SkuDocument> got = store.skus("v1", List.of("s0", "s3", "unknown"));
    assertEquals(Set.of("s0", "s3"), got.keySet());
    assertEquals(docs.get(0), got.get("s0"));
    assertEquals(docs.get(3), got.get("s3"));
    assertEquals(Map.of(), store.skus("no-such-version", List.of("s0")));
  }

  @Test
  void forEachSku_visitsEveryDocumentOnceAndRejectsUnknownVersions() {
    List<SkuDocument> docs = docs("s", 7);
    publish("v1", docs);
    Map<String, SkuDocument> seen = new java.util.HashMap<>();
    store.forEachSku("v1", d -> assertEquals(null, seen.put(d.sku(), d), "twice: " + d.sku()));
    assertEquals(docs.size(), seen.size());
    for (SkuDocument d : docs) {
      assertEquals(d, seen.get(d.sku()));
    }
    assertThrows(StoreException.class, () -> store.forEachSku("no-such-version", d -> {}));
  }

  @Test
  void pricesAndAvailability_roundTripInDocumentsAndLists() {
    List<Neighbor> similar =
        List.of(
            new Neighbor("n1", 0.5, "shoes", Map.of(), 19.99, true),
            new Neighbor("n2", 0.25, null, Map.of("brand", "house"), Double.NaN, false),
            new Neighbor("n3", 0.125, null, Map.of(), 0, true));
    SkuDocument doc = new SkuDocument("a", null, Map.of(), similar, similar);
    List<Neighbor> popular =
        List.of(new Neighbor("n1", 4, "shoes", Map.of(), 1234.5, true), similar.get(1));
    store.writeVersion(info("v1", 1), VersionDocuments.of(List.of(doc), popular));
    store.activate("v1", 2);
    assertEquals(Map.of("a", doc), store.skus("v1", List.of("a")));
    assertEquals(popular, store.popular("v1"));
  }

  @Test
  void popular_roundTripsWithCatalogData() {
    List<Neighbor> popular =
        List.of(
            new Neighbor("p1", 10.5, "hats", Map.of("size", "L")),
            new Neighbor("p2", 3.0, null, null));
    store.writeVersion(info("v1", 0), VersionDocuments.of(List.of(), popular));
    store.activate("v1", 2);
    assertEquals(popular, store.popular("v1"));
    assertEquals(List.of(), store.popular("no-such-version"));
  }

  @Test
  void trending_roundTripsBesideThePopularList_andIsEmptyWhenNotWritten() {
    List<Neighbor> popular = List.of(new Neighbor("p1", 10.5, "hats", Map.of("size", "L")));
    List<Neighbor> trending =
        List.of(
            new Neighbor("t/1\u00fc", 2.375, "hats", Map.of()),
            new Neighbor("p1", 0.5, "hats", Map.of("size", "L")));
    store.writeVersion(info("v1", 0), VersionDocuments.of(List.of(), popular, trending));
    // A build without timestamps, or one from before trending lists.
    store.writeVersion(info("v2", 0), VersionDocuments.of(List.of(), popular));
    store.activate("v2", 2);
    assertEquals(trending, store.trending("v1"));
    assertEquals(popular, store.popular("v1"));
    assertEquals(List.of(), store.trending("v2"));
    assertEquals(popular, store.popular("v2"));
    assertEquals(List.of(), store.trending("no-such-version"));
  }

  @Test
  void boughtTogetherLists_roundTripWithSupports_andDocumentsWithoutOneReadEmpty() {
    Neighbor saucer = new Neighbor("saucer/\u00fc", 0.75, "cups", Map.of("colour", "pink"), 12);
    Neighbor spoon = new Neighbor("spoon", 0.25, null, Map.of(), 3);
    Neighbor similar = new Neighbor("mug", 0.5, "cups", Map.of());
    SkuDocument cup =
        new SkuDocument(
            "cup", "cups", Map.of(), List.of(similar), List.of(similar), List.of(saucer, spoon));
    SkuDocument mug = new SkuDocument("mug", "cups", Map.of(), List.of(), List.of());
    publish("v1", List.of(cup, mug));
    Map<String, SkuDocument> read = store.skus("v1", List.of("cup", "mug"));
    assertEquals(cup, read.get("cup"));
    assertEquals(12, read.get("cup").together().get(0).support());
    assertEquals(0, read.get("cup").similar().get(0).support());
    assertEquals(List.of(), read.get("mug").together());
    List<SkuDocument> scanned = new ArrayList<>();
    store.forEachSku("v1", scanned::add);
    assertTrue(scanned.contains(cup), scanned.toString());
  }

  @Test
  void interruptedBuild_leavesPreviousVersionCurrent_andRerunCompletes() {
    publish("v1", docs("old", 4));
    List<SkuDocument> next = docs("new", 10);
    RuntimeException crash =
        assertThrows(
            RuntimeException.class,
            () -> store.writeVersion(info("v2", 10), failingAt(next, next.size() / 2)));
    assertEquals("injected failure at document " + next.size() / 2, crash.getMessage());
    assertEquals("v1", store.current().orElseThrow().version());
    assertEquals(List.of("v1"), versionIds());
    assertEquals(4, store.skus("v1", List.of("old0", "old1", "old2", "old3")).size());
    assertThrows(StoreException.class, () -> store.activate("v2", 2));

    publish("v2", next);
    assertEquals("v2", store.current().orElseThrow().version());
    List<String> ids = next.stream().map(SkuDocument::sku).toList();
    assertEquals(10, store.skus("v2", ids).size());
  }

  @Test
  void activate_deletesVersionsBeyondTheNewestTwo() {
    for (int v = 1; v <= 4; v++) {
      publish("v" + v, docs("s", 3));
    }
    assertEquals(List.of("v3", "v4"), versionIds());
    assertEquals(Map.of(), store.skus("v1", List.of("s0")));
    assertEquals(1, store.skus("v3", List.of("s0")).size());
  }

  @Test
  void deleteVersion_refusesTheCurrentVersion() {
    publish("v1", docs("s", 2));
    publish("v2", docs("s", 2));
    assertThrows(StoreException.class, () -> store.deleteVersion("v2"));
    store.deleteVersion("v1");
    assertEquals(List.of("v2"), versionIds());
  }

  // ---- named models ----

  /** Writes {@code docs} as {@code version} of {@code model}, finishes and activates it. */
  void publish(String model, String version, List<SkuDocument> docs) {
    store.writeVersion(model, info(version, docs.size()), VersionDocuments.of(docs, List.of()));
    store.activate(version, 2);
  }

  @Test
  void twoModels_keepTheirOwnCurrentVersions_andPruneOnlyTheirOwn() {
    publish("v1", docs("s", 2));
    publish("tfidf", "v2", docs("t", 2));
    assertEquals("v1", store.current().orElseThrow().version());
    assertEquals("v1", store.current(ModelStore.DEFAULT_MODEL).orElseThrow().version());
    assertEquals("v2", store.current("tfidf").orElseThrow().version());
    assertEquals(Optional.empty(), store.current("ease"));
    for (int v = 3; v <= 5; v++) {
      publish("tfidf", "v" + v, docs("t", 2));
    }
    // The default model's only version survives three activations of the other model.
    assertEquals(List.of("v1"), versionIds());
    assertEquals(
        List.of("v4", "v5"), store.versions("tfidf").stream().map(ModelInfo::version).toList());
    assertEquals(List.of(), store.versions("ease"));
    assertEquals(Map.of(), store.skus("v3", List.of("t0")));
    assertEquals(1, store.skus("v1", List.of("s0")).size());
    publish("v6", docs("s", 2));
    publish("v7", docs("s", 2));
    assertEquals(List.of("v6", "v7"), versionIds());
    assertEquals("v5", store.current("tfidf").orElseThrow().version());
    assertEquals(1, store.skus("v5", List.of("t1")).size());
  }

  @Test
  void rollbackOfOneModel_leavesTheOtherModelsPointer() {
    publish("tfidf", "v1", docs("t", 2));
    publish("v2", docs("s", 2));
    publish("tfidf", "v3", docs("t", 3));
    store.activate("v1", 3);
    assertEquals("v1", store.current("tfidf").orElseThrow().version());
    assertEquals("v2", store.current().orElseThrow().version());
  }

  @Test
  void deleteVersion_refusesTheCurrentVersionOfAnyModel() {
    publish("v1", docs("s", 2));
    publish("tfidf", "v2", docs("t", 2));
    assertThrows(StoreException.class, () -> store.deleteVersion("v2"));
    assertEquals("v2", store.current("tfidf").orElseThrow().version());
  }

  @Test
  void catalogUpdates_changeTheGenerationOfEveryModel() {
    publish("v1", docs("s", 2));
    publish("tfidf", "v2", docs("t", 2));
    long before = store.current("tfidf").orElseThrow().catalogGeneration();
    long defaultBefore = store.current().orElseThrow().catalogGeneration();
    store.updateCatalog(Map.of("t0", stock(false)), BUILT.plusSeconds(5));
    assertTrue(store.current("tfidf").orElseThrow().catalogGeneration() != before);
    assertTrue(store.current().orElseThrow().catalogGeneration() != defaultBefore);
  }

  @Test
  void invalidModelNames_areRefusedBeforeAnyWrite() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                store.writeVersion(
                    "a/b", info("v1", 2), VersionDocuments.of(docs("s", 2), List.of())));
    assertTrue(e.getMessage().contains("\"a/b\""), e.getMessage());
    assertEquals(Optional.empty(), store.current("a/b"));
  }

  // ---- ids ----

  @Test
  void awkwardSkuIds_roundTripExactly() {
    List<SkuDocument> docs = new ArrayList<>();
    for (int i = 0; i < AWKWARD_IDS.size(); i++) {
      String id = AWKWARD_IDS.get(i);
      String neighbour = AWKWARD_IDS.get((i + 1) % AWKWARD_IDS.size());
      docs.add(
          new SkuDocument(
              id,
              id,
              Map.of(id, id),
              List.of(new Neighbor(neighbour, 0.5, neighbour, Map.of(neighbour, id))),
              List.of()));
    }
    publish("v1", docs);
    Map<String, SkuDocument> got = store.skus("v1", AWKWARD_IDS);
    assertEquals(AWKWARD_IDS.size(), got.size());
    for (SkuDocument d : docs) {
      assertEquals(
          d, got.get(d.sku()), () -> "round trip of " + StoreException.abbreviate(d.sku()));
    }
  }

  @Test
  void awkwardCustomerIds_roundTripExactly() {
    List<CustomerProfile> profiles = new ArrayList<>();
    for (String id : AWKWARD_IDS) {
      profiles.add(profile(id, id, 1.5, "plain", 2.0));
    }
    ModelStore.ProfileWriteStats stats = store.replaceProfiles(profiles.iterator());
    assertEquals(AWKWARD_IDS.size(), stats.written());
    for (CustomerProfile p : profiles) {
      assertEquals(Optional.of(p), store.profile(p.customer()));
    }
    List<String> listed = new ArrayList<>();
    store.profiles().forEachRemaining(p -> listed.add(p.customer()));
    assertEquals(Set.copyOf(AWKWARD_IDS), Set.copyOf(listed));
    assertEquals(AWKWARD_IDS.size(), listed.size());
  }

  // ---- catalog updates ----

  static final Instant BUILT = info("v", 0).createdAt();

  static Catalog.Change stock(boolean available) {
    return new Catalog.Change(null, null, available, null, null, null);
  }

  @Test
  void catalogUpdates_readBackMergedPerSkuInTheOrderMade_andEachChangesTheGeneration() {
    publish("v1", docs("s", 3));
    long before = store.current().orElseThrow().catalogGeneration();
    Catalog.Change everything =
        new Catalog.Change(
            "hats \u00fc", Map.of("brand", "house", "size", "L"), true, "T\u00eete", "soft", 0.0);
    Map<String, Catalog.Change> first = new LinkedHashMap<>();
    first.put("s0", stock(false));
    first.put(AWKWARD_IDS.get(8), everything);
    store.updateCatalog(first, BUILT.plusSeconds(10));
    long afterFirst = store.current().orElseThrow().catalogGeneration();
    assertTrue(afterFirst != before, "the first update changes the generation");
    Catalog.Change price = new Catalog.Change(null, Map.of(), null, null, null, 19.5);
    store.updateCatalog(Map.of("s0", price), BUILT.plusSeconds(20));
    assertTrue(store.current().orElseThrow().catalogGeneration() != afterFirst);
    assertEquals("v1", store.current().orElseThrow().version());

    Map<String, Catalog.Change> all = store.catalogChanges(BUILT);
    assertEquals(
        Map.of(
            "s0",
            new Catalog.Change(null, Map.of(), false, null, null, 19.5),
            AWKWARD_IDS.get(8),
            everything),
        all);
    // Only the updates made after the time given: a version built between them sees the second.
    assertEquals(Map.of("s0", price), store.catalogChanges(BUILT.plusSeconds(10)));
    assertEquals(Map.of(), store.catalogChanges(BUILT.plusSeconds(20)));
    // The SKU documents are untouched.
    assertEquals(docs("s", 3).get(0), store.skus("v1", List.of("s0")).get("s0"));
  }

  @Test
  void catalogUpdates_aLaterOneOverridesTheFieldsItSets() {
    publish("v1", docs("s", 2));
    store.updateCatalog(Map.of("s1", stock(false)), BUILT.plusSeconds(1));
    store.updateCatalog(Map.of("s1", stock(true)), BUILT.plusSeconds(2));
    assertEquals(Map.of("s1", stock(true)), store.catalogChanges(BUILT));
  }

  @Test
  void catalogUpdates_beforeAnyModel_areReadByTheVersionActivatedLater() {
    store.updateCatalog(Map.of("s0", stock(false)), BUILT.plusSeconds(5));
    assertEquals(Optional.empty(), store.current());
    publish("v1", docs("s", 2));
    assertEquals(Map.of("s0", stock(false)), store.catalogChanges(BUILT));
  }

  @Test
  void activation_keepsTheGeneration_andDeletesUpdatesOlderThanEveryKeptVersion() {
    publish("v1", docs("s", 2));
    store.updateCatalog(Map.of("s0", stock(false)), BUILT.minusSeconds(60));
    store.updateCatalog(Map.of("s1", stock(false)), BUILT.plusSeconds(60));
    long generation = store.current().orElseThrow().catalogGeneration();
    store.activate("v1", 2);
    assertEquals(generation, store.current().orElseThrow().catalogGeneration());
    assertEquals(Map.of("s1", stock(false)), store.catalogChanges(Instant.EPOCH));
  }

  // ---- profiles ----

  @Test
  void rebuild_writesOnlyChangedProfiles_andDeletesMissingCustomers() {
    ModelStore.ProfileWriteStats first =
        store.replaceProfiles(
            List.of(
                    profile("c1", "a", 1.0),
                    profile("c2", "a", 1.0, "b", 2.0),
                    profile("c3", "b", 3.0),
                    profile("c4", "c", 4.0))
                .iterator());
    assertEquals(new ModelStore.ProfileWriteStats(4, 0, 0, 0), first);

    ModelStore.ProfileWriteStats second =
        store.replaceProfiles(
            List.of(
                    profile("c1", "a", 1.0), // unchanged
                    profile("c2", "b", 2.0, "a", 1.0), // same content, other order: unchanged
                    profile("c3", "b", 3.5), // changed score
                    profile("c5", "e", 5.0)) // new
                .iterator());
    assertEquals(new ModelStore.ProfileWriteStats(2, 2, 1, 0), second);
    assertEquals(Optional.empty(), store.profile("c4"));
    assertEquals(Map.of("b", 3.5), store.profile("c3").orElseThrow().scores());
    assertEquals(Optional.of(profile("c5", "e", 5.0)), store.profile("c5"));
  }

  @Test
  void replaceProfiles_withNothing_deletesAll() {
    store.replaceProfiles(List.of(profile("c1", "a", 1.0)).iterator());
    assertEquals(
        new ModelStore.ProfileWriteStats(0, 0, 1, 0),
        store.replaceProfiles(List.<CustomerProfile>of().iterator()));
    assertEquals(Optional.empty(), store.profile("c1"));
  }

  // ---- malformed and oversized documents ----

  @Test
  void addToProfile_createsThenAddsScores_andAppliesEachUpdateIdOnce() {
    store.replaceProfiles(List.of(profile("c1", "a", 1.0)).iterator());
    assertTrue(
        store.addToProfile(
            "u1", "c1", SkuEvents.weights(Map.of("a", 2.0, "b", 0.5)), ModelStore.Delivery.LIVE));
    assertFalse(
        store.addToProfile(
            "u1", "c1", SkuEvents.weights(Map.of("a", 2.0, "b", 0.5)), ModelStore.Delivery.LIVE),
        "redelivered");
    assertEquals(Map.of("a", 3.0, "b", 0.5), store.profile("c1").orElseThrow().scores());
    assertTrue(
        store.addToProfile(
            "u2", "new/日本", SkuEvents.weights(Map.of("x", 6.0)), ModelStore.Delivery.LIVE));
    assertEquals(Map.of("x", 6.0), store.profile("new/日本").orElseThrow().scores());
    assertEquals(2, drain(store.profiles()).size());
  }

  @Test
  void profileHistory_roundTrips_fromObjectsAndFromColumns_andOnlyChangesRewrite() {
    CustomerProfile timed =
        new CustomerProfile(
            "c/日本",
            Map.of("a", 1.0, "b/ü", 2.0, "c", 0.5),
            Map.of("a", 1_762_000_000L, "b/ü", 1_762_000_100L),
            Map.of("b/ü", 1_762_000_100L, "c", CustomerProfile.NO_TIME),
            List.of());
    store.replaceProfiles(List.of(timed, profile("plain", "a", 1.0)).iterator());
    assertEquals(Optional.of(timed), store.profile("c/日本"));
    assertEquals(Optional.of(profile("plain", "a", 1.0)), store.profile("plain"));
    CustomerProfile later =
        new CustomerProfile(
            "c/日本",
            timed.scores(),
            Map.of("a", 1_762_000_500L, "b/ü", 1_762_000_100L),
            timed.bought(),
            List.of());
    ModelStore.ProfileWriteStats stats =
        store.replaceProfiles(List.of(later, profile("plain", "a", 1.0)).iterator());
    assertEquals(1, stats.written(), "a newer time alone rewrites the profile");
    assertEquals(Optional.of(later), store.profile("c/日本"));

    IdIndex customers = new IdIndex();
    IdIndex skus = new IdIndex();
    customers.add("u1");
    skus.add("x");
    skus.add("y");
    ProfileColumns columns =
        new ProfileColumns(
            customers,
            skus,
            new int[] {0, 2},
            new int[] {0, 1},
            new float[] {1f, 6f},
            new long[] {CustomerProfile.NO_TIME, 1_762_000_000L},
            new long[] {SkuEvents.NOT_BOUGHT, 1_762_000_000L});
    store.replaceProfiles(columns);
    assertEquals(
        Optional.of(
            new CustomerProfile(
                "u1",
                Map.of("x", 1.0, "y", 6.0),
                Map.of("y", 1_762_000_000L),
                Map.of("y", 1_762_000_000L),
                List.of())),
        store.profile("u1"));
  }

  @Test
  void addToProfile_keepsTheNewestTimeAndPurchase() {
    store.replaceProfiles(List.of(profile("c1", "a", 1.0)).iterator());
    store.addToProfile(
        "u1",
        "c1",
        Map.of("a", new SkuEvents(0.5, 1_762_000_100L, SkuEvents.NOT_BOUGHT)),
        ModelStore.Delivery.LIVE);
    store.addToProfile(
        "u2",
        "c1",
        Map.of(
            "a", new SkuEvents(6, 1_762_000_050L, 1_762_000_050L),
            "b", new SkuEvents(0.5, 1_762_000_200L, SkuEvents.NOT_BOUGHT)),
        ModelStore.Delivery.LIVE);
    CustomerProfile p = store.profile("c1").orElseThrow();
    assertEquals(Map.of("a", 7.5, "b", 0.5), p.scores());
    assertEquals(Map.of("a", 1_762_000_100L, "b", 1_762_000_200L), p.seen());
    assertEquals(Map.of("a", 1_762_000_050L), p.bought());
  }

  @Test
  void skuRebuyRates_roundTrip_andDocumentsWithoutThemReadAsZero() {
    SkuDocument rebought =
        new SkuDocument("r/ü", "cat", Map.of(), List.of(), List.of(), 0.25f, 2_592_000);
    SkuDocument untimed = new SkuDocument("u", null, Map.of(), List.of(), List.of(), 0.5f, 0);
    SkuDocument never = doc("n", "r/ü");
    publish("v1", List.of(rebought, untimed, never));
    Map<String, SkuDocument> read = store.skus("v1", List.of("r/ü", "u", "n"));
    assertEquals(rebought, read.get("r/ü"));
    assertEquals(untimed, read.get("u"));
    assertEquals(0, read.get("n").rebuy());
    assertEquals(0, read.get("n").rebuyAfter());
  }

  @Test
  void rebuild_afterUpdates_replacesTheUpdatedProfiles() {
    store.addToProfile("u1", "c1", SkuEvents.weights(Map.of("a", 2.0)), ModelStore.Delivery.LIVE);
    store.addToProfile("u2", "c2", SkuEvents.weights(Map.of("b", 2.0)), ModelStore.Delivery.LIVE);
    ModelStore.ProfileWriteStats stats =
        store.replaceProfiles(List.of(profile("c1", "a", 2.0)).iterator());
    // c1's scores equal the build's, but it holds an update key: rewritten without it
    assertEquals(new ModelStore.ProfileWriteStats(1, 0, 1, 0), stats, "c1 rewritten, c2 gone");
    assertEquals(List.of(), store.profile("c1").orElseThrow().updates());
    assertEquals(Optional.empty(), store.profile("c2"));
  }

  @Test
  void replay_reappliesAnUpdateTheRebuildDropped_onceAndOnlyThen() {
    store.replaceProfiles(List.of(profile("c1", "a", 1.0)).iterator());
    assertTrue(
        store.addToProfile(
            "before", "c1", SkuEvents.weights(Map.of("b", 2.0)), ModelStore.Delivery.LIVE));
    store.replaceProfiles(List.of(profile("c1", "a", 1.0)).iterator()); // the build's profile
    assertTrue(
        store.addToProfile(
            "after", "c1", SkuEvents.weights(Map.of("c", 6.0)), ModelStore.Delivery.LIVE));
    ModelStore.Delivery replay = ModelStore.Delivery.REPLAY;
    assertTrue(
        store.addToProfile("before", "c1", SkuEvents.weights(Map.of("b", 2.0)), replay),
        "dropped: again");
    assertFalse(
        store.addToProfile("before", "c1", SkuEvents.weights(Map.of("b", 2.0)), replay),
        "now held");
    assertFalse(
        store.addToProfile("after", "c1", SkuEvents.weights(Map.of("c", 6.0)), replay),
        "held already");
    assertFalse(
        store.addToProfile(
            "before", "c1", SkuEvents.weights(Map.of("b", 2.0)), ModelStore.Delivery.LIVE),
        "live redelivery");
    assertEquals(Map.of("a", 1.0, "b", 2.0, "c", 6.0), store.profile("c1").orElseThrow().scores());
    assertTrue(store.addToProfile("never-live", "c9", SkuEvents.weights(Map.of("x", 1.0)), replay));
    assertFalse(
        store.addToProfile(
            "never-live", "c9", SkuEvents.weights(Map.of("x", 1.0)), ModelStore.Delivery.LIVE),
        "live after replay");
    assertEquals(Map.of("x", 1.0), store.profile("c9").orElseThrow().scores());
  }

  @Test
  void corruptSkuDocument_readsAsMissingWithoutFailingTheBatch() throws Exception {
    publish("v1", docs("s", 3));
    corruptSku("v1", "s1");
    Map<String, SkuDocument> got = store.skus("v1", List.of("s0", "s1", "s2"));
    assertEquals(Set.of("s0", "s2"), got.keySet());
  }

  @Test
  void documentStoredUnderAnotherSku_isSkippedByEveryRead() throws Exception {
    publish("v1", docs("s", 3));
    storeUnderAnotherSku("v1", "s1", "s9");
    assertEquals(Set.of("s0", "s2"), store.skus("v1", List.of("s0", "s1", "s2")).keySet());
    List<String> scanned = new ArrayList<>();
    store.forEachSku("v1", d -> scanned.add(d.sku()));
    assertEquals(Set.of("s0", "s2"), Set.copyOf(scanned));
  }

  @Test
  void corruptProfile_readsAsMissing() throws Exception {
    store.replaceProfiles(List.of(profile("c1", "a", 1.0), profile("c2", "b", 1.0)).iterator());
    corruptProfile("c1");
    assertEquals(Optional.empty(), store.profile("c1"));
    assertTrue(store.profile("c2").isPresent());
  }

  @Test
  void oversizedDocument_isCutFromTheReverseTailAndCounted() {
    String longId = "n".repeat(3_000);
    List<Neighbor> reverse =
        IntStream.range(0, 400)
            .mapToObj(i -> new Neighbor(longId + i, 1.0f - i / 1024f, null, null))
            .toList();
    List<Neighbor> similar = List.of(new Neighbor("b", 0.875, null, null));
    SkuDocument big = new SkuDocument("a", null, Map.of(), similar, reverse);
    long cut = store.writeVersion(info("v1", 1), VersionDocuments.of(List.of(big), List.of()));
    store.activate("v1", 2);
    SkuDocument got = store.skus("v1", List.of("a")).get("a");
    assertEquals(similar, got.similar());
    assertTrue(got.reverse().size() < reverse.size(), "reverse list was cut");
    assertEquals(reverse.subList(0, got.reverse().size()), got.reverse(), "the best entries kept");
    assertEquals(reverse.size() - got.reverse().size(), cut);
    assertTrue(DocumentBudget.fieldsSize(StoreCodec.write(got)) <= DocumentBudget.MAX_FIELD_BYTES);
  }

  @Test
  void stats_countWrites() {
    long before = store.stats().writes();
    publish("v1", docs("s", 5));
    assertTrue(store.stats().writes() - before >= 5, () -> "writes " + store.stats());
  }

  List<String> versionIds() {
    return store.versions().stream().map(ModelInfo::version).collect(Collectors.toList());
  }

  /** Every SKU document of {@code docs}, in index order. */
  static List<SkuDocument> documents(CatalogDocuments docs) {
    return IntStream.range(0, docs.size()).mapToObj(docs::document).toList();
  }

  static <T> List<T> drain(Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    assertFalse(it.hasNext());
    return out;
  }
}
