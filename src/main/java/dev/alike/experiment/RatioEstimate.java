package dev.alike.experiment;

/**
 * A ratio of two sums over independent units, Σy / Σx (clicks per impression, revenue per
 * customer), with the delta-method variance that treats the unit, not the event, as the sample: one
 * customer's clicks are not independent of each other, so an interval over impressions would be too
 * narrow. With x = 1 per unit this is the mean and its usual standard error.
 *
 * @param variance NaN with fewer than two units
 */
public record RatioEstimate(double ratio, double variance, int units) {
  /** Two-sided 95% normal quantile. */
  public static final double Z95 = 1.959963984540054;

  /** The estimate over units {@code [0, n)} of the per-unit sums {@code y} and {@code x}. */
  public static RatioEstimate of(double[] y, double[] x, int n) {
    double sy = 0;
    double sx = 0;
    for (int u = 0; u < n; u++) {
      sy += y[u];
      sx += x[u];
    }
    if (sx == 0) {
      return new RatioEstimate(Double.NaN, Double.NaN, n);
    }
    double r = sy / sx;
    if (n < 2) {
      return new RatioEstimate(r, Double.NaN, n);
    }
    double ss = 0;
    for (int u = 0; u < n; u++) {
      double d = y[u] - r * x[u];
      ss += d * d;
    }
    double meanX = sx / n;
    return new RatioEstimate(r, ss / ((double) n * (n - 1) * meanX * meanX), n);
  }

  /** The 95% interval, or null when the variance is unknown. */
  public Interval interval() {
    if (!Double.isFinite(variance)) {
      return null;
    }
    double half = Z95 * Math.sqrt(variance);
    return new Interval(ratio - half, ratio + half);
  }

  /**
   * The relative lift of {@code treated} over {@code control}, treated / control - 1, with a 95%
   * interval from the delta method on the log of the ratio (independent groups); null when either
   * ratio is zero or unknown.
   */
  public static Lift lift(RatioEstimate treated, RatioEstimate control) {
    if (!(treated.ratio > 0) || !(control.ratio > 0)) {
      return null;
    }
    double point = treated.ratio / control.ratio - 1;
    double se2 =
        treated.variance / (treated.ratio * treated.ratio)
            + control.variance / (control.ratio * control.ratio);
    if (!Double.isFinite(se2)) {
      return new Lift(point, null);
    }
    double log = Math.log(treated.ratio / control.ratio);
    double half = Z95 * Math.sqrt(se2);
    return new Lift(point, new Interval(Math.expm1(log - half), Math.expm1(log + half)));
  }

  /** A closed interval. */
  public record Interval(double low, double high) {
    public boolean contains(double value) {
      return low <= value && value <= high;
    }
  }

  /** A relative lift and its interval (null when too few units). */
  public record Lift(double value, Interval interval) {}
}
