package dev.alike.beam;

import dev.alike.beam.Values.RowEntry;
import dev.alike.beam.Values.Scored;
import dev.alike.model.PairwiseSimilarity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Step 4, the quadratic one, in the "stripes" shape: each customer's row adds its products to the
 * {@link CoRow} of each of its SKUs (the exact dot and co-count with every SKU it shares a customer
 * with), summed in memory over the whole bundle first (in-mapper combining, flushed at {@link
 * #MAX_CELLS}), then per SKU by {@code Combine.perKey} (lifted on Dataflow). A customer with n SKUs
 * still makes n(n-1) products (each pair for both SKUs; the per-customer cap bounds that at
 * 249,500, docs/scale.md), but the shuffle carries at most one partial row per SKU and bundle: one
 * element per pair drowned the DirectRunner, which builds one bundle per key of a grouping. Each
 * row's pair scores then give the SKU's best list, ties by SKU id.
 */
final class PairProducts {
  /**
   * Cells held by one bundle's partial rows before they are flushed: ~150 bytes each, so about 300
   * MB, well within a Dataflow worker's heap and enough to hold 1M events' rows at once.
   */
  static final int MAX_CELLS = 2_000_000;

  private PairProducts() {}

  /** Every SKU's co-occurrence row from the product entries keyed by customer. */
  static PCollection<KV<String, CoRow>> coRows(
      PCollection<KV<String, RowEntry>> entries, int buckets) {
    PCollection<KV<String, CoRow>> partial =
        Grouping.byKey("GroupRows", entries, ValueCoders.ROW_ENTRY, buckets)
            .apply("PartialRows", ParDo.of(new PartialRowsFn()))
            .setCoder(KvCoder.of(ValueCoders.STRING, CoRow.CODER));
    PCollection<KV<String, CoRow>> summed =
        buckets == 0
            ? partial.apply("SumRows", Combine.perKey(new CoRowFn()))
            : Grouping.byKey("GroupPartials", partial, CoRow.CODER, buckets)
                .apply("SumRows", Combine.groupedValues(new CoRowFn()));
    return summed.setCoder(KvCoder.of(ValueCoders.STRING, CoRow.CODER));
  }

  /** Each SKU's best {@code keep} neighbours by the similarity's pair score (> 0 only). */
  static PCollection<KV<String, List<Scored>>> best(
      PCollection<KV<String, CoRow>> rows, BeamSettings settings, int keep) {
    return rows.apply("ScorePairs", ParDo.of(new ScoreFn(settings, keep)))
        .setCoder(KvCoder.of(ValueCoders.STRING, ListCoder.of(ValueCoders.SCORED)));
  }

  /** Customers' rows added into their SKUs' partial rows, held for the bundle. */
  static final class PartialRowsFn extends DoFn<KV<String, Iterable<RowEntry>>, KV<String, CoRow>> {
    private final Counter products = Metrics.counter(PairProducts.class, "pair_products");
    private transient Map<String, CoRow> rows;
    private transient long cells;

    @StartBundle
    public void start() {
      rows = new HashMap<>();
      cells = 0;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      List<RowEntry> entries = new ArrayList<>();
      c.element().getValue().forEach(entries::add);
      RowEntry[] row = entries.toArray(new RowEntry[0]);
      for (int e = 0; e < row.length; e++) {
        cells += rows.computeIfAbsent(row[e].sku(), s -> new CoRow()).add(row, e);
      }
      products.inc((long) row.length * (row.length - 1) / 2);
      if (cells > MAX_CELLS) {
        rows.forEach((sku, r) -> c.output(KV.of(sku, r)));
        start();
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      rows.forEach(
          (sku, r) ->
              c.output(KV.of(sku, r), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE));
      rows = null;
    }
  }

  /** Partial rows of one SKU summed. */
  static final class CoRowFn extends Combine.CombineFn<CoRow, CoRow, CoRow> {
    @Override
    public CoRow createAccumulator() {
      return new CoRow();
    }

    @Override
    public CoRow addInput(CoRow sum, CoRow partial) {
      sum.addAll(partial);
      return sum;
    }

    @Override
    public CoRow mergeAccumulators(Iterable<CoRow> rows) {
      CoRow merged = new CoRow();
      for (CoRow r : rows) {
        merged.addAll(r);
      }
      return merged;
    }

    @Override
    public CoRow extractOutput(CoRow row) {
      return row;
    }

    @Override
    public Coder<CoRow> getAccumulatorCoder(CoderRegistry registry, Coder<CoRow> input) {
      return CoRow.CODER;
    }

    @Override
    public Coder<CoRow> getDefaultOutputCoder(CoderRegistry registry, Coder<CoRow> input) {
      return CoRow.CODER;
    }
  }

  /**
   * SKU i's list from its row: s_ij for every co-occurring j, from the dot, the co-count and both
   * columns' statistics; pairs scoring <= 0 are not neighbours.
   */
  static final class ScoreFn extends DoFn<KV<String, CoRow>, KV<String, List<Scored>>> {
    private final BeamSettings settings;
    private final int keep;
    private transient PairwiseSimilarity similarity;

    ScoreFn(BeamSettings settings, int keep) {
      this.settings = settings;
      this.keep = keep;
    }

    @Setup
    public void setup() {
      similarity = settings.pairwise();
    }

    @ProcessElement
    public void process(ProcessContext c) {
      CoRow row = c.element().getValue();
      List<Scored> scored = new ArrayList<>();
      for (Map.Entry<String, CoRow.Cell> j : row.cells().entrySet()) {
        ExactSum dot = j.getValue().dot();
        double s = similarity.score(dot.value(), dot.terms(), row.own(), j.getValue().stats());
        if (s > 0) {
          scored.add(new Scored(j.getKey(), s));
        }
      }
      if (!scored.isEmpty()) {
        c.output(KV.of(c.element().getKey(), ScoredOrder.best(scored, keep)));
      }
    }
  }
}
