package dev.alike.serving;

import dev.alike.store.Neighbor;
import dev.alike.store.SkuDocument;
import java.util.Arrays;
import java.util.List;

/**
 * One SKU document as the scorer reads it: both lists as ids of the version's {@link SkuIds} with
 * their scores, entries with a non-finite score dropped (a corrupt stored entry must not poison
 * every sum). The catalog data of each listed SKU lives once in {@link SkuIds}, not per entry.
 *
 * @param category the SKU's own category (for {@code same=category}), or null
 * @param similarIds its own neighbour list, best first (similar products)
 * @param reverseIds its reverse list: the SKUs that have it among their top k, with s_ij
 * @param togetherIds its bought-together list, best first, with each entry's support
 */
record SkuLists(
    String category,
    int[] similarIds,
    double[] similarScores,
    int[] reverseIds,
    double[] reverseScores,
    int[] togetherIds,
    double[] togetherScores,
    int[] togetherSupports) {

  /** The lists of {@code doc}, interning every listed SKU in {@code ids}. */
  static SkuLists of(SkuDocument doc, SkuIds ids) {
    int[] similar = new int[doc.similar().size()];
    double[] similarScores = new double[similar.length];
    int s = compile(doc.similar(), ids, similar, similarScores);
    int[] reverse = new int[doc.reverse().size()];
    double[] reverseScores = new double[reverse.length];
    int r = compile(doc.reverse(), ids, reverse, reverseScores);
    int[] together = new int[doc.together().size()];
    double[] togetherScores = new double[together.length];
    int[] supports = new int[together.length];
    int t = compile(doc.together(), ids, together, togetherScores, supports);
    return new SkuLists(
        doc.category(),
        Arrays.copyOf(similar, s),
        Arrays.copyOf(similarScores, s),
        Arrays.copyOf(reverse, r),
        Arrays.copyOf(reverseScores, r),
        Arrays.copyOf(together, t),
        Arrays.copyOf(togetherScores, t),
        Arrays.copyOf(supports, t));
  }

  private static int compile(List<Neighbor> list, SkuIds ids, int[] out, double[] scores) {
    return compile(list, ids, out, scores, null);
  }

  private static int compile(
      List<Neighbor> list, SkuIds ids, int[] out, double[] scores, int[] supports) {
    int n = 0;
    for (Neighbor i : list) {
      if (Double.isFinite(i.score())) {
        if (supports != null) {
          supports[n] = i.support();
        }
        out[n] = ids.intern(i);
        scores[n++] = i.score();
      }
    }
    return n;
  }
}
