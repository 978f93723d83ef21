package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.experiment.AnswerRecords;
import dev.alike.experiment.Exposure;
import dev.alike.job.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  private static final long T0 = Instant.parse("2026-12-01T08:00:00Z").toEpochMilli();

  @Test
  void report_creditsCartsAndPurchasesToTheAnswersThatServedThem_withCatalogPrices(
      @TempDir Path dir) throws Exception {
    Path answers = dir.resolve("answers.jsonl");
    Files.write(
        answers,
        List.of(
            AnswerRecords.line(new Exposure(T0, "c1", "home", "ease", "r1", List.of("a", "b"))),
            AnswerRecords.line(new Exposure(T0, "c2", "home", "holdout", "r2", List.of("a", "c"))),
            AnswerRecords.line(
                new Exposure(T0 - 20L * 86_400_000, "c3", "home", "ease", "r0", List.of("a"))),
            "{\"broken\": true}"));
    Path events = dir.resolve("events.jsonl");
    long s = T0 / 1000;
    Files.write(
        events,
        List.of(
            // In the same second as the answer: still credited (event times are whole seconds).
            "{\"customer\": \"c1\", \"sku\": \"a\", \"event\": \"cart\", \"ts\": " + s + "}",
            "{\"customer\": \"c1\", \"sku\": \"b\", \"event\": \"purchase\", \"ts\": "
                + (s + 60)
                + "}",
            "{\"customer\": \"c2\", \"sku\": \"b\", \"event\": \"purchase\", \"ts\": "
                + (s + 60)
                + "}",
            "{\"customer\": \"c2\", \"sku\": \"c\", \"event\": \"purchase\", \"ts\": "
                + (s + 90_000)
                + "}"));
    Path catalog = dir.resolve("catalog.jsonl");
    Files.write(
        catalog, List.of("{\"sku\": \"b\", \"price\": 19.5}", "{\"sku\": \"c\", \"price\": 4}"));
    Path out = dir.resolve("report.json");
    Path html = dir.resolve("report.html");

    Captured run =
        Captured.run(
            () ->
                Main.run(
                    "report",
                    "--answers",
                    answers.toString(),
                    "--events",
                    events.toString(),
                    "--catalog",
                    catalog.toString(),
                    "--out",
                    out.toString(),
                    "--html",
                    html.toString()));

    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.err().contains("1 lines rejected") || run.out().contains("1 lines rejected"),
        run.err());
    JsonObject variants =
        JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonObject("variants");
    JsonObject ease = variants.getAsJsonObject("ease");
    assertEquals(1, ease.get("customers").getAsInt(), "c3's answer is older than --since 14d");
    assertEquals(1, ease.get("carts").getAsInt());
    assertEquals(1, ease.get("purchases").getAsInt());
    assertEquals(19.5, ease.get("revenue").getAsDouble());
    JsonObject holdout = variants.getAsJsonObject("holdout");
    assertEquals(
        0, holdout.get("purchases").getAsInt(), "b was not served to c2; c came 25 h later");
    assertTrue(Files.readString(html).contains("Chart.js"));
    assertEquals(
        "14d before the newest answer",
        JsonParser.parseString(Files.readString(out)).getAsJsonObject().get("since").getAsString());
  }

  @Test
  void badWindow_isAnErrorNamingTheValue(@TempDir Path dir) throws Exception {
    Captured run =
        Captured.run(
            () ->
                Main.run(
                    "report",
                    "--answers",
                    dir.toString(),
                    "--events",
                    dir.toString(),
                    "--window",
                    "soon",
                    "--out",
                    dir.resolve("r.json").toString()));
    assertEquals(1, run.code());
    assertTrue(run.err().contains("--window") && run.err().contains("soon"), run.err());
  }
}
