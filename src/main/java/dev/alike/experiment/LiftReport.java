package dev.alike.experiment;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What each experiment variant earned: per variant, and per placement and per UTC day within it,
 * customers exposed, answers, impressions, attributed clicks, carts, purchases and revenue, CTR and
 * revenue per exposed customer with 95% intervals (the customer is the unit), and the lift of each
 * variant against the holdout. Outcomes are credited to answers by an {@link AttributionRule}.
 */
public final class LiftReport {
  private LiftReport() {}

  /** What one group of answers (a variant, or a placement or day within it) earned. */
  public record Metrics(
      int customers,
      long answers,
      long impressions,
      long clicks,
      long carts,
      long purchases,
      double revenue,
      RatioEstimate ctr,
      RatioEstimate revenuePerCustomer) {}

  /**
   * One variant: its totals, its lift against the holdout (null for the holdout itself and when
   * there is none), and its placements and days.
   */
  public record Variant(
      Metrics total,
      RatioEstimate.Lift ctrLift,
      RatioEstimate.Lift revenueLift,
      Map<String, Metrics> placements,
      Map<String, Metrics> days) {}

  /**
   * How the outcomes were credited ({@link AttributionRule}); the five counts add up to all
   * outcomes.
   *
   * @param byToken credited to the answer their attribution token names
   * @param byRule without a token, credited to the latest qualifying answer
   * @param forged with a well-formed token that names no answer of the report, or one whose
   *     customer, placement, variant or model version differ: credited to nothing
   * @param malformed with an attribution that is no token: credited to nothing
   * @param unattributed without a token and without a qualifying answer, with a genuine token whose
   *     answer did not serve the SKU or is outside the window, or of a kind the rule does not
   *     credit
   */
  public record Attribution(
      long byToken, long byRule, long forged, long malformed, long unattributed) {}

  /**
   * The whole report.
   *
   * @param attributed outcomes credited to some answer (by token or by rule)
   */
  public record Report(
      String rule,
      String holdout,
      long answers,
      long outcomes,
      long attributed,
      Attribution attribution,
      Map<String, Variant> variants) {}

  /** Per customer of one group: answers, impressions, clicks, carts, purchases, revenue. */
  private static final int ANSWERS = 0;

  private static final int IMPRESSIONS = 1;
  private static final int CLICKS = 2;
  private static final int CARTS = 3;
  private static final int PURCHASES = 4;
  private static final int REVENUE = 5;
  private static final int FIELDS = 6;

  /**
   * The report of {@code exposures} and the {@code outcomes} that followed them.
   *
   * @param holdout the variant the others are compared with (no lift when absent)
   */
  public static Report compute(
      List<Exposure> exposures, List<Outcome> outcomes, AttributionRule rule, String holdout) {
    Map<String, Map<String, double[]>> groups = new HashMap<>();
    for (Exposure e : exposures) {
      for (String group : groupsOf(e)) {
        double[] c =
            groups
                .computeIfAbsent(group, g -> new HashMap<>())
                .computeIfAbsent(e.customer(), k -> new double[FIELDS]);
        c[ANSWERS]++;
        c[IMPRESSIONS] += e.skus().size();
      }
    }
    Credit credit = new Credit(exposures, rule);
    for (Outcome o : outcomes) {
      Exposure e = credit.answerFor(o);
      if (e == null) {
        continue;
      }
      for (String group : groupsOf(e)) {
        double[] c = groups.get(group).get(e.customer());
        switch (o.kind()) {
          case CLICK -> c[CLICKS]++;
          case CART -> c[CARTS]++;
          case PURCHASE -> {
            c[PURCHASES]++;
            c[REVENUE] += o.revenue();
          }
        }
      }
    }
    Map<String, Map<String, Metrics>> byVariant = new TreeMap<>();
    groups.forEach(
        (group, customers) -> {
          String[] parts = group.split("\u0000", 2);
          byVariant
              .computeIfAbsent(parts[0], v -> new TreeMap<>())
              .put(parts.length == 1 ? "" : parts[1], metrics(customers));
        });
    Metrics control = byVariant.containsKey(holdout) ? byVariant.get(holdout).get("") : null;
    Map<String, Variant> variants = new TreeMap<>();
    byVariant.forEach(
        (name, all) -> {
          Map<String, Metrics> placements = new TreeMap<>();
          Map<String, Metrics> days = new TreeMap<>();
          all.forEach(
              (key, m) -> {
                if (key.startsWith("p:")) {
                  placements.put(key.substring(2), m);
                } else if (key.startsWith("d:")) {
                  days.put(key.substring(2), m);
                }
              });
          Metrics total = all.get("");
          boolean compared = control != null && !name.equals(holdout);
          variants.put(
              name,
              new Variant(
                  total,
                  compared ? RatioEstimate.lift(total.ctr(), control.ctr()) : null,
                  compared
                      ? RatioEstimate.lift(total.revenuePerCustomer(), control.revenuePerCustomer())
                      : null,
                  placements,
                  days));
        });
    Attribution attribution = credit.counts();
    return new Report(
        rule.describe(),
        holdout,
        exposures.size(),
        outcomes.size(),
        attribution.byToken() + attribution.byRule(),
        attribution,
        variants);
  }

  /** The variant, its placement and its UTC day: the groups an answer counts in. */
  private static String[] groupsOf(Exposure e) {
    String day =
        Instant.ofEpochMilli(e.servedMillis()).atZone(ZoneOffset.UTC).toLocalDate().toString();
    return new String[] {
      e.variant(), e.variant() + "\u0000p:" + e.placement(), e.variant() + "\u0000d:" + day
    };
  }

  private static Metrics metrics(Map<String, double[]> customers) {
    int n = customers.size();
    double[][] columns = new double[FIELDS][n];
    int u = 0;
    for (double[] c : customers.values()) {
      for (int f = 0; f < FIELDS; f++) {
        columns[f][u] = c[f];
      }
      u++;
    }
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    return new Metrics(
        n,
        (long) sum(columns[ANSWERS]),
        (long) sum(columns[IMPRESSIONS]),
        (long) sum(columns[CLICKS]),
        (long) sum(columns[CARTS]),
        (long) sum(columns[PURCHASES]),
        sum(columns[REVENUE]),
        RatioEstimate.of(columns[CLICKS], columns[IMPRESSIONS], n),
        RatioEstimate.of(columns[REVENUE], ones, n));
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  /**
   * Finds the answer an outcome is credited to ({@link AttributionRule}) and counts how each was
   * credited.
   */
  private static final class Credit {
    private final Map<String, List<Exposure>> byCustomerSku = new HashMap<>();
    private final Map<String, Exposure> byRequest = new HashMap<>();
    private final AttributionRule rule;
    private long byToken;
    private long byRule;
    private long forged;
    private long malformed;
    private long unattributed;

    Credit(List<Exposure> exposures, AttributionRule rule) {
      this.rule = rule;
      for (Exposure e : exposures) {
        byRequest.putIfAbsent(e.request(), e);
        for (String sku : e.skus()) {
          byCustomerSku
              .computeIfAbsent(e.customer() + "\u0000" + sku, k -> new ArrayList<>())
              .add(e);
        }
      }
      byCustomerSku.values().forEach(l -> l.sort(Comparator.comparingLong(Exposure::servedMillis)));
    }

    Attribution counts() {
      return new Attribution(byToken, byRule, forged, malformed, unattributed);
    }

    /** The answer {@code o} is credited to, or null; counts which way it went. */
    Exposure answerFor(Outcome o) {
      if (!rule.kinds().contains(o.kind())) {
        unattributed++;
        return null;
      }
      if (o.attribution() != null) {
        Optional<AttributionToken> token = AttributionToken.parse(o.attribution());
        if (token.isEmpty()) {
          malformed++;
          return null;
        }
        Exposure e = byRequest.get(token.get().request());
        if (e == null || !issued(e, token.get(), o)) {
          forged++;
          return null;
        }
        if (!e.skus().contains(o.sku()) || !within(e, o)) {
          unattributed++; // a genuine token, but the rule does not credit this outcome
          return null;
        }
        byToken++;
        return e;
      }
      Exposure e = latestServing(o);
      if (e == null) {
        unattributed++;
      } else {
        byRule++;
      }
      return e;
    }

    /**
     * Whether answer {@code e} is the one {@code token} was issued with, to the outcome's customer
     * (to any customer when the answer went to nobody known, without customer or session, such as a
     * cached {@code /similar} page shared by everyone who opened it).
     */
    private static boolean issued(Exposure e, AttributionToken token, Outcome o) {
      return (e.customer().equals(o.customer()) || e.customer().equals(AttributionToken.NONE))
          && e.placement().equals(token.placement())
          && e.variant().equals(token.variant())
          && e.version().equals(token.version());
    }

    private boolean within(Exposure e, Outcome o) {
      return o.atMillis() >= e.servedMillis()
          && o.atMillis() - e.servedMillis() <= rule.window().toMillis();
    }

    /** The latest answer to the customer that served the SKU at or before the outcome. */
    private Exposure latestServing(Outcome o) {
      List<Exposure> served = byCustomerSku.get(o.customer() + "\u0000" + o.sku());
      if (served == null) {
        return null;
      }
      // The last answer at or before the outcome (binary search over serving times).
      int lo = 0;
      int hi = served.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (served.get(mid).servedMillis() <= o.atMillis()) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (lo == 0) {
        return null;
      }
      Exposure e = served.get(lo - 1);
      return within(e, o) ? e : null;
    }
  }
}
