package dev.alike.beam;

import dev.alike.beam.Values.CustomerRow;
import dev.alike.beam.Values.Scored;
import dev.alike.gcs.CloudStorage;
import dev.alike.gcs.Locations;
import dev.alike.model.IdIndex;
import dev.alike.model.ItemModel;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import dev.alike.store.Catalog;
import dev.alike.store.CatalogDocuments;
import dev.alike.store.CatalogReader;
import dev.alike.store.CustomerProfile;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The writes, through the {@link ModelStore} interface only, so a Beam build leaves the same store
 * layout as a single-machine one: the SKU documents and popular list of a new version (the same
 * {@link CatalogDocuments} join and {@code writeVersion} call, on one worker: Firestore's ramp-up,
 * not the worker, bounds that write), the customer profiles, and last the pointer. Each step is a
 * DoFn on the version id; the pipeline orders them, and a failure anywhere leaves the previous
 * version current.
 */
final class ModelWriter {
  private ModelWriter() {}

  /** The side inputs the version is assembled from. */
  record ModelViews(
      PCollectionView<Iterable<KV<String, Long>>> skus,
      PCollectionView<Iterable<KV<String, List<Scored>>>> similar,
      PCollectionView<Iterable<KV<String, List<Scored>>>> reverse,
      PCollectionView<List<Scored>> popular)
      implements java.io.Serializable {}

  /** Writes the version's SKU documents and popular list; outputs the version id. */
  static final class WriteVersionFn extends DoFn<String, String> {
    private final BeamSettings settings;
    private final StoreOpener opener;
    private final ModelViews views;

    WriteVersionFn(BeamSettings settings, StoreOpener opener, ModelViews views) {
      this.settings = settings;
      this.opener = opener;
      this.views = views;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      String version = c.element();
      ItemModel model = assemble(c);
      CatalogDocuments docs = new CatalogDocuments(model, catalog(settings.catalog()));
      try (ModelStore store = opener.open(settings.store())) {
        long cut =
            store.writeVersion(
                new ModelInfo(version, Instant.ofEpochMilli(settings.startedMillis()), docs.size()),
                docs);
        Metrics.counter(ModelWriter.class, "entries_cut").inc(cut);
      }
      Metrics.counter(ModelWriter.class, "entries_dropped_unavailable").inc(docs.dropped());
      Metrics.counter(ModelWriter.class, "skus").inc(docs.size());
      c.output(version);
    }

    /** The model in the single-machine build's SKU order (first seen in the read). */
    private ItemModel assemble(ProcessContext c) {
      List<KV<String, Long>> first = new ArrayList<>();
      c.sideInput(views.skus()).forEach(first::add);
      first.sort((a, b) -> Long.compare(a.getValue(), b.getValue()));
      List<String> ids = new ArrayList<>(first.size());
      first.forEach(kv -> ids.add(kv.getKey()));
      IdIndex skus = IdIndex.of(ids);
      List<Scored> popular = c.sideInput(views.popular());
      int[] items = new int[popular.size()];
      float[] scores = new float[popular.size()];
      for (int r = 0; r < items.length; r++) {
        items[r] = skus.indexOf(popular.get(r).sku());
        scores[r] = (float) popular.get(r).score();
      }
      return new ItemModel(
          skus,
          lists(skus, c.sideInput(views.similar())),
          lists(skus, c.sideInput(views.reverse())),
          new PopularSkus(items, scores));
    }
  }

  /** Per-SKU lists as CSR arrays over {@code skus}' indices. */
  static NeighborLists lists(IdIndex skus, Iterable<KV<String, List<Scored>>> bySku) {
    Map<Integer, List<Scored>> byIndex = new HashMap<>();
    long entries = 0;
    for (KV<String, List<Scored>> kv : bySku) {
      byIndex.put(skus.indexOf(kv.getKey()), kv.getValue());
      entries += kv.getValue().size();
    }
    int[] ptr = new int[skus.size() + 1];
    int[] items = new int[Math.toIntExact(entries)];
    float[] scores = new float[items.length];
    int at = 0;
    for (int i = 0; i < skus.size(); i++) {
      for (Scored s : byIndex.getOrDefault(i, List.of())) {
        items[at] = skus.indexOf(s.sku());
        scores[at] = (float) s.score();
        at++;
      }
      ptr[i + 1] = at;
    }
    return new NeighborLists(ptr, items, scores);
  }

  /** The catalog at {@code location}, empty when null. */
  static Catalog catalog(String location) {
    if (location == null) {
      return Catalog.empty();
    }
    try (InputStream in = Locations.open(location, CloudStorage::client)) {
      return CatalogReader.read(in, location).catalog();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalog " + location + ": " + e.getMessage(), e);
    }
  }

  /** Replaces the stored customer profiles by the build's rows; outputs the version id. */
  static final class WriteProfilesFn extends DoFn<String, String> {
    private final BeamSettings settings;
    private final StoreOpener opener;
    private final PCollectionView<Iterable<CustomerRow>> rows;

    WriteProfilesFn(
        BeamSettings settings, StoreOpener opener, PCollectionView<Iterable<CustomerRow>> rows) {
      this.settings = settings;
      this.opener = opener;
      this.rows = rows;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Iterator<CustomerRow> it = c.sideInput(rows).iterator();
      Iterator<CustomerProfile> profiles =
          new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public CustomerProfile next() {
              return profile(it.next());
            }
          };
      try (ModelStore store = opener.open(settings.store())) {
        ModelStore.ProfileWriteStats stats = store.replaceProfiles(profiles);
        Metrics.counter(ModelWriter.class, "profiles_written").inc(stats.written());
        Metrics.counter(ModelWriter.class, "profiles_unchanged").inc(stats.unchanged());
        Metrics.counter(ModelWriter.class, "profiles_deleted").inc(stats.deleted());
      }
      c.output(c.element());
    }
  }

  static CustomerProfile profile(CustomerRow row) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int e = 0; e < row.skus().length; e++) {
      scores.put(row.skus()[e], (double) row.scores()[e]);
    }
    return new CustomerProfile(row.customer(), scores);
  }

  /** Points serving at the version, once every write before it succeeded. */
  static final class ActivateFn extends DoFn<String, String> {
    private final BeamSettings settings;
    private final StoreOpener opener;

    ActivateFn(BeamSettings settings, StoreOpener opener) {
      this.settings = settings;
      this.opener = opener;
    }

    @ProcessElement
    public void process(@Element String version, OutputReceiver<String> out) {
      try (ModelStore store = opener.open(settings.store())) {
        store.activate(version, settings.keepVersions());
      }
      out.output(version);
    }
  }
}
