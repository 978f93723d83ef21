package dev.alike.serving;

import dev.alike.model.ScoredSku;
import dev.alike.model.ScoredSku.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A placement's shaping of a scored list: boosts and buries multiply scores and reorder, pins take
 * their positions, diversity caps the items per value, and the list is cut to n. Works on the pool
 * the scorer returned (more candidates than n, see {@link RecommendService}); the reordering stays
 * inside each part of the answer (the list's own items first, popular top-ups after), whose scores
 * are on different scales.
 */
final class Arrangement {
  private Arrangement() {}

  /**
   * One item of the arranged list.
   *
   * @param from its position in the pool (for its reasons), or -1 for a pin from outside the pool
   * @param factor the product of the boost and bury factors it matched (1: none)
   */
  record Slot(ScoredSku item, int from, double factor, boolean pinned) {}

  /**
   * @param diversityShort the pool held too few distinct values: items over the cap fill the list
   */
  record Arranged(List<Slot> slots, boolean diversityShort) {}

  /**
   * Arranges {@code pool} for {@code p}.
   *
   * @param pinnable whether a pinned SKU id may be shown (known, not struck, passes the filter)
   */
  static Arranged arrange(
      List<ScoredSku> pool, SkuIds ids, Placement p, Predicate<String> pinnable, int n) {
    List<Slot> ordered = boosted(pool, ids, p);
    List<Slot> pins = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    pins(ordered, ids, p, pinnable, n, pins, positions);
    int wanted = Math.max(0, Math.min(n, ordered.size() + pins.size()) - pins.size());
    Map<String, Integer> counts = new HashMap<>();
    for (Slot s : pins) {
      counts.merge(key(p, ids, s), 1, Integer::sum);
    }
    // indices into ordered: chosen ones, and those over the cap in case too few values exist
    List<Integer> chosen = new ArrayList<>(wanted);
    List<Integer> over = new ArrayList<>();
    for (int i = 0; i < ordered.size() && chosen.size() < wanted; i++) {
      if (p.diversity() == null
          || counts.merge(key(p, ids, ordered.get(i)), 1, Integer::sum) <= p.diversity().max()) {
        chosen.add(i);
      } else {
        over.add(i);
      }
    }
    boolean diversityShort = chosen.size() < wanted && !over.isEmpty();
    if (diversityShort) {
      // filled in score order: the capped items go back among the chosen where they ranked
      chosen.addAll(over.subList(0, Math.min(over.size(), wanted - chosen.size())));
      chosen.sort(null);
    }
    List<Slot> out = new ArrayList<>(chosen.size() + pins.size());
    for (int i : chosen) {
      out.add(ordered.get(i));
    }
    // pins come by position: inserting in that order keeps the earlier ones where they are
    for (int i = 0; i < pins.size(); i++) {
      out.add(Math.min(positions.get(i) - 1, out.size()), pins.get(i));
    }
    return new Arranged(out, diversityShort);
  }

  /** The diversity value of a slot's SKU ("" for none: SKUs without the value share one). */
  private static String key(Placement p, SkuIds ids, Slot s) {
    if (p.diversity() == null) {
      return "";
    }
    String v = p.diversity().valueOf(ids.entry(s.item().sku()));
    return v == null ? "" : v;
  }

  /** The pool with factors applied, each part sorted by its new score (stable). */
  private static List<Slot> boosted(List<ScoredSku> pool, SkuIds ids, Placement p) {
    Slot[] slots = new Slot[pool.size()];
    for (int i = 0; i < slots.length; i++) {
      ScoredSku s = pool.get(i);
      double f = p.factor(ids.entry(s.sku()));
      slots[i] = new Slot(new ScoredSku(s.sku(), s.score() * f, s.source()), i, f, false);
    }
    if (!p.rules().isEmpty()) {
      Arrays.sort(
          slots,
          Comparator.comparingInt((Slot s) -> s.item().source() == Source.POPULAR ? 1 : 0)
              .thenComparing(s -> -s.item().score()));
    }
    return new ArrayList<>(List.of(slots));
  }

  /**
   * Adds the pins that may be shown to {@code out}, by position, each taken out of {@code ordered}
   * when it is there; pins beyond n, and of SKUs a catalog update made unavailable, are left out.
   */
  private static void pins(
      List<Slot> ordered,
      SkuIds ids,
      Placement p,
      Predicate<String> pinnable,
      int n,
      List<Slot> out,
      List<Integer> positions) {
    for (Placement.Pin pin : p.pins()) {
      int id = ids.lookup(pin.sku());
      if (pin.position() > n || id < 0 || ids.hidden(id) || !pinnable.test(pin.sku())) {
        continue;
      }
      Slot found = null;
      for (int i = 0; i < ordered.size(); i++) {
        if (ordered.get(i).item().sku() == id) {
          found = ordered.remove(i);
          break;
        }
      }
      out.add(
          found == null
              ? new Slot(new ScoredSku(id, 0, Source.PINNED), -1, 1, true)
              : new Slot(found.item(), found.from(), found.factor(), true));
      positions.add(pin.position());
    }
  }
}
