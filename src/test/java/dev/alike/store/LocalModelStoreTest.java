package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelStoreTest extends ModelStoreContract {
  @TempDir Path dir;

  @Override
  protected ModelStore newStore() {
    return new LocalModelStore(dir);
  }

  /** Points the SKU's first similar entry outside the entity table, in a file with a valid CRC. */
  @Override
  protected void corruptSku(String version, String sku) throws IOException {
    Path file = versionFile(version);
    PackedVersion v = PackedVersion.read(file);
    for (int d = 0; d < v.documentCount(); d++) {
      if (v.strings.get(v.entSku[v.docEntity[d]]).equals(sku)) {
        v.similar.entities()[v.similar.ptr()[d]] = Integer.MAX_VALUE;
      }
    }
    v.write(file);
  }

  /** Points the customer's first SKU outside the SKU table, in a file with a valid CRC. */
  @Override
  protected void corruptProfile(String customer) throws IOException {
    Path file = dir.resolve(PackedProfiles.FILE);
    PackedProfiles p = PackedProfiles.read(file);
    for (int i = 0; i < p.size(); i++) {
      if (p.customers.get(i).equals(customer)) {
        p.entries[p.ptr[i]] = -1;
      }
    }
    p.write(file);
  }

  @Test
  void profileNamingOneSkuTwice_readsAsMissing() throws IOException {
    store.replaceProfiles(List.of(profile("c1", "a", 1.0), profile("c2", "b", 2.0)).iterator());
    Path file = dir.resolve(PackedProfiles.FILE);
    PackedProfiles p = PackedProfiles.read(file);
    // Give c1 a second entry with its first SKU: rebuild the CSR arrays with that one added.
    int c1 = p.customers.get(0).equals("c1") ? 0 : 1;
    int[] ptr = p.ptr.clone();
    int[] entries = new int[p.entries.length + 1];
    double[] scores = new double[entries.length];
    for (int i = 0, out = 0; i < p.size(); i++) {
      for (int at = p.ptr[i]; at < p.ptr[i + 1]; at++, out++) {
        entries[out] = p.entries[at];
        scores[out] = p.scores.get(at);
      }
      if (i == c1) {
        entries[out] = p.entries[p.ptr[i]];
        scores[out++] = 5.0;
      }
      ptr[i + 1] = out;
    }
    new PackedProfiles(
            p.skus, p.customers, p.fingerprints, ptr, entries, Scores.of(scores, entries.length))
        .write(file);
    try (LocalModelStore reader = new LocalModelStore(dir)) {
      assertEquals(Optional.empty(), reader.profile("c1"));
      assertEquals(Map.of("b", 2.0), reader.profile("c2").orElseThrow().scores());
    }
  }

  @Test
  void skuDocumentWithANonPositiveScore_readsAsMissing() throws IOException {
    publish("v1", docs("s", 3));
    Path file = versionFile("v1");
    PackedVersion v = PackedVersion.read(file);
    double[] scores = new double[v.similar.entities().length];
    for (int at = 0; at < scores.length; at++) {
      scores[at] = v.similar.scores().get(at);
    }
    for (int d = 0; d < v.documentCount(); d++) {
      if (v.strings.get(v.entSku[v.docEntity[d]]).equals("s1")) {
        scores[v.similar.ptr()[d]] = 0.0;
      }
    }
    new PackedVersion(
            v.strings,
            v.attrPtr,
            v.attrPairs,
            new int[][] {v.entSku, v.entCategory, v.entAttrs},
            v.docEntity,
            new PackedVersion.Lists(
                v.similar.ptr(), v.similar.entities(), Scores.of(scores, scores.length)),
            v.reverse,
            v.popEntity,
            v.popScores)
        .write(file);
    try (LocalModelStore reader = new LocalModelStore(dir)) {
      assertEquals(Set.of("s0", "s2"), reader.skus("v1", List.of("s0", "s1", "s2")).keySet());
    }
  }

  private Path versionFile(String version) {
    return dir.resolve("versions").resolve(DocIds.encode(version)).resolve(PackedVersion.FILE);
  }

  @Test
  void activationByAnotherProcess_isSeenAfterTheRecheckInterval() {
    publish("v1", docs("s", 2));
    try (LocalModelStore reader = new LocalModelStore(dir, Duration.ZERO)) {
      assertEquals("v1", reader.current().orElseThrow().version());
      publish("v2", docs("s", 2));
      assertEquals("v2", reader.current().orElseThrow().version());
    }
  }

  @Test
  void activation_leavesNoTempFilesBehind() throws IOException {
    publish("v1", docs("s", 2));
    store.replaceProfiles(List.of(profile("c", "s0", 1.0)).iterator());
    try (Stream<Path> files = Files.walk(dir)) {
      assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")));
    }
    assertTrue(Files.exists(dir.resolve("CURRENT")));
  }

  @Test
  void truncatedVersionFile_readsAsEmptyInsteadOfFailing() throws IOException {
    publish("v1", docs("s", 50));
    Path file = versionFile("v1");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    try (LocalModelStore reader = new LocalModelStore(dir)) {
      Map<String, SkuDocument> got = reader.skus("v1", List.of("s0", "s49"));
      assertTrue(got.size() <= 1, () -> "got " + got.keySet());
    }
  }
}
