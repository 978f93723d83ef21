package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.alike.model.IdIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProfileColumnsTest {
  /** Customers with random UUID ids (first-seen order far from id order), every third one empty. */
  private static ProfileColumns columns(int customers, Random random) {
    List<String> ids = new ArrayList<>();
    for (int u = 0; u < customers; u++) {
      ids.add(u == 7 ? "zoë/ünïcode" : new UUID(random.nextLong(), random.nextLong()).toString());
    }
    IdIndex skus = IdIndex.of(List.of("s0", "s1", "s2", "s3"));
    int[] rowPtr = new int[customers + 1];
    List<Integer> rowSkus = new ArrayList<>();
    List<Float> rowValues = new ArrayList<>();
    for (int u = 0; u < customers; u++) {
      if (u % 3 != 1) {
        for (int j = random.nextInt(2); j < 4; j += 1 + random.nextInt(2)) {
          rowSkus.add(j);
          rowValues.add(0.5f * (1 + random.nextInt(12)));
        }
      }
      rowPtr[u + 1] = rowSkus.size();
    }
    float[] values = new float[rowValues.size()];
    for (int e = 0; e < values.length; e++) {
      values[e] = rowValues.get(e);
    }
    return new ProfileColumns(
        IdIndex.ofDistinct(ids),
        skus,
        rowPtr,
        rowSkus.stream().mapToInt(Integer::intValue).toArray(),
        values);
  }

  private static List<CustomerProfile> all(Iterator<CustomerProfile> it) {
    List<CustomerProfile> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void idOrder_yieldsTheSameProfilesAsRowOrder_sortedByCustomerId_withoutEmptyRows() {
    ProfileColumns columns = columns(5_000, new Random(3));
    List<CustomerProfile> rows = all(columns.iterator());
    List<CustomerProfile> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(CustomerProfile::customer));
    assertEquals(sorted, all(columns.iteratorInIdOrder()));
    assertFalse(rows.stream().anyMatch(p -> p.scores().isEmpty()));
  }

  @Test
  void emptyAndAllEmptyColumns_yieldNothing() {
    IdIndex none = IdIndex.of(List.of());
    assertFalse(
        new ProfileColumns(none, none, new int[1], new int[0], new float[0])
            .iteratorInIdOrder()
            .hasNext());
    IdIndex two = IdIndex.of(List.of("b", "a"));
    assertFalse(
        new ProfileColumns(two, none, new int[3], new int[0], new float[0])
            .iteratorInIdOrder()
            .hasNext());
  }

  @Test
  void localStore_writesTheColumnsProfiles_whateverTheOrder(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    ProfileColumns columns = columns(3_000, new Random(5));
    try (LocalModelStore store = new LocalModelStore(dir)) {
      ModelStore.ProfileWriteStats stats = store.replaceProfiles(columns);
      List<CustomerProfile> expected = all(columns.iterator());
      assertEquals(expected.size(), stats.written());
      for (CustomerProfile p : expected) {
        assertEquals(
            Map.copyOf(p.scores()), Map.copyOf(store.profile(p.customer()).orElseThrow().scores()));
      }
      assertEquals(0, store.replaceProfiles(columns).written(), "unchanged on the second run");
    }
  }
}
