package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.experiment.AnswerRecords;
import dev.alike.experiment.AttributionToken;
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
  void report_creditsByToken_countsForgedAndMalformed_andPrefersTheEventsPrice(@TempDir Path dir)
      throws Exception {
    AttributionToken t1 = AttributionToken.mint("home", "ease", "v1");
    AttributionToken t2 = AttributionToken.mint("home", "holdout", "v1");
    Path answers = dir.resolve("answers.jsonl");
    Files.write(
        answers,
        List.of(
            AnswerRecords.line(
                new Exposure(T0, "c1", "home", "ease", t1.request(), "v1", List.of("a", "b"))),
            AnswerRecords.line(
                new Exposure(
                    T0 + 1000, "c1", "home", "holdout", t2.request(), "v1", List.of("a", "c")))));
    long s = T0 / 1000 + 60;
    String forged = new AttributionToken(t1.request(), "home", "holdout", "v1").toString();
    Path events = dir.resolve("events.jsonl");
    Files.write(
        events,
        List.of(
            // By token to the earlier answer, though the rule would pick the later one.
            event("c1", "a", "click", s, "\"attribution\": \"" + t1 + "\""),
            event(
                "c1",
                "b",
                "buy",
                s,
                "\"attribution\": \"" + t1 + "\", \"price\": 2.5, \"quantity\": 4"),
            event("c1", "a", "click", s, "\"attribution\": \"" + forged + "\""),
            // A genuine token, but its answer did not serve c: unattributed, not forged.
            event("c1", "c", "click", s, "\"attribution\": \"" + t1 + "\""),
            event("c1", "a", "cart", s, "\"attribution\": \"nonsense\""),
            event("c1", "c", "buy", s, "\"price\": 3"), // by the rule: the later answer served c
            event("c9", "c", "click", s, "\"attribution\": \"\"")));
    Path catalog = dir.resolve("catalog.jsonl");
    Files.write(catalog, List.of("{\"sku\": \"b\", \"price\": 100}"));
    Path out = dir.resolve("report.json");
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
                    out.toString()));
    assertEquals(0, run.code(), run.err());
    JsonObject report = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    JsonObject attribution = report.getAsJsonObject("attribution");
    assertEquals(2, attribution.get("by_token").getAsInt());
    assertEquals(1, attribution.get("by_rule").getAsInt());
    assertEquals(1, attribution.get("forged").getAsInt());
    assertEquals(1, attribution.get("malformed").getAsInt());
    assertEquals(2, attribution.get("unattributed").getAsInt());
    JsonObject ease = report.getAsJsonObject("variants").getAsJsonObject("ease");
    assertEquals(1, ease.get("clicks").getAsInt());
    assertEquals(10.0, ease.get("revenue").getAsDouble(), "the event's 2.5 x 4, not the catalog's");
    JsonObject holdout = report.getAsJsonObject("variants").getAsJsonObject("holdout");
    assertEquals(0, holdout.get("clicks").getAsInt());
    assertEquals(3.0, holdout.get("revenue").getAsDouble());
    assertTrue(report.get("rule").getAsString().contains("forged"));
  }

  private static String event(String customer, String sku, String type, long ts, String more) {
    return String.format(
        "{\"customer\": \"%s\", \"sku\": \"%s\", \"event\": \"%s\", \"ts\": %d, %s}",
        customer, sku, type, ts, more);
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
