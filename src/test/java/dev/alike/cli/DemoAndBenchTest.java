package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.job.Captured;
import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAndBenchTest {
  @TempDir Path dir;

  @Test
  void demoWithoutServing_generatesAndBuildsAModel() throws Exception {
    Captured run =
        Captured.run(
            () ->
                Main.run(
                    "demo",
                    "--no-serve",
                    "--dir",
                    dir.toString(),
                    "--customers",
                    "500",
                    "--skus",
                    "100"));
    assertEquals(0, run.code(), run.both());
    assertTrue(Files.size(dir.resolve("events.jsonl")) > 0);
    assertEquals(100, Files.readAllLines(dir.resolve("catalog.jsonl")).size());
    try (LocalModelStore store = new LocalModelStore(dir.resolve("store"))) {
      ModelInfo current = store.current().orElseThrow();
      assertTrue(current.skus() > 0 && current.skus() <= 100, current.toString());
      assertTrue(run.err().contains("2/3 built model " + current.version()), run.both());
      assertTrue(store.profiles().hasNext());
    }
  }

  @Test
  void bench_exitsZeroAndPrintsEveryStage() throws Exception {
    Captured run =
        Captured.run(
            () ->
                Main.run(
                    "bench",
                    "--customers",
                    "2000",
                    "--skus",
                    "200",
                    "--requests",
                    "200",
                    "--threads",
                    "2"));
    assertEquals(0, run.code(), run.both());
    for (String line :
        new String[] {
          "machine: ",
          "data: ",
          "stage parse",
          "stage interactions",
          "stage similarity",
          "stage reverse",
          "stage popular",
          "total ",
          "serving path ("
        }) {
      assertTrue(run.out().contains(line), line + " missing:\n" + run.out());
    }
  }

  @Test
  void benchWithoutRequests_exitsOneNamingTheOption() throws Exception {
    Captured run =
        Captured.run(
            () ->
                Main.run(
                    "bench",
                    "--customers",
                    "50",
                    "--skus",
                    "20",
                    "--categories",
                    "2",
                    "--requests",
                    "0"));
    assertEquals(1, run.code(), run.both());
    assertTrue(run.err().contains("--requests"), run.both());
  }
}
