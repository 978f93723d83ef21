package dev.alike.beam;

import dev.alike.beam.Values.Scored;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The lists' order as a comparator for {@code Top}: a higher score ranks higher, equal scores by
 * the lower SKU id ({@link String#compareTo}), the single-machine build's tie-break.
 */
final class ScoredOrder implements Comparator<Scored>, Serializable {
  @Override
  public int compare(Scored a, Scored b) {
    int byScore = Double.compare(a.score(), b.score());
    return byScore != 0 ? byScore : b.sku().compareTo(a.sku());
  }

  /** The best {@code keep} of {@code scored}, best first (a new list; the argument is sorted). */
  static List<Scored> best(List<Scored> scored, int keep) {
    scored.sort(new ScoredOrder().reversed());
    return new ArrayList<>(scored.subList(0, Math.min(keep, scored.size())));
  }
}
