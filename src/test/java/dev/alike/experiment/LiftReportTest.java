package dev.alike.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.experiment.Outcome.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

class LiftReportTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY0 = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

  private static Exposure shown(long at, String customer, String variant, String... skus) {
    return new Exposure(at, customer, "home", variant, "r" + at, List.of(skus));
  }

  @Test
  void creditsTheLatestAnswerThatServedTheSku_withinTheWindow_onceEach() {
    List<Exposure> exposures =
        List.of(
            shown(DAY0, "c1", "ease", "a", "b"),
            shown(DAY0 + HOUR, "c1", "ease", "a", "c"),
            shown(DAY0, "c2", "holdout", "a", "b", "c"));
    List<Outcome> outcomes =
        List.of(
            new Outcome(DAY0 + 2 * HOUR, "c1", "a", Kind.CLICK, 0), // the 2nd answer gets it
            new Outcome(DAY0 + 2 * HOUR, "c1", "b", Kind.PURCHASE, 9.5), // only the 1st served b
            new Outcome(DAY0 + 30 * HOUR, "c1", "c", Kind.CLICK, 0), // 29 h after: too late
            new Outcome(DAY0 - HOUR, "c2", "a", Kind.CLICK, 0), // before the answer
            new Outcome(DAY0 + HOUR, "c2", "z", Kind.CLICK, 0), // never served
            new Outcome(DAY0 + HOUR, "c3", "a", Kind.CLICK, 0), // never shown anything
            new Outcome(DAY0 + HOUR, "c2", "c", Kind.CART, 0));
    LiftReport.Report report =
        LiftReport.compute(exposures, outcomes, AttributionRule.DEFAULT, "holdout");

    assertEquals(3, report.answers());
    assertEquals(7, report.outcomes());
    assertEquals(3, report.attributed());
    LiftReport.Metrics ease = report.variants().get("ease").total();
    assertEquals(1, ease.customers());
    assertEquals(2, ease.answers());
    assertEquals(4, ease.impressions());
    assertEquals(1, ease.clicks());
    assertEquals(1, ease.purchases());
    assertEquals(9.5, ease.revenue());
    assertEquals(0.25, ease.ctr().ratio());
    LiftReport.Metrics holdout = report.variants().get("holdout").total();
    assertEquals(1, holdout.carts());
    assertEquals(0, holdout.clicks());
    assertNull(report.variants().get("holdout").ctrLift(), "the holdout has no lift of its own");
    assertNull(report.variants().get("ease").ctrLift(), "no lift against a holdout without clicks");
    assertEquals(Map.of("2026-12-01", ease), report.variants().get("ease").days());
  }

  @Test
  void ruleOfClicksOnly_withAShortWindow_creditsNothingElse() {
    AttributionRule rule = new AttributionRule(Duration.ofMinutes(30), EnumSet.of(Kind.CLICK));
    List<Exposure> exposures = List.of(shown(DAY0, "c1", "ease", "a"));
    List<Outcome> outcomes =
        List.of(
            new Outcome(DAY0 + 60_000, "c1", "a", Kind.PURCHASE, 5),
            new Outcome(DAY0 + HOUR, "c1", "a", Kind.CLICK, 0),
            new Outcome(DAY0 + 60_000, "c1", "a", Kind.CLICK, 0));
    LiftReport.Report report = LiftReport.compute(exposures, outcomes, rule, "holdout");
    assertEquals(1, report.attributed());
    assertEquals(1, report.variants().get("ease").total().clicks());
    assertTrue(report.rule().contains("30m"), report.rule());
  }

  @Test
  void countsEqualABruteForceCount_onRandomAnswersAndEvents() {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      List<Exposure> exposures = new ArrayList<>();
      List<Outcome> outcomes = new ArrayList<>();
      String[] variants = {"holdout", "ease", "tfidf"};
      String[] placements = {"home", "pdp"};
      for (int i = 0; i < 200; i++) {
        List<String> skus = new ArrayList<>();
        for (int s = random.nextInt(4); s >= 0; s--) {
          skus.add("s" + random.nextInt(8));
        }
        exposures.add(
            new Exposure(
                DAY0 + random.nextInt(72) * HOUR + random.nextInt(1000),
                "c" + random.nextInt(15),
                placements[random.nextInt(2)],
                variants[random.nextInt(3)],
                "r" + i,
                skus));
      }
      for (int i = 0; i < 300; i++) {
        outcomes.add(
            new Outcome(
                DAY0 + random.nextInt(100) * HOUR,
                "c" + random.nextInt(16),
                "s" + random.nextInt(9),
                Kind.values()[random.nextInt(3)],
                random.nextInt(50)));
      }
      LiftReport.Report report =
          LiftReport.compute(exposures, outcomes, AttributionRule.DEFAULT, "holdout");
      // Brute force: every outcome against every answer.
      Map<String, double[]> expected = new HashMap<>();
      long attributed = 0;
      for (Outcome o : outcomes) {
        Exposure best = null;
        for (Exposure e : exposures) {
          boolean qualifies =
              e.customer().equals(o.customer())
                  && e.skus().contains(o.sku())
                  && e.servedMillis() <= o.atMillis()
                  && o.atMillis() - e.servedMillis() <= 24 * HOUR;
          if (qualifies && (best == null || e.servedMillis() >= best.servedMillis())) {
            best = e;
          }
        }
        if (best == null) {
          continue;
        }
        attributed++;
        String day =
            Instant.ofEpochMilli(best.servedMillis())
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
        for (String key :
            List.of(
                best.variant(),
                best.variant() + "/p/" + best.placement(),
                best.variant() + "/d/" + day)) {
          double[] c = expected.computeIfAbsent(key, k -> new double[4]);
          c[o.kind().ordinal()]++;
          c[3] += o.kind() == Kind.PURCHASE ? o.revenue() : 0;
        }
      }
      assertEquals(attributed, report.attributed());
      for (Map.Entry<String, LiftReport.Variant> v : report.variants().entrySet()) {
        check(expected.get(v.getKey()), v.getValue().total());
        v.getValue().placements().forEach((p, m) -> check(expected.get(v.getKey() + "/p/" + p), m));
        v.getValue().days().forEach((d, m) -> check(expected.get(v.getKey() + "/d/" + d), m));
        long impressions =
            exposures.stream()
                .filter(e -> e.variant().equals(v.getKey()))
                .mapToLong(e -> e.skus().size())
                .sum();
        assertEquals(impressions, v.getValue().total().impressions());
      }
    }
  }

  private static void check(double[] expected, LiftReport.Metrics actual) {
    double[] e = expected == null ? new double[4] : expected;
    assertEquals((long) e[0], actual.clicks());
    assertEquals((long) e[1], actual.carts());
    assertEquals((long) e[2], actual.purchases());
    assertEquals(e[3], actual.revenue(), 1e-9);
  }

  @Test
  void revenuePerCustomer_isTheMeanWithItsStandardError() {
    double[] revenue = {0, 0, 12.5, 3, 0, 40, 7.25};
    double[] ones = {1, 1, 1, 1, 1, 1, 1};
    SummaryStatistics stats = new SummaryStatistics();
    for (double r : revenue) {
      stats.addValue(r);
    }
    RatioEstimate estimate = RatioEstimate.of(revenue, ones, revenue.length);
    assertEquals(stats.getMean(), estimate.ratio(), 1e-12);
    assertEquals(stats.getVariance() / revenue.length, estimate.variance(), 1e-12);
  }

  /**
   * A/A: two variants drawn from the same population of customers (each with their own click
   * propensity), many times over; about 95% of the lift intervals must contain zero. With
   * impressions as the unit instead of customers the intervals would be too narrow here.
   */
  @Test
  void liftIntervalsOfAnAaTest_containZeroAbout95PercentOfTheTime() {
    Well19937c rng = new Well19937c(42);
    BetaDistribution propensity = new BetaDistribution(rng, 1.5, 28.5);
    PoissonDistribution answers = new PoissonDistribution(rng, 3, 1e-12, 10_000_000);
    int rounds = 400;
    int ctrCovered = 0;
    int revenueCovered = 0;
    for (int round = 0; round < rounds; round++) {
      List<Exposure> exposures = new ArrayList<>();
      List<Outcome> outcomes = new ArrayList<>();
      for (int c = 0; c < 300; c++) {
        String customer = "c" + c;
        String variant = c % 2 == 0 ? "holdout" : "ease";
        double p = propensity.sample();
        int shown = 1 + answers.sample();
        for (int a = 0; a < shown; a++) {
          long at = DAY0 + a * HOUR;
          List<String> skus =
              List.of("s" + a + "-0", "s" + a + "-1", "s" + a + "-2", "s" + a + "-3");
          exposures.add(new Exposure(at, customer, "home", variant, "r", skus));
          for (String sku : skus) {
            if (rng.nextDouble() < p) {
              outcomes.add(new Outcome(at + 1, customer, sku, Kind.CLICK, 0));
              if (rng.nextDouble() < 0.3) {
                outcomes.add(
                    new Outcome(at + 2, customer, sku, Kind.PURCHASE, 5 + 20 * rng.nextDouble()));
              }
            }
          }
        }
      }
      LiftReport.Variant ease =
          LiftReport.compute(exposures, outcomes, AttributionRule.DEFAULT, "holdout")
              .variants()
              .get("ease");
      ctrCovered += ease.ctrLift().interval().contains(0) ? 1 : 0;
      revenueCovered += ease.revenueLift().interval().contains(0) ? 1 : 0;
    }
    double ctr = ctrCovered / (double) rounds;
    double revenue = revenueCovered / (double) rounds;
    assertTrue(ctr >= 0.92 && ctr <= 0.98, "CTR lift coverage " + ctr);
    assertTrue(revenue >= 0.92 && revenue <= 0.98, "revenue lift coverage " + revenue);
  }
}
