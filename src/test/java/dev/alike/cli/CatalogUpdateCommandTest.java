package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.alike.function.TestModels;
import dev.alike.job.Captured;
import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alike catalog-update} on a local store, seen by the next query process. */
class CatalogUpdateCommandTest {
  @TempDir Path dir;
  private String store;

  @BeforeEach
  void writeModel() {
    try (ModelStore s = new LocalModelStore(dir.resolve("store"))) {
      TestModels.write(s, "v1", TestModels.random(4, 200, 80, 3, 10, 10), 4);
    }
    store = "local:" + dir.resolve("store");
  }

  private static Captured run(String... args) throws Exception {
    return Captured.run(() -> Main.run(args));
  }

  private List<String> similar() throws Exception {
    Captured run = run("similar", "--store", store, "--sku", "s3", "--n", "6");
    assertEquals(0, run.code(), run.both());
    List<String> out = new ArrayList<>();
    JsonParser.parseString(run.out())
        .getAsJsonObject()
        .getAsJsonArray("items")
        .forEach(i -> out.add(i.getAsJsonObject().get("sku").getAsString()));
    return out;
  }

  @Test
  void update_hidesAnUnavailableSkuFromTheNextQuery_andPrintsTheCounts() throws Exception {
    String first = similar().get(0);
    Path file = dir.resolve("changes.jsonl");
    Files.writeString(
        file,
        "{\"sku\": \"" + first + "\", \"available\": false}\n{\"sku\": \"s9\", \"price\": 4.5}\n");
    Captured run = run("catalog-update", "--store", store, "--file", file.toString());
    assertEquals(0, run.code(), run.both());
    assertTrue(
        run.out().contains("2 SKUs changed (1 made unavailable, 0 available, 1 prices)"),
        run.both());
    List<String> after = similar();
    assertFalse(after.contains(first), after.toString());
    assertEquals(6, after.size());
  }

  @Test
  void fileWithABadLine_recordsNothing_andNamesTheLineAndValue() throws Exception {
    Path file = dir.resolve("changes.jsonl");
    Files.writeString(
        file,
        "{\"sku\": \"s1\", \"available\": false}\n{\"sku\": \"s2\", \"price\": -3}\n"
            + "{\"sku\": \"s3\", \"availble\": false}\n");
    Captured run = run("catalog-update", "--store", store, "--file", file.toString());
    assertEquals(1, run.code(), run.both());
    assertTrue(run.err().contains("2 of 3 lines"), run.both());
    assertTrue(run.err().contains(file + ":2: \"price\" is not a number >= 0: -3"), run.both());
    try (ModelStore s = new LocalModelStore(dir.resolve("store"))) {
      assertEquals(Map.of(), s.catalogChanges(Instant.EPOCH));
    }
  }
}
