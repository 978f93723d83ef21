package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.experiment.AnswerRecords;
import dev.alike.experiment.Exposure;
import dev.alike.job.Captured;
import dev.alike.job.EventFiles;
import dev.alike.store.LocalModelStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's experiment report ({@code ALIKE_ANSWERS}, {@code ALIKE_EXPERIMENT_REPORT}): written
 * after the build to a dated folder and {@code latest/}, equal to what {@code alike report} writes
 * for the same answers, events and catalog; a failure leaves the build standing.
 */
class BuildJobExperimentReportTest {
  private static final List<String> VARIANTS = List.of("holdout", "ease", "tfidf");

  @TempDir Path dir;

  /** Synthetic events, their catalog, and answers that served carted or bought SKUs. */
  private record Inputs(Path events, Path catalog, Path answers) {}

  private Inputs inputs() throws Exception {
    Files.createDirectories(dir.resolve("in/answers"));
    Path events = EventFiles.writeSmall(dir.resolve("in/events.jsonl"));
    Path catalog = dir.resolve("in/catalog.jsonl");
    EventFiles.small().writeCatalog(catalog);
    List<String> answers = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(events)) {
      JsonObject e = JsonParser.parseString(line).getAsJsonObject();
      String type = e.get("event").getAsString();
      // Every third view gets an answer too: impressions without outcomes, so CTR is below 1.
      if (!type.equals("view") || n % 3 == 0) {
        String customer = e.get("customer").getAsString();
        long at = e.get("ts").getAsLong() * 1000 - 60_000;
        String variant = VARIANTS.get(Math.floorMod(customer.hashCode(), VARIANTS.size()));
        answers.add(
            AnswerRecords.line(
                new Exposure(
                    at,
                    customer,
                    "home",
                    variant,
                    "r" + n,
                    List.of(e.get("sku").getAsString(), "s0"))));
      }
      n++;
    }
    Path answerFile = dir.resolve("in/answers/answers-2026-12-01.jsonl");
    Files.write(answerFile, answers);
    return new Inputs(events, catalog, answerFile);
  }

  /** What {@code alike report} writes for the same inputs, with its defaults. */
  private String alikeReport(Inputs in) throws Exception {
    Path out = dir.resolve("alike-report/report.json");
    Captured run =
        Captured.run(
            () ->
                Main.run(
                    "report",
                    "--answers",
                    in.answers().getParent().toString(),
                    "--events",
                    in.events().toString(),
                    "--catalog",
                    in.catalog().toString(),
                    "--out",
                    out.toString()));
    assertEquals(0, run.code(), run.both());
    return Files.readString(out);
  }

  private static void put(Storage storage, String bucket, String object, Path file)
      throws Exception {
    storage.create(BlobInfo.newBuilder(bucket, object).build(), Files.readAllBytes(file));
  }

  private static String text(Blob blob) {
    return new String(blob.getContent(), StandardCharsets.UTF_8);
  }

  @Test
  void gcsReport_isWrittenUnderTheDayAndLatest_equalToAlikeReport() throws Exception {
    Inputs in = inputs();
    Storage storage = LocalStorageHelper.getOptions().getService();
    put(storage, "events-bkt", "events/part-1.jsonl", in.events());
    put(storage, "events-bkt", "catalog.jsonl", in.catalog());
    put(storage, "events-bkt", "answers/2026/12/01/a.jsonl", in.answers());
    LocalDate before = LocalDate.now(ZoneOffset.UTC);
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of(
                        "ALIKE_EVENTS", "gs://events-bkt/events/",
                        "ALIKE_CATALOG", "gs://events-bkt/catalog.jsonl",
                        "ALIKE_STORE", "local:" + dir.resolve("store"),
                        "ALIKE_REPORT_URI", "gs://art-bkt/reports/",
                        "ALIKE_ANSWERS", "gs://events-bkt/answers/",
                        "ALIKE_EXPERIMENT_REPORT", "gs://art-bkt/experiments/"),
                    () -> storage));
    LocalDate after = LocalDate.now(ZoneOffset.UTC);
    assertEquals(0, run.code(), run.both());

    Set<String> written = new TreeSet<>();
    storage
        .list("art-bkt", Storage.BlobListOption.prefix("experiments/"))
        .iterateAll()
        .forEach(b -> written.add(b.getName()));
    String day = written.iterator().next().split("/")[1];
    assertTrue(
        day.equals(before.toString()) || day.equals(after.toString()), "dated folder " + day);
    assertEquals(
        Set.of(
            "experiments/" + day + "/report.json",
            "experiments/" + day + "/report.html",
            "experiments/latest/report.json",
            "experiments/latest/report.html"),
        written);

    String expected = alikeReport(in);
    assertEquals(expected, text(storage.get("art-bkt", "experiments/" + day + "/report.json")));
    assertEquals(expected, text(storage.get("art-bkt", "experiments/latest/report.json")));
    JsonObject variants =
        JsonParser.parseString(expected).getAsJsonObject().getAsJsonObject("variants");
    assertEquals(new TreeSet<>(VARIANTS), new TreeSet<>(variants.keySet()));
    assertTrue(variants.getAsJsonObject("ease").get("purchases").getAsInt() > 0, expected);
    Blob html = storage.get("art-bkt", "experiments/latest/report.html");
    assertEquals(text(storage.get("art-bkt", "experiments/" + day + "/report.html")), text(html));
    assertTrue(html.getContentType().startsWith("text/html"), html.getContentType());

    Blob buildReport =
        storage
            .list("art-bkt", Storage.BlobListOption.prefix("reports/"))
            .iterateAll()
            .iterator()
            .next();
    JsonObject report = JsonParser.parseString(text(buildReport)).getAsJsonObject();
    assertEquals(0, report.getAsJsonObject("counts").get("experiment_report_failures").getAsInt());
    assertEquals(
        "gs://art-bkt/experiments/" + day + "/",
        report.getAsJsonObject("experiment_report").get("folder").getAsString());
    assertTrue(report.getAsJsonObject("stages_ms").has("experiment_report"), report.toString());
  }

  @Test
  void localFolders_getTheSameReportAsAlikeReport() throws Exception {
    Inputs in = inputs();
    Path prefix = dir.resolve("experiments"); // no trailing slash: a folder all the same
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of(
                        "ALIKE_EVENTS", in.events().toString(),
                        "ALIKE_CATALOG", in.catalog().toString(),
                        "ALIKE_STORE", "local:" + dir.resolve("store"),
                        "ALIKE_ANSWERS", in.answers().getParent().toString(),
                        "ALIKE_EXPERIMENT_REPORT", prefix.toString())));
    assertEquals(0, run.code(), run.both());
    String expected = alikeReport(in);
    List<Path> days;
    try (Stream<Path> files = Files.list(prefix)) {
      days = files.filter(p -> !p.getFileName().toString().equals("latest")).toList();
    }
    assertEquals(1, days.size(), days.toString());
    assertTrue(
        days.get(0).getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}"), days.toString());
    assertEquals(expected, Files.readString(days.get(0).resolve("report.json")));
    assertEquals(expected, Files.readString(prefix.resolve("latest/report.json")));
    assertEquals(
        Files.readString(days.get(0).resolve("report.html")),
        Files.readString(prefix.resolve("latest/report.html")));
  }

  @Test
  void reportFailure_isLoggedAndCounted_andTheBuildStands() throws Exception {
    Inputs in = inputs();
    Path prefix = dir.resolve("experiments");
    Path missing = dir.resolve("no-answers-here");
    Path buildReport = dir.resolve("build-report.json");
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of(
                        "ALIKE_EVENTS", in.events().toString(),
                        "ALIKE_STORE", "local:" + dir.resolve("store"),
                        "ALIKE_REPORT_URI", buildReport.toString(),
                        "ALIKE_ANSWERS", missing.toString(),
                        "ALIKE_EXPERIMENT_REPORT", prefix.toString())));
    assertEquals(0, run.code(), "the model is already active: " + run.both());
    assertTrue(run.err().contains("experiment report not written"), run.both());
    assertTrue(run.err().contains(missing.toString()), "names the bad location: " + run.both());
    try (LocalModelStore store = new LocalModelStore(dir.resolve("store"))) {
      assertTrue(store.current().isPresent(), "the build's version is current");
    }
    JsonObject report = JsonParser.parseString(Files.readString(buildReport)).getAsJsonObject();
    assertEquals(1, report.getAsJsonObject("counts").get("experiment_report_failures").getAsInt());
    String error = report.getAsJsonObject("experiment_report").get("error").getAsString();
    assertTrue(error.contains(missing.toString()), error);
    assertFalse(Files.exists(prefix.resolve("latest")), "latest/ is left as it was");
  }

  @Test
  void reportWithoutAnswers_exitsOneNamingTheMissingVariable() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of(
                        "ALIKE_EVENTS", events.toString(),
                        "ALIKE_STORE", "local:" + dir.resolve("store"),
                        "ALIKE_EXPERIMENT_REPORT", dir.resolve("experiments").toString())));
    assertEquals(1, run.code(), run.both());
    assertTrue(run.err().contains("ALIKE_ANSWERS is not set"), run.both());
    assertFalse(Files.exists(dir.resolve("store")), "refused before building");
  }

  @Test
  void badSince_exitsOneNamingTheVariableAndValue() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of(
                        "ALIKE_EVENTS", events.toString(),
                        "ALIKE_STORE", "local:" + dir.resolve("store"),
                        "ALIKE_ANSWERS", dir.toString(),
                        "ALIKE_EXPERIMENT_REPORT", dir.resolve("experiments").toString(),
                        "ALIKE_EXPERIMENT_SINCE", "0")));
    assertEquals(1, run.code(), run.both());
    assertTrue(run.err().contains("ALIKE_EXPERIMENT_SINCE=\"0\""), run.both());
  }

  @Test
  void withoutTheVariables_noReportIsWritten() throws Exception {
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    Path buildReport = dir.resolve("build-report.json");
    Captured run =
        Captured.run(
            () ->
                BuildJob.run(
                    Map.of(
                        "ALIKE_EVENTS", events.toString(),
                        "ALIKE_STORE", "local:" + dir.resolve("store"),
                        "ALIKE_REPORT_URI", buildReport.toString())));
    assertEquals(0, run.code(), run.both());
    JsonObject report = JsonParser.parseString(Files.readString(buildReport)).getAsJsonObject();
    assertFalse(report.getAsJsonObject("counts").has("experiment_report_failures"));
    assertNotNull(report.getAsJsonObject("counts").get("model_version"));
  }
}
