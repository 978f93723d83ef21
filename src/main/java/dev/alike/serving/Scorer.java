package dev.alike.serving;

import dev.alike.model.ScoredSku;
import dev.alike.model.ScoredSku.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * The one scorer behind every answer (the function, the export, the evaluation, the benchmark),
 * over dense SKU ids. Recommended for you is the design's formula: score(i) = sum over the
 * customer's SKUs j of s_ij * r_uj, merged from each j's <em>reverse</em> list (the SKUs that have
 * j among their top k). Weights may be negative (EASE): a SKU whose total is <= 0 is never
 * recommended. Struck SKUs (seen, excluded, the page's own) are never returned, not even as popular
 * top-ups; the top n are ranked by score, ties by SKU id ascending, then topped up from the popular
 * list.
 *
 * <p>One scorer per thread ({@link #start}), reused across calls: per SKU id it keeps the sum and a
 * generation stamp side by side in one {@code double[]}, so an add touches one cache line and
 * nothing is cleared between calls. Use: {@link #start}, {@link #add} and {@link #strike} in any
 * order, then {@link #personalized} or {@link #listed} (or {@link #rank} for a given list), then
 * {@link #topUp}, then {@link #items} and, for personalized items, {@link #because}.
 */
public final class Scorer {
  private static final ThreadLocal<Scorer> SCRATCH = ThreadLocal.withInitial(Scorer::new);

  /** Per id: {@code [2id]} the sum, {@code [2id+1]} its generation (generation + 1: struck). */
  private double[] slots = new double[0];

  private int[] candidates = new int[0];
  private int candidateCount;
  private double generation;
  private int[] top = new int[0];
  private double[] topScore = new double[0];

  /** Per answer position, where its SKU came from. */
  private Source[] from = new Source[0];

  private int count;
  private int listed;
  private Source source = Source.PERSONALIZED;

  /** The lists summed so far, in add order, for {@link #because}. */
  private int[][] addedIds = new int[8][];

  private double[][] addedScores = new double[8][];
  private double[] addedWeights = new double[8];
  private int added;

  /** Per id, for {@link #because}: the call that marked it and its position in the answer. */
  private int[] markCall = new int[0];

  private int[] markAt = new int[0];
  private int call;

  private Scorer() {}

  /** The calling thread's scorer, emptied, for SKU ids in {@code [0, size)}. */
  public static Scorer start(int size) {
    Scorer s = SCRATCH.get();
    if (s.candidates.length < size) {
      int capacity = Math.max(size, s.candidates.length + (s.candidates.length >> 1));
      s.slots = new double[2 * capacity];
      s.candidates = new int[capacity];
      s.generation = 0;
    }
    // Generations step by 2 and stay exact in a double for 2^52 calls: nothing is cleared.
    s.generation += 2;
    s.candidateCount = 0;
    s.count = 0;
    s.listed = 0;
    s.added = 0;
    return s;
  }

  /**
   * Adds {@code r} times one SKU's reverse list; a non-positive {@code r} says nothing of j.
   *
   * @return whether the list was added: lists are numbered from 0 in the order they were added,
   *     which is how {@link #because} names them
   */
  public boolean add(int[] ids, double[] scores, double r) {
    if (!(r > 0)) {
      return false;
    }
    remember(ids, scores, r);
    double current = generation;
    double[] slots = this.slots;
    for (int x = 0; x < ids.length; x++) {
      int slot = ids[x] << 1;
      double stamp = slots[slot + 1];
      if (stamp == current) {
        slots[slot] += scores[x] * r;
      } else if (stamp != current + 1) {
        slots[slot + 1] = current;
        slots[slot] = scores[x] * r;
        candidates[candidateCount++] = slot;
      }
    }
    return true;
  }

  /** Never returns SKU {@code id}; a no-op for -1 (a SKU no loaded list names) or beyond size. */
  public void strike(int id) {
    int slot = (id << 1) + 1;
    if (id >= 0 && slot < slots.length) {
      slots[slot] = generation + 1;
    }
  }

  /**
   * Keeps the best {@code n} positive sums that {@code allowed} accepts (null: all), best first.
   *
   * @param names SKU id of each id, for ties
   */
  public void personalized(int n, IntPredicate allowed, IntFunction<String> names) {
    personalized(n, allowed, names, Source.PERSONALIZED);
  }

  /**
   * As {@link #personalized(int, IntPredicate, IntFunction)}, for sums of another kind (the merged
   * bought-together lists of a cart).
   */
  public void personalized(int n, IntPredicate allowed, IntFunction<String> names, Source as) {
    ensureTop(n);
    double current = generation;
    double worst = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < candidateCount; c++) {
      int slot = candidates[c];
      double sum = slots[slot];
      // Totals <= 0 (negative EASE weights) say "less likely than average": no recommendation.
      // Most candidates score strictly below the n-th best: rejected on the number alone.
      if (sum > 0 && sum >= worst && slots[slot + 1] == current) {
        offer(slot >> 1, sum, n, allowed, names);
        if (count == n) {
          worst = topScore[n - 1];
        }
      }
    }
    for (int c = 0; c < count; c++) {
      strike(top[c]);
      from[c] = as;
    }
    listed = count;
    source = as;
  }

  /**
   * Takes, in list order, up to {@code n} entries of a SKU's own neighbour list that are not struck
   * and that {@code allowed} accepts (similar products).
   */
  public void listed(int[] ids, double[] scores, int n, IntPredicate allowed) {
    listed(ids, scores, n, allowed, Source.SIMILAR);
  }

  /** As {@link #listed(int[], double[], int, IntPredicate)}, for a list of another kind. */
  public void listed(int[] ids, double[] scores, int n, IntPredicate allowed, Source as) {
    ensureTop(n);
    for (int x = 0; x < ids.length && count < n; x++) {
      if (!struck(ids[x]) && (allowed == null || allowed.test(ids[x]))) {
        top[count] = ids[x];
        from[count] = as;
        topScore[count++] = scores[x];
        strike(ids[x]);
      }
    }
    listed = count;
    source = as;
  }

  /**
   * Fills the list up to {@code n} with popular SKUs not struck and accepted by {@code allowed}.
   */
  public void topUp(int[] ids, double[] scores, int n, IntPredicate allowed) {
    topUp(ids, scores, n, allowed, Source.POPULAR);
  }

  /**
   * As {@link #topUp(int[], double[], int, IntPredicate)} from a list of another kind, in its order
   * (bought together tops up from similar products before popular ones).
   */
  public void topUp(int[] ids, double[] scores, int n, IntPredicate allowed, Source as) {
    ensureTop(n);
    for (int r = 0; r < ids.length && count < n; r++) {
      int id = ids[r];
      if (id >= 0 && !struck(id) && (allowed == null || allowed.test(id))) {
        strike(id);
        top[count] = id;
        from[count] = as;
        topScore[count++] = scores[r];
      }
    }
  }

  /**
   * Re-ranking: the given ids with a positive sum, best first (equal sums keep their given order),
   * become the personalized part of the answer; nothing is struck or added.
   *
   * @param ids SKU ids in the given order; -1 (a SKU no loaded list names) is never scored
   * @return positions in {@code ids}: the scored ones in answer order, then the others in given
   *     order (every position exactly once)
   */
  public int[] rank(int[] ids) {
    ensureTop(ids.length);
    int[] order = new int[ids.length];
    int scored = 0;
    for (int p = 0; p < ids.length; p++) {
      double sum = sum(ids[p]);
      if (sum > 0) {
        // Insertion sort of at most a few hundred entries; strict comparison keeps it stable.
        int at = scored++;
        while (at > 0 && sum > topScore[at - 1]) {
          top[at] = top[at - 1];
          topScore[at] = topScore[at - 1];
          order[at] = order[at - 1];
          at--;
        }
        top[at] = ids[p];
        topScore[at] = sum;
        order[at] = p;
      }
    }
    count = scored;
    listed = scored;
    source = Source.PERSONALIZED;
    java.util.Arrays.fill(from, 0, scored, Source.PERSONALIZED);
    for (int p = 0, next = scored; p < ids.length; p++) {
      if (!(sum(ids[p]) > 0)) {
        order[next++] = p;
      }
    }
    return order;
  }

  /**
   * One list's part in a personalized score.
   *
   * @param list the list, numbered by {@link #add} order
   * @param share its terms' sum over the item's score (the shares of all lists sum to 1; with
   *     negative weights one list's share may exceed 1)
   */
  public record Term(int list, double share) {}

  /**
   * Why each personalized item of the answer is there: per item, in answer order, up to {@code max}
   * of the added lists whose terms contributed most (positive contributions only, largest first,
   * ties by add order), each with its share of the score the item was ranked by. Empty for an
   * answer of similar products; top-ups get no entry. Merged bought-together sums are explained the
   * same way, by the asked SKUs.
   */
  public List<List<Term>> because(int max) {
    int n = source == Source.PERSONALIZED || source == Source.TOGETHER ? listed : 0;
    List<List<Term>> out = new ArrayList<>(n);
    if (n == 0) {
      return out;
    }
    int[] rowOf = mark(n);
    double[] parts = new double[n * added];
    for (int a = 0; a < added; a++) {
      int[] ids = addedIds[a];
      double[] scores = addedScores[a];
      double w = addedWeights[a];
      for (int x = 0; x < ids.length; x++) {
        int id = ids[x];
        if (id < markCall.length && markCall[id] == call) {
          parts[markAt[id] * added + a] += scores[x] * w;
        }
      }
    }
    for (int p = 0; p < n; p++) {
      out.add(largest(parts, rowOf[p] * added, max, topScore[p]));
    }
    return out;
  }

  /** Marks the first {@code n} answer ids; returns each position's row (a repeat: the first's). */
  private int[] mark(int n) {
    if (markCall.length < candidates.length) {
      markCall = new int[candidates.length];
      markAt = new int[candidates.length];
      call = 0;
    }
    if (++call == Integer.MAX_VALUE) {
      java.util.Arrays.fill(markCall, 0);
      call = 1;
    }
    int[] rowOf = new int[n];
    for (int p = 0; p < n; p++) {
      int id = top[p];
      if (markCall[id] != call) {
        markCall[id] = call;
        markAt[id] = p;
      }
      rowOf[p] = markAt[id];
    }
    return rowOf;
  }

  private List<Term> largest(double[] parts, int from, int max, double score) {
    List<Term> terms = new ArrayList<>(max);
    boolean[] taken = new boolean[added];
    while (terms.size() < max) {
      int best = -1;
      for (int a = 0; a < added; a++) {
        double c = parts[from + a];
        if (!taken[a] && c > 0 && (best < 0 || c > parts[from + best])) {
          best = a;
        }
      }
      if (best < 0) {
        break;
      }
      taken[best] = true;
      terms.add(new Term(best, parts[from + best] / score));
    }
    return terms;
  }

  /** The sum of {@code id} if it is a candidate, not struck; otherwise NaN. */
  private double sum(int id) {
    int slot = id << 1;
    return id >= 0 && slot + 1 < slots.length && slots[slot + 1] == generation
        ? slots[slot]
        : Double.NaN;
  }

  private void remember(int[] ids, double[] scores, double r) {
    if (added == addedIds.length) {
      addedIds = java.util.Arrays.copyOf(addedIds, added * 2);
      addedScores = java.util.Arrays.copyOf(addedScores, added * 2);
      addedWeights = java.util.Arrays.copyOf(addedWeights, added * 2);
    }
    addedIds[added] = ids;
    addedScores[added] = scores;
    addedWeights[added++] = r;
  }

  /** The answer so far: personalized or similar items first, then popular ones. */
  public List<ScoredSku> items() {
    List<ScoredSku> out = new ArrayList<>(count);
    for (int c = 0; c < count; c++) {
      out.add(new ScoredSku(top[c], topScore[c], from[c]));
    }
    return out;
  }

  private boolean struck(int id) {
    int slot = (id << 1) + 1;
    return slot < slots.length && slots[slot] == generation + 1;
  }

  private void ensureTop(int n) {
    if (top.length < n) {
      top = java.util.Arrays.copyOf(top, n);
      topScore = java.util.Arrays.copyOf(topScore, n);
      from = java.util.Arrays.copyOf(from, n);
    }
  }

  /** Keeps {@code top[0, count)} the best ids offered so far, best first (n is small). */
  private void offer(int id, double sum, int n, IntPredicate allowed, IntFunction<String> names) {
    if (count == n && !before(id, sum, n - 1, names)) {
      return;
    }
    // The filter is asked only of SKUs that would enter the list: it may cost a map lookup.
    if (allowed != null && !allowed.test(id)) {
      return;
    }
    int at = count < n ? count++ : n - 1;
    while (at > 0 && before(id, sum, at - 1, names)) {
      top[at] = top[at - 1];
      topScore[at] = topScore[at - 1];
      at--;
    }
    top[at] = id;
    topScore[at] = sum;
  }

  /** True when (id, sum) ranks above {@code top[at]}: higher sum, or equal and smaller SKU id. */
  private boolean before(int id, double sum, int at, IntFunction<String> names) {
    double other = topScore[at];
    return sum > other || (sum == other && names.apply(id).compareTo(names.apply(top[at])) < 0);
  }
}
