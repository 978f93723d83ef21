package dev.alike.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.alike.store.InMemoryModelStore;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import dev.alike.store.VersionDocuments;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SkuCacheTest {
  private static final int SKUS = 5;
  private ModelStore store;
  private final SkuIds ids = new SkuIds();

  @BeforeEach
  void oneVersionOfFiveSkus() {
    InMemoryModelStore memory = new InMemoryModelStore();
    List<SkuDocument> docs = new java.util.ArrayList<>();
    for (int i = 0; i < SKUS; i++) {
      Neighbor next = new Neighbor("s" + ((i + 1) % SKUS), 0.5, "c", Map.of());
      docs.add(new SkuDocument("s" + i, "c", Map.of(), List.of(next), List.of(next)));
    }
    memory.writeVersion(
        new ModelInfo("v1", Instant.EPOCH, SKUS),
        VersionDocuments.of(docs, List.of(new Neighbor("s0", 1.0, "c", Map.of()))));
    memory.activate("v1", 1);
    store = spy(memory);
  }

  private static Set<String> set(String... skus) {
    return Set.of(skus);
  }

  @Test
  void misses_areReadInOneCall_whileHitsAndKnownAbsentSkusAreNotReadAgain() {
    SkuCache cache = new SkuCache(store, 100);
    assertEquals(set("s0", "s1"), cache.get("v1", ids, List.of("s0", "s1", "gone")).keySet());
    verify(store, times(1)).skus(eq("v1"), any());
    assertEquals(set("s0", "s1"), cache.get("v1", ids, List.of("gone", "s1", "s0")).keySet());
    verify(store, times(1)).skus(eq("v1"), any()); // "gone" is cached as absent
    Map<String, SkuLists> mixed = cache.get("v1", ids, List.of("s0", "s2", "s3"));
    assertEquals(set("s0", "s2", "s3"), mixed.keySet());
    verify(store).skus(eq("v1"), argThat(asked -> new HashSet<>(asked).equals(set("s2", "s3"))));
    assertEquals("s3", ids.sku(mixed.get("s2").similarIds()[0]));
  }

  @Test
  void preload_cachesAVersionThatFits_andLeavesALargerOneToBeReadOnDemand() {
    SkuCache small = new SkuCache(store, SKUS - 1);
    assertEquals(0, small.preload("v1", SKUS, ids));
    verify(store, never()).forEachSku(anyString(), any());

    SkuCache whole = new SkuCache(store, SKUS);
    assertEquals(SKUS, whole.preload("v1", SKUS, ids));
    assertEquals(
        set("s0", "s1", "s2", "s3", "s4"),
        whole.get("v1", ids, List.of("s0", "s1", "s2", "s3", "s4")).keySet());
    verify(store, never()).skus(anyString(), any());
  }
}
