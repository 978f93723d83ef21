package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.job.Captured;
import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAndBenchTest {
  @TempDir Path dir;

  @Test
  void demoWithoutServing_buildsTheShippedOnlineRetailSample() throws Exception {
    Captured run = Captured.run(() -> Main.run("demo", "--no-serve", "--dir", dir.toString()));
    assertEquals(0, run.code(), run.both());
    List<String> events = Files.readAllLines(dir.resolve("events.jsonl"));
    List<String> catalog = Files.readAllLines(dir.resolve("catalog.jsonl"));
    assertTrue(run.err().contains(String.format("1/3 wrote %,d purchase events", events.size())));
    assertTrue(events.get(0).contains("\"order\":"), events.get(0));
    assertTrue(
        catalog.contains(
            "{\"sku\":\"22697\",\"title\":\"Green Regency Teacup And Saucer\","
                + "\"category\":\"tableware\"}"),
        catalog.toString());
    assertTrue(Files.readString(dir.resolve("NOTICE.md")).contains("CC BY 4.0"));
    try (LocalModelStore store = new LocalModelStore(dir.resolve("store"))) {
      ModelInfo current = store.current().orElseThrow();
      assertEquals(catalog.size(), current.skus());
      assertTrue(run.err().contains("2/3 built model " + current.version()), run.both());
      assertTrue(store.profiles().hasNext());
      // The pair the sample was chosen for: the regency teacups are each other's nearest.
      List<String> nearest =
          store.skus(current.version(), List.of("22697")).get("22697").similar().stream()
              .limit(2)
              .map(n -> n.sku())
              .toList();
      assertEquals(Set.of("22698", "22699"), Set.copyOf(nearest));
    }
  }

  /** A small bench run: 2,000 customers, 200 SKUs, 200 timed requests. */
  private static Captured smallBench(String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench",
                "--customers",
                "2000",
                "--skus",
                "200",
                "--requests",
                "200",
                "--threads",
                "2"));
    args.addAll(List.of(more));
    return Captured.run(() -> Main.run(args.toArray(String[]::new)));
  }

  @Test
  void bench_exitsZeroAndPrintsEveryStage() throws Exception {
    Captured run = smallBench();
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
  void benchRecordingAnswers_timesTheRecordedPath_andRecordsEveryTimedAnswer() throws Exception {
    Captured run = smallBench("--record-answers");
    assertEquals(0, run.code(), run.both());
    assertTrue(run.out().contains("serving path with the answer recorded ("), run.out());
    // 20,000 warm-up answers and 200 timed ones, none lost
    assertTrue(run.out().contains("(20200 answers recorded, 0 lost)"), run.out());
  }

  @Test
  void benchShapes_printsOneColumnPerShape_withRatioAndPerByteRows() throws Exception {
    Captured run =
        Captured.run(
            () ->
                Main.run(
                    "bench",
                    "--shapes",
                    "--rounds",
                    "1",
                    "--customers",
                    "300",
                    "--skus",
                    "60",
                    "--categories",
                    "6",
                    "--similarity",
                    "tfidf"));
    assertEquals(0, run.code(), run.both());
    // Rows are a 14-character name, then one right-aligned cell per shape.
    java.util.Map<String, java.util.List<String>> rows = new java.util.HashMap<>();
    for (String line : run.out().split("\n")) {
      if (line.length() > 14) {
        rows.put(
            line.substring(0, 14).trim(),
            java.util.List.of(line.substring(14).trim().split("\\s+")));
      }
    }
    assertEquals(
        java.util.List.of("short", "digits8", "codes", "uuid", "hash40", "unicode"),
        rows.get("stage"),
        run.out());
    for (String row : new String[] {"file MB", "parse", "parse / short", "parse ns/byte"}) {
      java.util.List<String> cells = rows.get(row);
      assertTrue(cells != null && cells.size() == 6, row + " missing:\n" + run.out());
      for (String cell : cells) {
        assertTrue(Double.parseDouble(cell) > 0, row + ": " + cells);
      }
    }
    assertEquals("1.00", rows.get("parse / short").get(0), run.out());
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
