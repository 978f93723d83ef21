package dev.alike.experiment;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code report.json}: the rule, the holdout, the counts, {@code attribution} (how outcomes were
 * credited: {@code by_token}, {@code by_rule}, {@code forged}, {@code malformed}, {@code
 * unattributed}), and {@code variants} keyed by name, each with its totals, {@code lift} against
 * the holdout (null for the holdout and without one), and {@code placements} and {@code days} of
 * the same metrics. Intervals are two-number arrays; a value that is undefined (a CTR without
 * impressions, an interval of one customer) is null.
 */
public final class ReportJson {
  private ReportJson() {}

  /** The JSON text of {@code report}; {@code since} is what the report covers, as given. */
  public static String write(LiftReport.Report report, String since) {
    StringWriter out = new StringWriter(4096);
    try (JsonWriter w = new JsonWriter(out)) {
      w.setIndent("  ");
      w.beginObject();
      w.name("since").value(since);
      w.name("rule").value(report.rule());
      w.name("holdout").value(report.holdout());
      w.name("answers").value(report.answers());
      w.name("outcomes").value(report.outcomes());
      w.name("attributed").value(report.attributed());
      LiftReport.Attribution a = report.attribution();
      w.name("attribution").beginObject();
      w.name("by_token").value(a.byToken());
      w.name("by_rule").value(a.byRule());
      w.name("forged").value(a.forged());
      w.name("malformed").value(a.malformed());
      w.name("unattributed").value(a.unattributed());
      w.endObject();
      w.name("variants").beginObject();
      for (Map.Entry<String, LiftReport.Variant> e : report.variants().entrySet()) {
        LiftReport.Variant v = e.getValue();
        w.name(e.getKey()).beginObject();
        metrics(w, v.total());
        w.name("lift");
        if (v.ctrLift() == null && v.revenueLift() == null) {
          w.nullValue();
        } else {
          w.beginObject();
          lift(w, "ctr", v.ctrLift());
          lift(w, "revenue_per_customer", v.revenueLift());
          w.endObject();
        }
        groups(w, "placements", v.placements());
        groups(w, "days", v.days());
        w.endObject();
      }
      w.endObject().endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void groups(JsonWriter w, String name, Map<String, LiftReport.Metrics> groups)
      throws IOException {
    w.name(name).beginObject();
    for (Map.Entry<String, LiftReport.Metrics> g : groups.entrySet()) {
      w.name(g.getKey()).beginObject();
      metrics(w, g.getValue());
      w.endObject();
    }
    w.endObject();
  }

  private static void metrics(JsonWriter w, LiftReport.Metrics m) throws IOException {
    w.name("customers").value(m.customers());
    w.name("answers").value(m.answers());
    w.name("impressions").value(m.impressions());
    w.name("clicks").value(m.clicks());
    w.name("carts").value(m.carts());
    w.name("purchases").value(m.purchases());
    w.name("revenue").value(m.revenue());
    number(w, "ctr", m.ctr().ratio());
    interval(w, "ctr_ci", m.ctr().interval());
    number(w, "revenue_per_customer", m.revenuePerCustomer().ratio());
    interval(w, "revenue_per_customer_ci", m.revenuePerCustomer().interval());
  }

  private static void lift(JsonWriter w, String name, RatioEstimate.Lift lift) throws IOException {
    if (lift == null) {
      w.name(name).nullValue();
      w.name(name + "_ci").nullValue();
      return;
    }
    number(w, name, lift.value());
    interval(w, name + "_ci", lift.interval());
  }

  private static void number(JsonWriter w, String name, double value) throws IOException {
    w.name(name);
    if (Double.isFinite(value)) {
      w.value(value);
    } else {
      w.nullValue();
    }
  }

  private static void interval(JsonWriter w, String name, RatioEstimate.Interval ci)
      throws IOException {
    w.name(name);
    if (ci == null) {
      w.nullValue();
    } else {
      w.beginArray().value(ci.low()).value(ci.high()).endArray();
    }
  }
}
