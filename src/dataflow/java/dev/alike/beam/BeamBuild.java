package dev.alike.beam;

import dev.alike.beam.Values.CustomerRow;
import dev.alike.beam.Values.Event;
import dev.alike.beam.Values.Scored;
import dev.alike.events.EventReader;
import dev.alike.events.IngestReport;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.Min;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The batch build on Apache Beam, top to bottom as the single-machine {@code BuildPipeline} reads:
 * read and check the events, customer rows (sums, decay, cap), SKU columns (values, norms, totals),
 * pair products summed per pair, each SKU's top k, reverse lists, popular SKUs; then write a new
 * version, the profiles, and flip the pointer only after both writes and the rejected-share check
 * succeeded ({@code Wait.on}).
 */
public final class BeamBuild {
  private BeamBuild() {}

  /** Adds the build to {@code p}; returns the activated version id (one element). */
  public static PCollection<String> expand(Pipeline p, BeamSettings settings, StoreOpener opener) {
    ValueCoders.registerAll(p.getCoderRegistry());
    ReadEvents.Read read = ReadEvents.apply(p, settings);
    PCollection<Event> events = read.events();
    PCollectionView<Iterable<ReadEvents.FileCounts>> counts =
        read.counts().apply("CountsView", View.asIterable());
    PCollection<String> checked =
        p.apply("Version", Create.of(settings.version()))
            .apply("CheckRejected", ParDo.of(new CheckFn(settings, counts)).withSideInputs(counts));

    PCollectionView<Long> newest =
        events
            .apply("Times", MapElements.into(TypeDescriptors.longs()).via(Event::time))
            .apply("Newest", Max.longsGlobally())
            .apply("NewestView", View.asSingleton());
    PCollection<KV<String, Long>> skuFirstSeen =
        events
            .apply(
                "SkuPositions",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(e -> KV.of(e.sku(), e.position())))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .apply("FirstSeen", Min.longsPerKey());
    PCollectionView<Long> skuCount =
        skuFirstSeen.apply("CountSkus", Count.globally()).apply("SkuCountView", View.asSingleton());

    PCollectionView<Iterable<KV<String, Long>>> skusView =
        skuFirstSeen.apply("SkusView", View.asIterable());
    PCollection<CustomerRow> rows = CustomerRows.apply(events, newest, settings);
    ColumnStage.Columns columns = ColumnStage.apply(rows, skuCount, skusView, settings);
    PCollection<KV<String, CoRow>> coRows =
        PairProducts.coRows(columns.productEntries(), settings.buckets());
    PCollection<KV<String, List<Scored>>> candidates =
        PairProducts.best(coRows, settings, settings.candidates());
    PCollection<KV<String, List<Scored>>> similar =
        settings.candidates() == settings.k() ? candidates : firstK(candidates, settings.k());
    PCollection<KV<String, List<Scored>>> weights =
        settings
            .ease()
            .map(
                e ->
                    EaseRegression.apply(
                        candidates, coRows, e.lambda(), settings.k(), settings.buckets()))
            .orElse(similar);
    PCollection<KV<String, List<Scored>>> reverse =
        ReverseLists.apply(weights, settings.maxReverse(), settings.buckets());
    PCollection<List<Scored>> popular =
        columns.totals().apply("Popular", Top.of(settings.popularLimit(), new ScoredOrder()));

    ModelWriter.ModelViews views =
        new ModelWriter.ModelViews(
            skusView,
            similar.apply("SimilarView", View.asIterable()),
            reverse.apply("ReverseView", View.asIterable()),
            popular.apply("PopularView", View.asSingleton()));
    PCollection<String> versionWritten =
        checked.apply(
            "WriteVersion",
            ParDo.of(new ModelWriter.WriteVersionFn(settings, opener, views))
                .withSideInputs(views.skus(), views.similar(), views.reverse(), views.popular()));
    PCollectionView<Iterable<CustomerRow>> rowsView = rows.apply("RowsView", View.asIterable());
    // The local store is one directory written by one process at a time: profiles follow the
    // version there; Firestore takes both at once.
    PCollection<String> profilesInput =
        settings.store().startsWith("local:")
            ? checked.apply("AfterVersion", Wait.on(versionWritten))
            : checked;
    PCollection<String> profilesWritten =
        profilesInput.apply(
            "WriteProfiles",
            ParDo.of(new ModelWriter.WriteProfilesFn(settings, opener, rowsView))
                .withSideInputs(rowsView));
    return checked
        .apply("AfterWrites", Wait.on(versionWritten, profilesWritten))
        .apply("Activate", ParDo.of(new ModelWriter.ActivateFn(settings, opener)));
  }

  /** The first k of each list (EASE keeps C candidates; its "similar products" are the first k). */
  private static PCollection<KV<String, List<Scored>>> firstK(
      PCollection<KV<String, List<Scored>>> lists, int k) {
    return lists
        .apply(
            "SimilarK",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(),
                        TypeDescriptors.lists(TypeDescriptor.of(Scored.class))))
                .via(
                    kv ->
                        KV.of(
                            kv.getKey(),
                            List.copyOf(
                                kv.getValue().subList(0, Math.min(k, kv.getValue().size()))))))
        .setCoder(lists.getCoder());
  }

  /**
   * Fails the build, as the single-machine read does, when no event was found or too many were
   * rejected; passes the version id on otherwise.
   */
  static final class CheckFn extends DoFn<String, String> {
    private final BeamSettings settings;
    private final PCollectionView<Iterable<ReadEvents.FileCounts>> counts;

    CheckFn(BeamSettings settings, PCollectionView<Iterable<ReadEvents.FileCounts>> counts) {
      this.settings = settings;
      this.counts = counts;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      IngestReport report = ReadEvents.report(c.sideInput(counts));
      List<String> files = settings.files();
      new EventReader(settings.ingest())
          .check(
              report,
              files.size() + " input(s): " + files.get(0) + (files.size() > 1 ? ", ..." : ""));
      c.output(c.element());
    }
  }
}
