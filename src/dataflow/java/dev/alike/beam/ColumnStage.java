package dev.alike.beam;

import dev.alike.beam.Values.ColumnEntry;
import dev.alike.beam.Values.CustomerRow;
import dev.alike.beam.Values.RowEntry;
import dev.alike.beam.Values.Scored;
import dev.alike.model.PairwiseSimilarity;
import dev.alike.model.PairwiseSimilarity.ColumnStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Step 3: one group per SKU column. Each entry gets the similarity's value (from r_ui, the
 * customer's SKU count and the number of SKUs); the column, replayed in the single-machine build's
 * customer order, gives its norm and its total score (the popular list's measure), and its entries
 * go back to their customers as they enter the product (divided by the norm for the cosine family).
 * Linear in the interactions: no pair is formed here.
 */
final class ColumnStage {
  private ColumnStage() {}

  /** The column stage's outputs. */
  record Columns(
      PCollection<KV<String, RowEntry>> productEntries,
      PCollection<KV<String, ColumnStats>> stats,
      PCollection<Scored> totals) {}

  static final TupleTag<KV<String, RowEntry>> ENTRIES = new TupleTag<>() {};
  static final TupleTag<KV<String, ColumnStats>> STATS = new TupleTag<>() {};
  static final TupleTag<Scored> TOTALS = new TupleTag<>() {};

  static Columns apply(
      PCollection<CustomerRow> rows, PCollectionView<Long> skuCount, BeamSettings settings) {
    PCollectionTuple out =
        rows.apply(
                "ColumnEntries", ParDo.of(new EntryFn(settings, skuCount)).withSideInputs(skuCount))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ColumnEntry.class)))
            .apply("GroupColumns", GroupByKey.create())
            .apply(
                "Columns",
                ParDo.of(new ColumnFn(settings))
                    .withOutputTags(ENTRIES, TupleTagList.of(STATS).and(TOTALS)));
    return new Columns(
        out.get(ENTRIES)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(RowEntry.class))),
        out.get(STATS)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ColumnStats.class))),
        out.get(TOTALS).setCoder(SerializableCoder.of(Scored.class)));
  }

  /** A row's entries, keyed by SKU, with the similarity's values. */
  static final class EntryFn extends DoFn<CustomerRow, KV<String, ColumnEntry>> {
    private final BeamSettings settings;
    private final PCollectionView<Long> skuCount;
    private transient PairwiseSimilarity similarity;

    EntryFn(BeamSettings settings, PCollectionView<Long> skuCount) {
      this.settings = settings;
      this.skuCount = skuCount;
    }

    @Setup
    public void setup() {
      similarity = settings.pairwise();
    }

    @ProcessElement
    public void process(ProcessContext c) {
      CustomerRow row = c.element();
      int skus = Math.toIntExact(c.sideInput(skuCount));
      for (int e = 0; e < row.skus().length; e++) {
        float score = row.scores()[e];
        float value = similarity.entryValue(score, row.skus().length, skus);
        c.output(
            KV.of(row.skus()[e], new ColumnEntry(row.customer(), row.position(), score, value)));
      }
    }
  }

  /** One column: norm, total, and the entries as they enter the product. */
  static final class ColumnFn
      extends DoFn<KV<String, Iterable<ColumnEntry>>, KV<String, RowEntry>> {
    private final BeamSettings settings;
    private transient PairwiseSimilarity similarity;

    ColumnFn(BeamSettings settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      similarity = settings.pairwise();
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<ColumnEntry>> column, MultiOutputReceiver out) {
      String sku = column.getKey();
      List<ColumnEntry> entries = new ArrayList<>();
      column.getValue().forEach(entries::add);
      entries.sort(Comparator.comparingLong(ColumnEntry::position));
      double squares = 0;
      double total = 0;
      for (ColumnEntry e : entries) {
        squares += (double) e.value() * e.value();
        total += e.score();
      }
      double inverseNorm = PairwiseSimilarity.inverseNorm(squares);
      if (total > 0) {
        out.get(TOTALS).output(new Scored(sku, total));
      }
      out.get(STATS).output(KV.of(sku, new ColumnStats(entries.size(), inverseNorm)));
      for (ColumnEntry e : entries) {
        float value =
            similarity.normalizesColumns()
                ? PairwiseSimilarity.normalize(e.value(), inverseNorm)
                : e.value();
        out.get(ENTRIES).output(KV.of(e.customer(), new RowEntry(sku, value)));
      }
    }
  }
}
