package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelStoreTest extends ModelStoreContract {
  @TempDir Path dir;

  @Override
  protected ModelStore newStore() {
    return new LocalModelStore(dir);
  }

  @Override
  protected void corruptSku(String version, String sku) throws IOException {
    Path file = dir.resolve("versions").resolve(DocIds.encode(version)).resolve("skus.jsonl.gz");
    List<Map<String, Object>> lines = new ArrayList<>();
    JsonFiles.readLines(file, (n, map) -> lines.add(map));
    try (JsonFiles.LinesWriter out = new JsonFiles.LinesWriter(file)) {
      for (Map<String, Object> map : lines) {
        if (sku.equals(map.get("sku"))) {
          map.put("similar", "not a list");
        }
        out.write(map);
      }
      out.commit();
    }
  }

  @Override
  protected void corruptProfile(String customer) throws IOException {
    Path file = dir.resolve("profiles.jsonl.gz");
    List<Map<String, Object>> lines = new ArrayList<>();
    JsonFiles.readLines(file, (n, map) -> lines.add(map));
    try (JsonFiles.LinesWriter out = new JsonFiles.LinesWriter(file)) {
      for (Map<String, Object> map : lines) {
        if (customer.equals(map.get("customer"))) {
          map.put("scores", List.of());
        }
        out.write(map);
      }
      out.commit();
    }
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
    Path file = dir.resolve("versions/v1/skus.jsonl.gz");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    try (LocalModelStore reader = new LocalModelStore(dir)) {
      Map<String, SkuDocument> got = reader.skus("v1", List.of("s0", "s49"));
      assertTrue(got.size() <= 1, () -> "got " + got.keySet());
    }
  }
}
