package dev.alike.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.experiment.Outcome.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crediting with attribution tokens against a brute-force count: random answers and outcomes with
 * valid, forged (unknown request id, another customer's answer, another variant, placement or
 * version, a SKU the answer did not serve, outside the window) and malformed tokens, and without
 * any.
 */
class AttributionCreditTest {
  private static final long HOUR = 3_600_000L;
  private static final long T0 = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
  private static final String[] VARIANTS = {"holdout", "ease", "tfidf"};
  private static final String[] PLACEMENTS = {"home", "pdp"};
  private static final String[] VERSIONS = {"v1", "v2"};
  private static final String ID_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private static String requestId(Random rng) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      b.append(ID_CHARS.charAt(rng.nextInt(ID_CHARS.length())));
    }
    return b.toString();
  }

  private static <T> T pick(Random rng, T[] values) {
    return values[rng.nextInt(values.length)];
  }

  private static String token(Exposure e) {
    return new AttributionToken(e.request(), e.placement(), e.variant(), e.version()).toString();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void reportCounts_equalABruteForceCount(long seed) {
    Random rng = new Random(seed);
    AttributionRule rule =
        seed % 2 == 0
            ? AttributionRule.DEFAULT
            : new AttributionRule(Duration.ofHours(6), EnumSet.of(Kind.CLICK, Kind.PURCHASE));
    List<Exposure> answers = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      List<String> skus = new ArrayList<>();
      while (skus.size() < 4) {
        String sku = "s" + rng.nextInt(30);
        if (!skus.contains(sku)) {
          skus.add(sku);
        }
      }
      answers.add(
          new Exposure(
              T0 + i * 600_000L + rng.nextInt(500_000), // distinct times: one latest answer
              rng.nextInt(10) == 0 ? "-" : "c" + rng.nextInt(25), // some anonymous
              pick(rng, PLACEMENTS),
              pick(rng, VARIANTS),
              requestId(rng),
              pick(rng, VERSIONS),
              skus));
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Exposure a = answers.get(rng.nextInt(answers.size()));
      Kind kind = Kind.values()[rng.nextInt(3)];
      String customer = a.customer();
      String sku = a.skus().get(rng.nextInt(4));
      long at = a.servedMillis() + (long) (rng.nextDouble() * 30 * HOUR) - HOUR;
      String token = token(a);
      switch (rng.nextInt(10)) {
        case 0 -> token = null; // the rule decides
        case 1 -> {
          token = null;
          customer = "c" + rng.nextInt(25);
          sku = "s" + rng.nextInt(30);
        }
        case 2 ->
            token =
                new AttributionToken(requestId(rng), a.placement(), a.variant(), a.version())
                    .toString();
        case 3 -> customer = customer.equals("c0") ? "c1" : "c0";
        case 4 -> token = token.replace("." + a.variant() + ".", ".x" + a.variant() + ".");
        case 5 -> token = token.replace(a.request() + "." + a.placement(), a.request() + ".other");
        case 6 -> token = token.substring(0, token.length() - 2) + "v9";
        case 7 -> sku = "unserved";
        case 8 -> token = rng.nextBoolean() ? token.substring(0, 11) : token + ".";
        default -> {} // the answer's own token: by token when in time
      }
      double revenue = kind == Kind.PURCHASE ? 1 + rng.nextInt(50) : 0;
      outcomes.add(new Outcome(at, customer, sku, kind, revenue, token));
    }

    LiftReport.Report report = LiftReport.compute(answers, outcomes, rule, "holdout");

    long[] counts = new long[5]; // by token, by rule, forged, malformed, unattributed
    Map<String, double[]> byVariant = new HashMap<>(); // clicks, carts, purchases, revenue
    for (Outcome o : outcomes) {
      Exposure credited = null;
      int how;
      if (!rule.kinds().contains(o.kind())) {
        how = 4;
      } else if (o.attribution() != null) {
        AttributionToken t = AttributionToken.parse(o.attribution()).orElse(null);
        if (t == null) {
          how = 3;
        } else {
          boolean genuine = false;
          for (Exposure e : answers) {
            if (e.request().equals(t.request())
                && (e.customer().equals(o.customer()) || e.customer().equals("-"))
                && e.placement().equals(t.placement())
                && e.variant().equals(t.variant())
                && e.version().equals(t.version())) {
              genuine = true;
              if (e.skus().contains(o.sku())
                  && o.atMillis() >= e.servedMillis()
                  && o.atMillis() <= e.servedMillis() + rule.window().toMillis()) {
                credited = e;
              }
            }
          }
          how = credited != null ? 0 : genuine ? 4 : 2;
        }
      } else {
        for (Exposure e : answers) {
          if (e.customer().equals(o.customer())
              && e.skus().contains(o.sku())
              && o.atMillis() >= e.servedMillis()
              && o.atMillis() <= e.servedMillis() + rule.window().toMillis()
              && (credited == null || e.servedMillis() > credited.servedMillis())) {
            credited = e;
          }
        }
        how = credited != null ? 1 : 4;
      }
      counts[how]++;
      if (credited != null) {
        double[] v = byVariant.computeIfAbsent(credited.variant(), k -> new double[4]);
        v[o.kind().ordinal()]++;
        v[3] += o.revenue();
      }
    }

    LiftReport.Attribution a = report.attribution();
    assertEquals(
        List.of(counts[0], counts[1], counts[2], counts[3], counts[4]),
        List.of(a.byToken(), a.byRule(), a.forged(), a.malformed(), a.unattributed()));
    assertEquals(outcomes.size(), counts[0] + counts[1] + counts[2] + counts[3] + counts[4]);
    assertTrue(
        counts[0] > 20 && counts[1] > 10 && counts[2] > 300 && counts[3] > 100,
        "a mix of every case: " + java.util.Arrays.toString(counts));
    assertEquals(counts[0] + counts[1], report.attributed());
    for (String variant : VARIANTS) {
      double[] expected = byVariant.getOrDefault(variant, new double[4]);
      LiftReport.Metrics m = report.variants().get(variant).total();
      assertEquals((long) expected[0], m.clicks(), variant + " clicks");
      assertEquals((long) expected[1], m.carts(), variant + " carts");
      assertEquals((long) expected[2], m.purchases(), variant + " purchases");
      assertEquals(expected[3], m.revenue(), 1e-9, variant + " revenue");
    }
  }
}
