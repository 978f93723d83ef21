package dev.alike.beam;

import dev.alike.beam.Values.ColumnEntry;
import dev.alike.beam.Values.CustomerRow;
import dev.alike.beam.Values.RowEntry;
import dev.alike.beam.Values.Scored;
import dev.alike.model.PairwiseSimilarity;
import dev.alike.model.PairwiseSimilarity.ColumnStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Step 3: one group per SKU column, replayed in the single-machine build's customer order. A first
 * pass gives each column's total score (the popular list's measure, and BM25's length); the mean
 * total over every SKU (a sum in SKU first-seen order, as the matrix code adds it) goes to a second
 * pass as a side input, which gives each entry the similarity's value (from r_ui, the customer's
 * SKU count, the number of SKUs and the totals), the column's norm and statistics, and sends the
 * entries back to their customers as they enter the product (divided by the norm for the cosine
 * family). Linear in the interactions: no pair is formed here.
 */
final class ColumnStage {
  private ColumnStage() {}

  /** The column stage's outputs. */
  record Columns(PCollection<KV<String, RowEntry>> productEntries, PCollection<Scored> totals) {}

  static final TupleTag<KV<String, KV<Double, List<ColumnEntry>>>> SORTED = new TupleTag<>() {};
  static final TupleTag<Scored> TOTALS = new TupleTag<>() {};

  static Columns apply(
      PCollection<CustomerRow> rows,
      PCollectionView<Long> skuCount,
      PCollectionView<Iterable<KV<String, Long>>> skuFirstSeen,
      BeamSettings settings) {
    PCollection<KV<String, ColumnEntry>> byColumn =
        rows.apply("ColumnEntries", ParDo.of(new EntryFn()))
            .setCoder(KvCoder.of(ValueCoders.STRING, ValueCoders.COLUMN_ENTRY));
    PCollectionTuple sorted =
        Grouping.byKey("GroupColumns", byColumn, ValueCoders.COLUMN_ENTRY, settings.buckets())
            .apply(
                "ColumnTotals",
                ParDo.of(new TotalFn()).withOutputTags(SORTED, TupleTagList.of(TOTALS)));
    PCollection<Scored> totals = sorted.get(TOTALS).setCoder(ValueCoders.SCORED);
    PCollectionView<Iterable<Scored>> totalsView = totals.apply("TotalsView", View.asIterable());
    PCollectionView<Double> mean =
        rows.getPipeline()
            .apply("MeanSeed", Create.of(0))
            .apply(
                "MeanTotal",
                ParDo.of(new MeanFn(totalsView, skuFirstSeen, skuCount))
                    .withSideInputs(totalsView, skuFirstSeen, skuCount))
            .setCoder(DoubleCoder.of())
            .apply("MeanView", View.asSingleton());
    PCollection<KV<String, RowEntry>> entries =
        sorted
            .get(SORTED)
            .setCoder(
                KvCoder.of(
                    ValueCoders.STRING,
                    KvCoder.of(DoubleCoder.of(), ListCoder.of(ValueCoders.COLUMN_ENTRY))))
            .apply(
                "ColumnValues",
                ParDo.of(new ValueFn(settings, skuCount, mean)).withSideInputs(skuCount, mean))
            .setCoder(KvCoder.of(ValueCoders.STRING, ValueCoders.ROW_ENTRY));
    return new Columns(entries, totals);
  }

  /** A row's entries, keyed by SKU. */
  static final class EntryFn extends DoFn<CustomerRow, KV<String, ColumnEntry>> {
    @ProcessElement
    public void process(ProcessContext c) {
      CustomerRow row = c.element();
      int n = row.skus().length;
      for (int e = 0; e < n; e++) {
        c.output(
            KV.of(
                row.skus()[e],
                new ColumnEntry(row.customer(), row.position(), row.scores()[e], n)));
      }
    }
  }

  /** One column in customer order, with its total score (also out as a popular candidate). */
  static final class TotalFn
      extends DoFn<KV<String, Iterable<ColumnEntry>>, KV<String, KV<Double, List<ColumnEntry>>>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<ColumnEntry>> column, MultiOutputReceiver out) {
      List<ColumnEntry> entries = new ArrayList<>();
      column.getValue().forEach(entries::add);
      entries.sort(Comparator.comparingLong(ColumnEntry::position));
      double total = 0;
      for (ColumnEntry e : entries) {
        total += e.score();
      }
      if (total > 0) {
        out.get(TOTALS).output(new Scored(column.getKey(), total));
      }
      out.get(SORTED).output(KV.of(column.getKey(), KV.of(total, entries)));
    }
  }

  /** The mean column total: the totals added in SKU first-seen order, over the SKU count. */
  static final class MeanFn extends DoFn<Integer, Double> {
    private final PCollectionView<Iterable<Scored>> totals;
    private final PCollectionView<Iterable<KV<String, Long>>> firstSeen;
    private final PCollectionView<Long> skuCount;

    MeanFn(
        PCollectionView<Iterable<Scored>> totals,
        PCollectionView<Iterable<KV<String, Long>>> firstSeen,
        PCollectionView<Long> skuCount) {
      this.totals = totals;
      this.firstSeen = firstSeen;
      this.skuCount = skuCount;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Map<String, Double> bySku = new HashMap<>();
      c.sideInput(totals).forEach(t -> bySku.put(t.sku(), t.score()));
      List<KV<String, Long>> order = new ArrayList<>();
      c.sideInput(firstSeen).forEach(order::add);
      order.sort(Comparator.comparingLong(KV::getValue));
      double sum = 0;
      for (KV<String, Long> sku : order) {
        sum += bySku.getOrDefault(sku.getKey(), 0.0);
      }
      c.output(PairwiseSimilarity.meanTotal(sum, Math.toIntExact(c.sideInput(skuCount))));
    }
  }

  /** One column's values, norm and statistics; its entries as they enter the product. */
  static final class ValueFn
      extends DoFn<KV<String, KV<Double, List<ColumnEntry>>>, KV<String, RowEntry>> {
    private final BeamSettings settings;
    private final PCollectionView<Long> skuCount;
    private final PCollectionView<Double> mean;
    private transient PairwiseSimilarity similarity;

    ValueFn(BeamSettings settings, PCollectionView<Long> skuCount, PCollectionView<Double> mean) {
      this.settings = settings;
      this.skuCount = skuCount;
      this.mean = mean;
    }

    @Setup
    public void setup() {
      similarity = settings.pairwise();
    }

    @ProcessElement
    public void process(ProcessContext c) {
      String sku = c.element().getKey();
      double total = c.element().getValue().getKey();
      List<ColumnEntry> entries = c.element().getValue().getValue();
      int skus = Math.toIntExact(c.sideInput(skuCount));
      double meanTotal = c.sideInput(mean);
      float[] values = new float[entries.size()];
      double squares = 0;
      for (int e = 0; e < values.length; e++) {
        ColumnEntry entry = entries.get(e);
        values[e] =
            similarity.entryValue(entry.score(), entry.customerSkus(), skus, total, meanTotal);
        squares += (double) values[e] * values[e];
      }
      double inverseNorm = PairwiseSimilarity.inverseNorm(squares);
      ColumnStats stats = new ColumnStats(values.length, inverseNorm);
      for (int e = 0; e < values.length; e++) {
        float value =
            similarity.normalizesColumns()
                ? PairwiseSimilarity.normalize(values[e], inverseNorm)
                : values[e];
        c.output(KV.of(entries.get(e).customer(), new RowEntry(sku, value, stats)));
      }
    }
  }
}
