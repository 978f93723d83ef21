package dev.alike.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.experiment.Outcome.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
  private static final long T0 = Instant.parse("2026-12-01T08:00:00Z").toEpochMilli();

  private static LiftReport.Report sample() {
    List<Exposure> exposures = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (int c = 0; c < 40; c++) {
      String variant = c % 2 == 0 ? "holdout" : "ease</script>";
      exposures.add(new Exposure(T0 + c, "c" + c, "home", variant, "r" + c, List.of("a", "b")));
      if (c % 3 == 0 || (c % 2 == 1 && c % 5 < 3)) {
        outcomes.add(new Outcome(T0 + 1000, "c" + c, "a", Kind.CLICK, 0));
      }
      if (c % 4 == 1) {
        outcomes.add(new Outcome(T0 + 2000, "c" + c, "b", Kind.PURCHASE, 12.5));
      }
    }
    return LiftReport.compute(exposures, outcomes, AttributionRule.DEFAULT, "holdout");
  }

  @Test
  void reportJson_hasVariantsAtTheTop_withCountsIntervalsAndLift() {
    LiftReport.Report report = sample();
    JsonObject json = JsonParser.parseString(ReportJson.write(report, "14d")).getAsJsonObject();
    JsonObject ease = json.getAsJsonObject("variants").getAsJsonObject("ease</script>");
    LiftReport.Variant expected = report.variants().get("ease</script>");
    assertEquals(expected.total().customers(), ease.get("customers").getAsInt());
    assertEquals(expected.total().impressions(), ease.get("impressions").getAsLong());
    assertEquals(expected.total().clicks(), ease.get("clicks").getAsLong());
    assertEquals(expected.total().ctr().ratio(), ease.get("ctr").getAsDouble());
    assertEquals(2, ease.getAsJsonArray("ctr_ci").size());
    assertEquals(expected.total().revenue(), ease.get("revenue").getAsDouble());
    assertEquals(expected.ctrLift().value(), ease.getAsJsonObject("lift").get("ctr").getAsDouble());
    assertTrue(
        json.getAsJsonObject("variants").getAsJsonObject("holdout").get("lift").isJsonNull());
    assertEquals(1, ease.getAsJsonObject("placements").size());
    assertEquals("14d", json.get("since").getAsString());
  }

  @Test
  void page_inlinesChartJsAndTheData_andNoNameCanCloseTheScript() {
    String json = ReportJson.write(sample(), "14d");
    String html = ReportPage.html(json);
    assertTrue(html.contains("Chart.js v4"), "Chart.js is inlined");
    assertFalse(html.contains("/*CHART_JS*/") || html.contains("/*REPORT_JSON*/"));
    assertFalse(html.contains("ease</script>"), "a variant name must not end the data block");
    assertTrue(html.contains("ease\\u003c/script>"));
    assertFalse(html.contains("src=\"http"), "nothing is fetched from elsewhere");
  }
}
