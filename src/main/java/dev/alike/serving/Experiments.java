package dev.alike.serving;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alike.experiment.AttributionToken;
import dev.alike.model.Similarities;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code experiments} of a placements file (docs/experiments.md): which variant of which
 * placement a unit is served. Parsed with the placements, by {@link Placements#parse}, and refused
 * with the whole file. Each variant of a running experiment is a {@link Placement} made once at
 * load, so a request only hashes its unit and walks the shares.
 */
public final class Experiments {
  /** The variant outside any experiment, and the model of the job's normal build. */
  public static final String DEFAULT = "default";

  static final Experiments NONE = new Experiments(List.of(), Map.of());

  /** Experiments of one file: each is read by people, and runs for weeks. */
  static final int MAX_EXPERIMENTS = 100;

  /** Variants of one experiment: each needs enough traffic to measure, so they stay few. */
  static final int MAX_VARIANTS = 20;

  /** How far the shares may sum from 1: room for decimal fractions such as 0.475 + 0.475 + 0.05. */
  static final double SHARE_TOLERANCE = 1e-6;

  /** Longest model name ({@link AttributionToken#NAME}). */
  private static final int MAX_NAME = 24;

  private static final Set<String> KEYS = Set.of("placements", "variants", "stopped", "promote");
  private static final Set<String> VARIANT_KEYS = Set.of("share", "list", "similarity");

  /** A running experiment's variants of one placement, with their shares' upper bounds. */
  private record Arms(String experiment, double[] upper, Placement[] served) {
    Placement pick(String unit) {
      if (served.length == 1) {
        return served[0];
      }
      double at = Assignment.point(experiment, unit);
      for (int v = 0; v < upper.length - 1; v++) {
        if (at < upper[v]) {
          return served[v];
        }
      }
      return served[served.length - 1]; // the last takes the rest, whatever rounding left
    }
  }

  private final List<Experiment> all;
  private final Map<String, Arms> byPlacement;

  private Experiments(List<Experiment> all, Map<String, Arms> byPlacement) {
    this.all = List.copyOf(all);
    this.byPlacement = Map.copyOf(byPlacement);
  }

  /** The experiments, in file order, stopped ones included. */
  public List<Experiment> all() {
    return all;
  }

  /**
   * The similarity specs whose models the running experiments serve (a stopped experiment none, a
   * promoted one its promoted variant's): what the job builds besides its own, each stored as
   * {@link #modelName}. Sorted; empty without experiments.
   */
  public Set<String> similarities() {
    Set<String> out = new TreeSet<>();
    for (Experiment e : all) {
      for (Experiment.Variant v : e.served()) {
        if (v.similarity() != null) {
          out.add(v.similarity());
        }
      }
    }
    return out;
  }

  /**
   * The store's model name of a variant's similarity spec (as {@code --similarity} takes it): the
   * spec itself when it is a valid name ({@code ease}, {@code tfidf}), else its characters outside
   * {@code [a-z0-9_-]} replaced by {@code _}, cut to 15, with {@code -} and 8 hex digits of a hash
   * of the whole spec ({@code ease:500:100} becomes {@code ease_500_100-xxxxxxxx}), so that
   * distinct specs get distinct names. Case and surrounding spaces do not count, as in {@code
   * --similarity}. The job stores a model under it and serving looks it up, so it never changes.
   *
   * @throws IllegalArgumentException for a blank spec
   */
  public static String modelName(String spec) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw new IllegalArgumentException("similarity spec \"" + spec + "\" is blank");
    }
    String safe = s.replaceAll("[^a-z0-9_-]", "_");
    if (safe.equals(s) && s.length() <= MAX_NAME && !s.equals(DEFAULT)) {
      return s;
    }
    return safe.substring(0, Math.min(15, safe.length())) + "-" + String.format("%08x", fnv32(s));
  }

  /** FNV-1a, 32 bits, of the string's UTF-16 units: stable across JVMs and releases. */
  private static int fnv32(String s) {
    int h = 0x811c9dc5;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x01000193;
    }
    return h;
  }

  /**
   * The placement {@code base} as {@code unit} is served it: the variant of the running experiment
   * the unit falls in (a fresh random one per request when the unit is null), or {@code base}
   * itself outside experiments.
   */
  Placement assign(Placement base, String unit) {
    Arms arms = byPlacement.get(base.name());
    return arms == null ? base : arms.pick(unit);
  }

  /**
   * Reads the {@code experiments} object of a placements file.
   *
   * @throws Placements.Invalid naming the file, experiment, variant and field of the first error
   */
  static Experiments parse(
      JsonElement given, String file, Map<String, Placement> placements, Collection<String> lists) {
    JsonObject root = Placements.object(given, file + ": experiments");
    if (root.size() > MAX_EXPERIMENTS) {
      throw new Placements.Invalid(
          file + ": " + root.size() + " experiments, more than " + MAX_EXPERIMENTS);
    }
    List<Experiment> all = new ArrayList<>();
    Map<String, Arms> byPlacement = new HashMap<>();
    for (Map.Entry<String, JsonElement> e : root.entrySet()) {
      String where = file + ": experiment \"" + e.getKey() + "\"";
      name(e.getKey(), where);
      Experiment x = experiment(e.getKey(), e.getValue(), where, placements, lists);
      all.add(x);
      List<Experiment.Variant> served = x.served();
      if (served.isEmpty()) {
        continue;
      }
      for (String p : x.placements()) {
        Arms taken = byPlacement.get(p);
        if (taken != null) {
          throw new Placements.Invalid(
              where
                  + ": placement \""
                  + p
                  + "\" is already in running experiment \""
                  + taken.experiment()
                  + "\" (a placement is in at most one; stop one of them)");
        }
        byPlacement.put(p, arms(x.name(), served, placements.get(p)));
      }
    }
    return new Experiments(all, byPlacement);
  }

  private static Experiment experiment(
      String name,
      JsonElement given,
      String where,
      Map<String, Placement> placements,
      Collection<String> lists) {
    JsonObject o = Placements.object(given, where);
    Placements.keys(o, where, KEYS);
    List<String> names = placementNames(o, where, placements);
    JsonObject all = Placements.object(o.get("variants"), where + ": variants");
    if (all.size() == 0 || all.size() > MAX_VARIANTS) {
      throw new Placements.Invalid(
          where + ": variants must hold 1 to " + MAX_VARIANTS + ", has " + all.size());
    }
    List<Experiment.Variant> variants = new ArrayList<>();
    double sum = 0;
    for (Map.Entry<String, JsonElement> v : all.entrySet()) {
      String at = where + ": variant \"" + v.getKey() + "\"";
      name(v.getKey(), at);
      if (v.getKey().equals(DEFAULT)) {
        throw new Placements.Invalid(
            at + ": \"" + DEFAULT + "\" names answers outside experiments; choose another name");
      }
      Experiment.Variant variant = variant(v.getKey(), v.getValue(), at, lists);
      for (String p : names) {
        if (variant.list() != null
            && Placement.PAGE_LISTS.contains(variant.list())
            && !Placement.PAGE_LISTS.contains(placements.get(p).list())) {
          throw new Placements.Invalid(
              at
                  + ": list \""
                  + variant.list()
                  + "\" needs the page's sku, which requests of placement \""
                  + p
                  + "\" ("
                  + placements.get(p).list()
                  + ") need not give");
        }
      }
      variants.add(variant);
      sum += variant.share();
    }
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
      throw new Placements.Invalid(where + ": the variants' shares sum to " + sum + ", not 1");
    }
    boolean stopped = o.has("stopped") && bool(o.get("stopped"), where + ": stopped");
    String promote = promote(o.get("promote"), where, all.keySet());
    if (stopped && promote != null) {
      throw new Placements.Invalid(
          where
              + ": both stopped and promote \""
              + promote
              + "\" (stopped serves the placements as they are, promote one variant to everyone:"
              + " choose one)");
    }
    return new Experiment(name, names, variants, stopped, promote);
  }

  private static List<String> placementNames(
      JsonObject o, String where, Map<String, Placement> placements) {
    JsonArray a = Placements.array(o.get("placements"), where + ": placements");
    if (a.isEmpty()) {
      throw new Placements.Invalid(where + ": placements is empty");
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < a.size(); i++) {
      String p = Placements.string(a.get(i), where + ": placements[" + i + "]");
      if (!placements.containsKey(p)) {
        throw new Placements.Invalid(
            where
                + ": no placement \""
                + p
                + "\" (known: "
                + new TreeSet<>(placements.keySet())
                + ")");
      }
      if (!out.add(p)) {
        throw new Placements.Invalid(where + ": placement \"" + p + "\" listed twice");
      }
    }
    return List.copyOf(out);
  }

  private static Experiment.Variant variant(
      String name, JsonElement given, String at, Collection<String> lists) {
    JsonObject v = Placements.object(given, at);
    Placements.keys(v, at, VARIANT_KEYS);
    double share = Placements.number(v.get("share"), at + ": share");
    if (!(share > 0 && share <= 1)) {
      throw new Placements.Invalid(at + ": share must be in (0, 1], was " + v.get("share"));
    }
    String list = v.has("list") ? Placements.string(v.get("list"), at + ": list") : null;
    if (list != null && !lists.contains(list)) {
      throw new Placements.Invalid(
          at + ": unknown list \"" + list + "\" (use one of " + new TreeSet<>(lists) + ")");
    }
    String similarity = null;
    if (v.has("similarity")) {
      similarity = Placements.string(v.get("similarity"), at + ": similarity");
      try {
        Similarities.parse(similarity);
      } catch (IllegalArgumentException e) {
        throw new Placements.Invalid(at + ": similarity: " + e.getMessage());
      }
    }
    return new Experiment.Variant(name, share, list, similarity);
  }

  private static String promote(JsonElement given, String where, Set<String> variants) {
    if (given == null || given.isJsonNull()) {
      return null;
    }
    String promote = Placements.string(given, where + ": promote");
    if (!variants.contains(promote)) {
      throw new Placements.Invalid(
          where + ": promote names no variant: \"" + promote + "\" (variants: " + variants + ")");
    }
    return promote;
  }

  /** The variants of one placement, each made into the placement it serves. */
  private static Arms arms(String experiment, List<Experiment.Variant> served, Placement base) {
    double[] upper = new double[served.size()];
    Placement[] placements = new Placement[served.size()];
    double sum = 0;
    for (int v = 0; v < upper.length; v++) {
      Experiment.Variant variant = served.get(v);
      sum += variant.share();
      upper[v] = sum;
      placements[v] =
          base.served(
              variant.name(),
              variant.list() == null ? base.list() : variant.list(),
              variant.model());
    }
    return new Arms(experiment, upper, placements);
  }

  private static void name(String name, String where) {
    if (!AttributionToken.NAME.matcher(name).matches()) {
      throw new Placements.Invalid(
          where + ": the name must match " + AttributionToken.NAME.pattern());
    }
  }

  private static boolean bool(JsonElement e, String at) {
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
      throw new Placements.Invalid(at + " must be true or false, was " + e);
    }
    return e.getAsBoolean();
  }
}
