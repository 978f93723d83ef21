package dev.alike.simulate;

import com.google.gson.stream.JsonWriter;
import dev.alike.experiment.AttributionToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The placements file of a simulation: one placement of list {@code list}, and one experiment on it
 * with a {@code holdout} variant served popular items and one variant per similarity, the rest of
 * the traffic shared equally among them.
 *
 * @param similarities variant name to similarity spec, in declaration order
 */
public record ExperimentPlan(
    String placement, String list, int n, double holdoutShare, Map<String, String> similarities) {
  /** The variant the others are compared with, as {@code alike report} expects by default. */
  public static final String HOLDOUT = "holdout";

  /** The experiment's name in the file. */
  static final String EXPERIMENT = "simulated";

  public ExperimentPlan {
    if (!(holdoutShare > 0 && holdoutShare < 1)) {
      throw new IllegalArgumentException("holdout share must be in (0, 1), was " + holdoutShare);
    }
    if (similarities.isEmpty()) {
      throw new IllegalArgumentException("no personalized variant to compare with the holdout");
    }
    for (String name : similarities.keySet()) {
      if (!AttributionToken.NAME.matcher(name).matches() || name.equals(HOLDOUT)) {
        throw new IllegalArgumentException(
            "variant name \""
                + name
                + "\" must match "
                + AttributionToken.NAME.pattern()
                + " and not be \""
                + HOLDOUT
                + "\"; name it as NAME=SPEC");
      }
    }
    similarities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(similarities));
  }

  /**
   * Variants from {@code specs}, each {@code SPEC} (named as itself) or {@code NAME=SPEC}, e.g.
   * {@code ease,cheap=cosine+support:2}.
   */
  public static Map<String, String> variants(List<String> specs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      String name = eq < 0 ? spec.trim() : spec.substring(0, eq).trim();
      if (out.put(name, eq < 0 ? spec.trim() : spec.substring(eq + 1).trim()) != null) {
        throw new IllegalArgumentException("variant \"" + name + "\" named twice");
      }
    }
    return out;
  }

  /** The file's JSON text. */
  public String json() {
    double share = (1 - holdoutShare) / similarities.size();
    StringWriter out = new StringWriter();
    try (JsonWriter w = new JsonWriter(out)) {
      w.setIndent("  ");
      w.beginObject().name("placements").beginObject();
      w.name(placement).beginObject().name("list").value(list).name("n").value(n).endObject();
      w.endObject();
      w.name("experiments").beginObject().name(EXPERIMENT).beginObject();
      w.name("placements").beginArray().value(placement).endArray();
      w.name("variants").beginObject();
      w.name(HOLDOUT).beginObject().name("share").value(holdoutShare);
      w.name("list").value("popular").endObject();
      for (Map.Entry<String, String> v : similarities.entrySet()) {
        w.name(v.getKey()).beginObject().name("share").value(share);
        w.name("similarity").value(v.getValue()).endObject();
      }
      w.endObject();
      w.name("stopped").value(false).name("promote").nullValue();
      w.endObject().endObject().endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}
