package dev.alike.eval;

import dev.alike.model.InteractionMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/** The reference points every evaluation reports next to alike's variants. */
public final class Baselines {
  private Baselines() {}

  /**
   * Most popular: SKUs by number of training customers, the same list for everyone (seen SKUs
   * skipped). Any useful personalised recommender must beat it.
   */
  public static Candidate mostPopular() {
    return new Candidate() {
      @Override
      public String name() {
        return "most popular";
      }

      @Override
      public Ranker fit(TrainingSet training) {
        InteractionMatrix m = training.seen();
        int[] colPtr = m.colPtr();
        int[] order =
            java.util.stream.IntStream.range(0, m.skuCount())
                .filter(j -> colPtr[j + 1] > colPtr[j])
                .boxed()
                .sorted(
                    (a, b) -> {
                      int byCount =
                          Integer.compare(colPtr[b + 1] - colPtr[b], colPtr[a + 1] - colPtr[a]);
                      return byCount != 0 ? byCount : Integer.compare(a, b);
                    })
                .mapToInt(Integer::intValue)
                .toArray();
        return (u, k) -> {
          int[] out = new int[k];
          int n = 0;
          for (int r = 0; r < order.length && n < k; r++) {
            if (!training.hasSeen(u, order[r])) {
              out[n++] = order[r];
            }
          }
          return Arrays.copyOf(out, n);
        };
      }
    };
  }

  /**
   * Uniformly random unseen SKUs from the training catalogue, seeded per customer: the floor that
   * shows how easy a protocol is.
   */
  public static Candidate random() {
    return new Candidate() {
      @Override
      public String name() {
        return "random";
      }

      @Override
      public Ranker fit(TrainingSet training) {
        InteractionMatrix m = training.seen();
        int[] colPtr = m.colPtr();
        int[] catalogue =
            java.util.stream.IntStream.range(0, m.skuCount())
                .filter(j -> colPtr[j + 1] > colPtr[j])
                .toArray();
        return (u, k) -> {
          SplittableRandom random = new SplittableRandom(training.seed() * 1_000_003L + u);
          int[] pool = catalogue.clone();
          int n = 0;
          int[] out = new int[Math.min(k, pool.length)];
          // Partial Fisher-Yates: draw until k unseen SKUs or the pool is exhausted.
          for (int i = 0; i < pool.length && n < out.length; i++) {
            int pick = i + random.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[pick];
            pool[pick] = t;
            if (!training.hasSeen(u, pool[i])) {
              out[n++] = pool[i];
            }
          }
          return Arrays.copyOf(out, n);
        };
      }
    };
  }
}
