package dev.alike.model;

/**
 * The SKUs whose interactions rose most in the last window against the window before it: the
 * trending list a shop shows on its home page. Both windows end at the newest event of the log (not
 * the wall clock, so a rebuild of old data gives the same list).
 *
 * <p>A SKU's score is {@code (recent - before) / sqrt(recent + before + PRIOR)}, a Poisson z-score
 * of the change with a prior: the growth of a busy SKU counts more than the same ratio on a few
 * events, so a SKU going from 1 to 3 events (0.53) never outranks one going from 20 to 40 (2.39).
 * Only SKUs with at least {@link #MIN_RECENT} events in the recent window and a positive score are
 * listed.
 */
public final class TrendingSkus {
  /** The default window: a week, so that weekday patterns cancel out between the two windows. */
  public static final long WEEK_SECONDS = 7 * 24 * 3600L;

  /**
   * Pseudo-events added under the square root: with 10, a change of 2 on 1 event scores 0.53 where
   * a change of 20 on 20 scores 2.39; at 0 the small change would score 1.0, half the large one.
   */
  static final double PRIOR = 10;

  /** Events a SKU needs in the recent window: fewer is noise, not a trend. */
  static final int MIN_RECENT = 5;

  private TrendingSkus() {}

  /**
   * The top {@code limit} trending SKUs of {@code log}, as indices of {@code skus} (SKUs the model
   * does not know are left out), best first, ties by SKU id. Events are counted, whatever their
   * type or weight; events without a timestamp are ignored.
   *
   * @param windowSeconds length of each of the two windows, > 0
   * @return an empty list when no event carries a timestamp (serving then shows popular SKUs)
   * @throws IllegalArgumentException for a window <= 0
   */
  public static PopularSkus of(EventLog log, IdIndex skus, long windowSeconds, int limit) {
    if (windowSeconds <= 0) {
      throw new IllegalArgumentException(
          "trending window must be > 0 seconds, was " + windowSeconds);
    }
    long newest = log.newestTime();
    int n = log.skus().size();
    int[] recent = new int[n];
    int[] before = new int[n];
    if (newest != EventLog.NO_TIME) {
      for (int e = 0; e < log.size(); e++) {
        long t = log.time(e);
        if (t == EventLog.NO_TIME) {
          continue;
        }
        long age = newest - t; // >= 0: newest is the maximum
        if (age < windowSeconds) {
          recent[log.sku(e)]++;
        } else if (age < 2 * windowSeconds) {
          before[log.sku(e)]++;
        }
      }
    }
    int capacity = Math.max(0, Math.min(limit, skus.size()));
    TopK top = new TopK(capacity, skus);
    for (int j = 0; j < n; j++) {
      if (recent[j] < MIN_RECENT || capacity == 0) {
        continue;
      }
      double score = score(recent[j], before[j]);
      int index = skus.indexOf(log.skus().id(j));
      if (score > 0 && index >= 0) {
        top.offer(index, score);
      }
    }
    int[] items = new int[top.size()];
    float[] scores = new float[top.size()];
    top.drainInto(items, scores, 0);
    return new PopularSkus(items, scores);
  }

  /** The trend score of a SKU with these event counts (the class comment's formula). */
  static double score(int recent, int before) {
    return (recent - before) / Math.sqrt(recent + before + PRIOR);
  }
}
