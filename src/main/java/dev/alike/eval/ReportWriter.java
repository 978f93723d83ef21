package dev.alike.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;

/** Renders an {@link Evaluation.Report} as a fixed-width text table or as JSON. */
public final class ReportWriter {
  private static final String[] SHORT = {
    "P@k", "R@k", "nDCG@k", "MAP@k", "MAP(rec)", "HR@k", "MRR", "cover"
  };

  private ReportWriter() {}

  /** A text table: one row per candidate, mean ± std per metric, and fit / recommend seconds. */
  public static String text(Evaluation.Report report) {
    StringBuilder out = new StringBuilder();
    Evaluation.Settings s = report.settings();
    out.append(
        String.format(
            Locale.ROOT,
            "%d customers, %d SKUs, %d events; split %s ratio %.2f, %d seed(s), k = %d, "
                + "%.0f test customers%n",
            report.customers(),
            report.skus(),
            report.events(),
            s.split().label(),
            s.ratio(),
            s.seeds().length,
            s.k(),
            report.testCustomers()));
    int width = report.results().stream().mapToInt(r -> r.name().length()).max().orElse(10);
    out.append(String.format(Locale.ROOT, "%-" + width + "s", "candidate"));
    for (String h : SHORT) {
      out.append(String.format(Locale.ROOT, " %15s", h));
    }
    out.append(String.format(Locale.ROOT, " %7s %7s%n", "fit s", "rec s"));
    for (Evaluation.Result r : report.results()) {
      out.append(String.format(Locale.ROOT, "%-" + width + "s", r.name()));
      for (int m = 0; m < r.mean().length; m++) {
        out.append(String.format(Locale.ROOT, " %8.4f±%.4f", r.mean()[m], r.std()[m]));
      }
      out.append(
          String.format(Locale.ROOT, " %7.2f %7.2f%n", r.fitSeconds(), r.recommendSeconds()));
    }
    return out.toString();
  }

  /** The report as pretty-printed JSON: settings, data sizes and per-candidate metrics. */
  public static String json(Evaluation.Report report) {
    JsonObject root = new JsonObject();
    Evaluation.Settings s = report.settings();
    root.addProperty("split", s.split().label());
    root.addProperty("ratio", s.ratio());
    root.addProperty("k", s.k());
    JsonArray seeds = new JsonArray();
    for (long seed : s.seeds()) {
      seeds.add(seed);
    }
    root.add("seeds", seeds);
    root.addProperty("customers", report.customers());
    root.addProperty("skus", report.skus());
    root.addProperty("events", report.events());
    root.addProperty("testCustomers", report.testCustomers());
    JsonArray results = new JsonArray();
    for (Evaluation.Result r : report.results()) {
      JsonObject o = new JsonObject();
      o.addProperty("name", r.name());
      JsonObject mean = new JsonObject();
      JsonObject std = new JsonObject();
      for (int m = 0; m < r.mean().length; m++) {
        String name = m < Metrics.NAMES.length ? Metrics.NAMES[m] : "coverage";
        mean.addProperty(name, r.mean()[m]);
        std.addProperty(name, r.std()[m]);
      }
      o.add("mean", mean);
      o.add("std", std);
      o.addProperty("fitSeconds", r.fitSeconds());
      o.addProperty("recommendSeconds", r.recommendSeconds());
      results.add(o);
    }
    root.add("results", results);
    return new GsonBuilder().setPrettyPrinting().create().toJson(root);
  }
}
