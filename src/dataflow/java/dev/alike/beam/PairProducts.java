package dev.alike.beam;

import dev.alike.beam.Values.Dot;
import dev.alike.beam.Values.RowEntry;
import dev.alike.beam.Values.Scored;
import dev.alike.model.PairwiseSimilarity;
import dev.alike.model.PairwiseSimilarity.ColumnStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Step 4, the quadratic one: each customer's row emits the product of every pair of its SKUs (once
 * per unordered pair, keyed by the two ids in order); {@code Combine.perKey} sums a pair's
 * products, on the emitting workers first (combiner lifting), so the shuffle carries at most one
 * partial sum per pair and worker; the pair's score then enters both SKUs' lists, and {@code
 * Top.perKey} keeps each SKU's best k, ties by SKU id. A customer with n SKUs emits n(n-1)/2
 * products: the per-customer cap bounds that at 124,750 (docs/scale.md).
 */
final class PairProducts {
  private PairProducts() {}

  static PCollection<KV<String, List<Scored>>> apply(
      PCollection<KV<String, RowEntry>> entries,
      PCollection<KV<String, ColumnStats>> stats,
      BeamSettings settings) {
    PCollectionView<Map<String, ColumnStats>> statsView =
        settings.pairwise().normalizesColumns() ? null : stats.apply("StatsView", View.asMap());
    ParDo.SingleOutput<KV<KV<String, String>, Dot>, KV<String, Scored>> score =
        ParDo.of(new ScoreFn(settings, statsView));
    if (statsView != null) {
      score = score.withSideInputs(statsView);
    }
    return entries
        .apply("GroupRows", GroupByKey.create())
        .apply("PairProducts", ParDo.of(new PairFn()))
        .setCoder(
            KvCoder.of(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()), DoubleCoder.of()))
        .apply("SumPairs", Combine.perKey(new DotFn()))
        .apply("ScorePairs", score)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Scored.class)))
        .apply("TopK", Top.perKey(settings.k(), new ScoredOrder()));
  }

  /** Every unordered pair of a customer's SKUs with the product of their values. */
  static final class PairFn
      extends DoFn<KV<String, Iterable<RowEntry>>, KV<KV<String, String>, Double>> {
    private final Counter products = Metrics.counter(PairProducts.class, "pair_products");

    @ProcessElement
    public void process(ProcessContext c) {
      List<RowEntry> row = new ArrayList<>();
      c.element().getValue().forEach(row::add);
      row.sort(Comparator.comparing(RowEntry::sku));
      for (int a = 0; a < row.size(); a++) {
        RowEntry i = row.get(a);
        for (int b = a + 1; b < row.size(); b++) {
          RowEntry j = row.get(b);
          // Floats multiply exactly in double, as the single-machine kernel's c_ui * c_uj.
          c.output(KV.of(KV.of(i.sku(), j.sku()), (double) i.value() * j.value()));
        }
      }
      products.inc((long) row.size() * (row.size() - 1) / 2);
    }
  }

  /** A pair's dot product, summed exactly, and the number of customers who have both. */
  static final class DotFn extends Combine.CombineFn<Double, ExactSum, Dot> {
    @Override
    public ExactSum createAccumulator() {
      return new ExactSum();
    }

    @Override
    public ExactSum addInput(ExactSum sum, Double product) {
      sum.add(product);
      return sum;
    }

    @Override
    public ExactSum mergeAccumulators(Iterable<ExactSum> sums) {
      ExactSum merged = new ExactSum();
      for (ExactSum s : sums) {
        merged.addAll(s);
      }
      return merged;
    }

    @Override
    public Dot extractOutput(ExactSum sum) {
      return new Dot(sum.value(), sum.terms());
    }

    @Override
    public Coder<ExactSum> getAccumulatorCoder(CoderRegistry registry, Coder<Double> input)
        throws CannotProvideCoderException {
      return SerializableCoder.of(ExactSum.class);
    }

    @Override
    public Coder<Dot> getDefaultOutputCoder(CoderRegistry registry, Coder<Double> input) {
      return SerializableCoder.of(Dot.class);
    }
  }

  /** A pair's score for both of its SKUs' lists; pairs scoring <= 0 are not neighbours. */
  static final class ScoreFn extends DoFn<KV<KV<String, String>, Dot>, KV<String, Scored>> {
    private final BeamSettings settings;
    private final PCollectionView<Map<String, ColumnStats>> statsView;
    private transient PairwiseSimilarity similarity;

    ScoreFn(BeamSettings settings, PCollectionView<Map<String, ColumnStats>> statsView) {
      this.settings = settings;
      this.statsView = statsView;
    }

    @Setup
    public void setup() {
      similarity = settings.pairwise();
    }

    @ProcessElement
    public void process(ProcessContext c) {
      String a = c.element().getKey().getKey();
      String b = c.element().getKey().getValue();
      Dot dot = c.element().getValue();
      ColumnStats sa = null;
      ColumnStats sb = null;
      if (statsView != null) {
        Map<String, ColumnStats> stats = c.sideInput(statsView);
        sa = stats.get(a);
        sb = stats.get(b);
      }
      double ab = similarity.score(dot.dot(), dot.count(), sa, sb);
      if (ab > 0) {
        c.output(KV.of(a, new Scored(b, ab)));
      }
      double ba = similarity.score(dot.dot(), dot.count(), sb, sa);
      if (ba > 0) {
        c.output(KV.of(b, new Scored(a, ba)));
      }
    }
  }
}
