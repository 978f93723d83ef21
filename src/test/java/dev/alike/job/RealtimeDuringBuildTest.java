package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.alike.events.EventBatch;
import dev.alike.events.EventType;
import dev.alike.events.IngestOptions;
import dev.alike.model.FitOptions;
import dev.alike.realtime.LocalEventLog;
import dev.alike.realtime.ProfileDeltas;
import dev.alike.realtime.StoreEventSink;
import dev.alike.store.CustomerProfile;
import dev.alike.store.ModelStore;
import dev.alike.store.ProfileColumns;
import dev.alike.store.SkuEvents;
import dev.alike.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events accepted while a build runs are in the profiles after it: those applied before the build
 * replaced a profile (which the replacement drops) are replayed once, those applied after it are
 * not replayed again, and the next build counts them all from the closed log files, once.
 */
class RealtimeDuringBuildTest {
  @TempDir Path dir;

  private BuildSettings settings(Path events) {
    return new BuildSettings(
        List.of(events.toString()),
        null,
        "local:" + dir.resolve("store"),
        FitOptions.defaults().withK(10).withThreads(1),
        IngestOptions.defaults().withThreads(1),
        null,
        BuildSettings.DEFAULT_KEEP_VERSIONS,
        true);
  }

  private static EventBatch.Event event(String customer, String sku, EventType type, double w) {
    return new EventBatch.Event(customer, sku, type, w, 1_800_000_000L);
  }

  private static long count(BuildReport report, String name) {
    return ((Number) report.count(name)).longValue();
  }

  @Test
  void eventsAcceptedDuringABuild_areInItsProfilesOnce_andTheNextBuildCountsThemOnce()
      throws Exception {
    Path events = dir.resolve("events.jsonl");
    Files.writeString(
        events,
        "{\"customer\":\"c/1 ü\",\"sku\":\"s1\",\"event\":\"purchased\"}\n"
            + "{\"customer\":\"c2\",\"sku\":\"s1\",\"event\":\"purchased\"}\n"
            + "{\"customer\":\"c2\",\"sku\":\"s2\",\"event\":\"purchased\"}\n",
        StandardCharsets.UTF_8);
    BuildRunner runner = new BuildRunner();
    Path storeDir = dir.resolve("store");
    try (ModelStore local = Stores.open("local:" + storeDir)) {
      runner.run(settings(events), local);
      StoreEventSink sink =
          new StoreEventSink(
              () -> local, new LocalEventLog(storeDir), dev.alike.store.Backend.inline());
      // accepted before the second build starts: in a closed file, counted by that build
      sink.accept(List.of(event("c/1 ü", "s2", EventType.BROWSE, 0.5)));

      ModelStore during = spy(local);
      doAnswer(
              call -> {
                // accepted while the build computes: applied to the old profile, which the
                // replacement then drops
                sink.accept(List.of(event("c/1 ü", "s3", EventType.CART, 2)));
                Object stats = call.callRealMethod();
                // accepted after the replacement: already in the new profile
                sink.accept(List.of(event("c/1 ü", "s4", null, 7.5)));
                return stats;
              })
          .when(during)
          .replaceProfiles(any(ProfileColumns.class));
      BuildReport second = runner.run(settings(events), during);

      Map<String, Double> expected = Map.of("s1", 6.0, "s2", 0.5, "s3", 2.0, "s4", 7.5);
      CustomerProfile after = local.profile("c/1 ü").orElseThrow();
      assertEquals(expected, after.scores());
      assertEquals(2, count(second, "realtime_replayed_events"));
      assertEquals(1, count(second, "realtime_replayed_updates"));
      assertEquals(1, count(second, "realtime_replay_already_applied"));
      assertEquals(2, after.updates().size());

      BuildReport third = runner.run(settings(events), local);
      CustomerProfile rebuilt = local.profile("c/1 ü").orElseThrow();
      assertEquals(expected, rebuilt.scores());
      assertTrue(rebuilt.updates().isEmpty(), "a build's profile holds no update keys");
      assertEquals(0, count(third, "realtime_replayed_events"));
      assertEquals(Map.of("s1", 6.0, "s2", 6.0), local.profile("c2").orElseThrow().scores());
    }
  }

  private static void put(Storage storage, String name, String text) {
    storage.create(
        BlobInfo.newBuilder("shop", name).build(), text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void overABucket_theFilesWrittenAfterTheListingAreReplayed_andTheListedOnesNot()
      throws Exception {
    Storage storage = LocalStorageHelper.getOptions().getService();
    put(storage, "events/shop.jsonl", "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"buy\"}\n");
    EventBatch.Event counted = event("c1", "s2", EventType.BROWSE, 0.5);
    ModelStore local = Stores.open("local:" + dir.resolve("store"));
    // pushed and written to a file before the build lists the bucket: counted, not replayed
    ProfileDeltas.apply(local, "pubsub:early", List.of(counted), ModelStore.Delivery.LIVE);
    put(
        storage,
        "events/realtime/early.jsonl",
        EventBatch.toJsonLines("pubsub:early", List.of(counted)));
    EventBatch.Event late = event("c1", "s3", EventType.CART, 2);
    ModelStore during = spy(local);
    doAnswer(
            call -> {
              // pushed while the build ran; the subscription writes its file after the listing
              ProfileDeltas.apply(local, "pubsub:late", List.of(late), ModelStore.Delivery.LIVE);
              put(
                  storage,
                  "events/realtime/late.jsonl",
                  EventBatch.toJsonLines("pubsub:late", List.of(late)));
              return call.callRealMethod();
            })
        .when(during)
        .replaceProfiles(any(ProfileColumns.class));
    BuildSettings settings =
        new BuildSettings(
            List.of("gs://shop/events/"),
            null,
            "firestore",
            FitOptions.defaults().withK(10).withThreads(1),
            IngestOptions.defaults().withThreads(1),
            null,
            BuildSettings.DEFAULT_KEEP_VERSIONS,
            true,
            "gs://shop/events/realtime/",
            0);
    BuildReport report = new BuildRunner(() -> storage).run(settings, during);
    assertEquals(
        Map.of("s1", 6.0, "s2", 0.5, "s3", 2.0), local.profile("c1").orElseThrow().scores());
    assertEquals(1, count(report, "realtime_replayed_events"));
    assertEquals(1, count(report, "realtime_replayed_updates"));
    // a redelivery of the late message after the replay changes nothing
    assertFalse(
        local.addToProfile(
            "pubsub:late\nc1",
            "c1",
            SkuEvents.weights(Map.of("s3", 2.0)),
            ModelStore.Delivery.LIVE));
    local.close();
  }
}
