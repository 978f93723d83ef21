package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.model.IdIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileReplacerTest {
  @TempDir Path dir;

  /** Customer c0 has 200 SKUs with long ids, c1 and c2 a few: only c0 exceeds a small budget. */
  private static ProfileColumns columns() {
    List<String> skuIds = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      skuIds.add("sku-with-a-rather-long-identifier-" + i);
    }
    int[] rowPtr = {0, 200, 203, 205};
    int[] rowSkus = new int[205];
    float[] rowValues = new float[205];
    for (int e = 0; e < 200; e++) {
      rowSkus[e] = e;
      rowValues[e] = 1 + (e % 7);
    }
    int[] small = {3, 150, 9, 4, 7};
    for (int e = 200; e < 205; e++) {
      rowSkus[e] = small[e - 200];
      rowValues[e] = e - 199.5f;
    }
    return new ProfileColumns(
        IdIndex.of(List.of("c0", "c1", "c2")), IdIndex.of(skuIds), rowPtr, rowSkus, rowValues);
  }

  private static List<CustomerProfile> readAll(Path file) throws IOException {
    List<CustomerProfile> out = new ArrayList<>();
    PackedProfiles.read(file).all().forEachRemaining(out::add);
    return out;
  }

  @Test
  void oversizedProfile_isCutToTheBudget_theSameWayFromColumnsAndFromProfiles() throws IOException {
    int budget = 2_000;
    Path fromColumns = dir.resolve("columns.bin");
    Path fromProfiles = dir.resolve("profiles.bin");
    ModelStore.ProfileWriteStats a =
        new ProfileReplacer(null, budget).replace(columns(), fromColumns);
    Iterator<CustomerProfile> profiles = columns().iterator();
    ModelStore.ProfileWriteStats b =
        new ProfileReplacer(null, budget).replace(profiles, fromProfiles);
    assertEquals(a, b);
    assertEquals(3, a.written());
    assertTrue(a.entriesCut() > 0, "c0's profile was cut: " + a);
    assertTrue(Files.size(fromColumns) > 0);
    List<CustomerProfile> got = readAll(fromColumns);
    assertEquals(got, readAll(fromProfiles));
    assertEquals(List.of("c0", "c1", "c2"), got.stream().map(CustomerProfile::customer).toList());
    assertEquals(200 - a.entriesCut(), got.get(0).scores().size());
    for (CustomerProfile p : got) {
      assertTrue(
          DocumentBudget.fieldsSize(StoreCodec.write(p)) <= budget,
          p.customer() + " fits the budget");
    }
    assertEquals(3, got.get(1).scores().size(), "small profiles are not cut");
  }
}
