package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.events.EventType;
import dev.alike.experiment.AnswerRecords;
import dev.alike.job.Captured;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alike simulate} end to end on the shipped demo sample: what CI runs. */
class SimulateCommandTest {
  @Test
  void simulate_onTheDemoSample_reportsEveryAnswerAndOutcomeTheServerWasSent(@TempDir Path dir)
      throws Exception {
    Path work = dir.resolve("work");
    Captured run =
        Captured.run(
            () ->
                Main.run(
                    "simulate",
                    "--dir",
                    work.toString(),
                    "--days",
                    "3",
                    "--customers-per-day",
                    "40",
                    "--seed",
                    "7",
                    "--html",
                    dir.resolve("report.html").toString()));

    assertEquals(0, run.code(), run.both());
    JsonObject report =
        JsonParser.parseString(Files.readString(work.resolve("report.json"))).getAsJsonObject();
    // Every request was answered and recorded: 3 days of 40 customers.
    assertEquals(120, report.get("answers").getAsLong(), run.both());
    JsonObject variants = report.getAsJsonObject("variants");
    assertEquals(List.of("ease", "holdout", "tfidf"), List.copyOf(variants.keySet()), run.both());
    // Brute force over what the server recorded and accepted: answers per variant, events by type.
    Map<String, Long> answers = new TreeMap<>();
    try (InputStream in = concatenated(work.resolve("store/answers"))) {
      AnswerRecords.read(in, "answers", a -> answers.merge(a.variant(), 1L, Long::sum));
    }
    Map<EventType, Long> events = new TreeMap<>();
    for (String line : lines(work.resolve("store/realtime"))) {
      String name = JsonParser.parseString(line).getAsJsonObject().get("event").getAsString();
      events.merge(EventType.parse(name), 1L, Long::sum);
    }
    // The report's days are the 3 simulated days, the last one today (UTC).
    java.util.Set<String> days = new java.util.TreeSet<>();
    for (String v : variants.keySet()) {
      days.addAll(variants.getAsJsonObject(v).getAsJsonObject("days").keySet());
    }
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    assertEquals(
        List.of(today.minusDays(2).toString(), today.minusDays(1).toString(), today.toString()),
        List.copyOf(days),
        run.both());
    long clicks = 0;
    long purchases = 0;
    for (String v : variants.keySet()) {
      JsonObject m = variants.getAsJsonObject(v);
      assertEquals(answers.get(v), m.get("answers").getAsLong(), v);
      clicks += m.get("clicks").getAsLong();
      purchases += m.get("purchases").getAsLong();
    }
    assertTrue(clicks > 0, run.both());
    assertEquals(events.get(EventType.CLICK), clicks, events.toString());
    assertEquals(events.getOrDefault(EventType.PURCHASE, 0L), purchases, events.toString());
    assertEquals(
        events.values().stream().mapToLong(Long::longValue).sum(),
        report.get("attributed").getAsLong());
    assertTrue(
        run.out().contains("the report counts every answer and click the simulation sent"),
        run.both());
    assertTrue(Files.size(dir.resolve("report.html")) > 0);
  }

  @Test
  void simulate_refusesADirectoryThatAlreadyHoldsAStore(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("store"));

    Captured run = Captured.run(() -> Main.run("simulate", "--dir", dir.toString()));

    assertEquals(1, run.code(), run.both());
    assertTrue(run.err().contains("a simulation needs a fresh store"), run.both());
  }

  private static List<String> lines(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> sorted =
          files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
      List<String> out = new java.util.ArrayList<>();
      for (Path f : sorted) {
        Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(out::add);
      }
      return out;
    }
  }

  private static InputStream concatenated(Path folder) throws Exception {
    return new java.io.ByteArrayInputStream(
        (String.join("\n", lines(folder)) + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
