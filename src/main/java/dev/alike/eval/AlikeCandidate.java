package dev.alike.eval;

import dev.alike.model.CustomerVector;
import dev.alike.model.FitOptions;
import dev.alike.model.InteractionMatrix;
import dev.alike.model.ItemModel;
import dev.alike.model.ModelFit;
import dev.alike.model.NeighborLists;
import dev.alike.model.ScoredSku;
import dev.alike.serving.ModelScorer;
import java.util.List;
import java.util.Locale;

/**
 * alike itself: {@link ModelFit} on the training events, then the serving scorer ({@link
 * ModelScorer}) with the customer's (possibly decayed) training scores, seen SKUs left out. The
 * design's formula is {@code customer = RAW, lists = NONE}; the two options are evaluated proposals
 * on top of it.
 */
public final class AlikeCandidate implements Candidate {
  /** How the customer's scores r_uj enter the formula. */
  public enum CustomerWeights {
    /** r_uj as built (the design). */
    RAW,
    /** 1 for every SKU the customer has: ratings and repeat counts ignored. */
    BINARY
  }

  /** Per-SKU normalisation of the neighbour lists before reversing them. */
  public enum ListNorm {
    /** s_ij as computed (the design). */
    NONE,
    /**
     * s_ij / max_j s_ij: every candidate's best neighbour counts 1, so SKUs with weak lists (rare
     * ones under cosine, popular ones under Jaccard) compete on equal terms.
     */
    MAX
  }

  private final FitOptions options;
  private final CustomerWeights weights;
  private final ListNorm norm;

  public AlikeCandidate(FitOptions options, CustomerWeights weights, ListNorm norm) {
    this.options = options;
    this.weights = weights;
    this.norm = norm;
  }

  @Override
  public String name() {
    StringBuilder s = new StringBuilder("alike ").append(options.similarity().name());
    s.append(" k=").append(options.k() >= Integer.MAX_VALUE / 2 ? "all" : options.k());
    if (options.halfLifeSeconds() > 0) {
      s.append(" decay=")
          .append(String.format(Locale.ROOT, "%.0fd", options.halfLifeSeconds() / 86_400));
    }
    if (weights != CustomerWeights.RAW) {
      s.append(" r=").append(weights.name().toLowerCase(Locale.ROOT));
    }
    if (norm != ListNorm.NONE) {
      s.append(" norm=").append(norm.name().toLowerCase(Locale.ROOT));
    }
    return s.toString();
  }

  @Override
  public Ranker fit(TrainingSet training) {
    int skus = training.events().skus().size();
    FitOptions effective = options.withK(Math.min(options.k(), Math.max(1, skus)));
    ModelFit fit = new ModelFit(effective);
    InteractionMatrix matrix = fit.interactions(training.events());
    ItemModel model = fit.fit(matrix);
    if (norm == ListNorm.MAX) {
      model = normalised(model, effective.maxReverse());
    }
    ModelScorer recommender = new ModelScorer(model);
    return (u, k) -> {
      CustomerVector v = CustomerVector.row(matrix, u);
      if (weights == CustomerWeights.BINARY) {
        float[] ones = new float[v.size()];
        java.util.Arrays.fill(ones, 1f);
        v = new CustomerVector(v.skus(), ones);
      }
      List<ScoredSku> out = recommender.recommend(v, k, true, j -> !training.hasSeen(u, j));
      return out.stream().mapToInt(ScoredSku::sku).toArray();
    };
  }

  private static ItemModel normalised(ItemModel model, int maxReverse) {
    NeighborLists lists = model.neighbors();
    int n = lists.size();
    int[] ptr = new int[n + 1];
    int[] items = new int[lists.entries()];
    float[] scores = new float[lists.entries()];
    for (int i = 0; i < n; i++) {
      ptr[i + 1] = lists.end(i);
      float top = lists.length(i) > 0 ? lists.score(lists.start(i)) : 1f;
      for (int at = lists.start(i); at < lists.end(i); at++) {
        items[at] = lists.item(at);
        scores[at] = lists.score(at) / top;
      }
    }
    NeighborLists scaled = new NeighborLists(ptr, items, scores);
    NeighborLists reverse = scaled.reverse(maxReverse, model.skus(), null);
    return new ItemModel(model.skus(), scaled, reverse, model.popular());
  }
}
