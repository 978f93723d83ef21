package dev.alike.store;

import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.SetOptions;
import dev.alike.experiment.AttributionToken;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The model in Firestore.
 *
 * <pre>
 * PREFIXmeta/current                       the default model's current version record (its
 *                                           pointer)
 * PREFIXmeta/current-{model}               the pointer of each other model
 * PREFIXversions/{version}                 version record: createdAt, skus, finished, popular,
 *                                           trending, model (absent: the default model)
 * PREFIXversions/{version}/skus/{sku}      one SKU document: both of its lists
 * PREFIXprofiles/{customer}                one customer profile with its content hash
 * PREFIXupdates/{sha256(id)}              a real-time profile update already applied
 * PREFIXcatalog_updates/{auto id}         one SKU's change of a catalog update
 * </pre>
 *
 * Ids are {@link DocIds encoded}; field layouts are those of {@link StoreCodec}. A version's SKU
 * documents go through a BulkWriter; the version record is marked finished only after every write
 * succeeded, and the pointer moves only in {@link #activate} to a finished version, so readers
 * never see a half-written model. A rerun of a failed build overwrites the same documents.
 * Profiles: see {@link FirestoreProfiles}.
 */
public final class FirestoreModelStore implements ModelStore {
  private static final System.Logger LOG = System.getLogger(FirestoreModelStore.class.getName());

  private final Firestore db;
  private final FirestoreSettings settings;
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final FirestoreCalls calls;
  private final FirestoreProfiles profiles;

  /** A store over {@code db}; {@link #close()} closes {@code db}. */
  public FirestoreModelStore(Firestore db, FirestoreSettings settings) {
    this.db = Objects.requireNonNull(db, "db");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.calls = new FirestoreCalls(reads, writes);
    this.profiles = new FirestoreProfiles(this, calls);
  }

  // ---- layout ----

  private static final String POINTER = "current";

  DocumentReference pointerRef(String model) {
    return metaCollection().document(model.equals(DEFAULT_MODEL) ? POINTER : POINTER + "-" + model);
  }

  private CollectionReference metaCollection() {
    return db.collection(settings.prefix() + FirestoreLayout.META);
  }

  /** The pointers of every model (the meta collection holds nothing else). */
  private List<DocumentSnapshot> pointers() {
    List<DocumentSnapshot> out = new ArrayList<>();
    for (DocumentSnapshot doc : calls.get(metaCollection())) {
      if (doc.getId().equals(POINTER) || doc.getId().startsWith(POINTER + "-")) {
        out.add(doc);
      }
    }
    return out;
  }

  /** The model of a version record; null (no model) when its model field is malformed. */
  private static String modelOf(DocumentSnapshot doc) {
    try {
      return StoreCodec.model(Objects.requireNonNull(doc.getData()));
    } catch (StoreCodec.Malformed e) {
      FirestoreCalls.malformed("version record", doc.getReference(), e);
      return null;
    }
  }

  CollectionReference versionsCollection() {
    return db.collection(settings.prefix() + FirestoreLayout.VERSIONS);
  }

  DocumentReference versionRef(String version) {
    return versionsCollection().document(DocIds.encode(version));
  }

  DocumentReference skuRef(String version, String sku) {
    return versionRef(version).collection(FirestoreLayout.SKUS).document(DocIds.encode(sku));
  }

  CollectionReference profilesCollection() {
    return db.collection(settings.prefix() + FirestoreLayout.PROFILES);
  }

  CollectionReference catalogUpdates() {
    return db.collection(settings.prefix() + FirestoreLayout.CATALOG_UPDATES);
  }

  DocumentReference profileRef(String customer) {
    return profilesCollection().document(DocIds.encode(customer));
  }

  // ---- writing ----

  @Override
  public ProfileWriteStats replaceProfiles(Iterator<CustomerProfile> next) {
    return profiles.replace(next);
  }

  @Override
  public boolean addToProfile(
      String updateId, String customer, Map<String, SkuEvents> events, Delivery delivery) {
    return new FirestoreProfileUpdates(db, settings.prefix())
        .add(updateId, customer, events, delivery);
  }

  @Override
  public Optional<CustomerProfile> profile(String customer) {
    return profiles.profile(customer);
  }

  @Override
  public Iterator<CustomerProfile> profiles() {
    return profiles.all();
  }

  /**
   * The version record unfinished, every SKU document through the throttled bulk writer (in index
   * order: ids written in sorted order would crowd one key range, which Firestore advises against
   * above 500 writes/s), then the record finished, with the popular and trending lists.
   */
  @Override
  public long writeVersion(String model, ModelInfo info, VersionDocuments documents) {
    ModelStore.modelName(model);
    set(versionRef(info.version()), record(model, info, false));
    DocumentBudget budget = DocumentBudget.firestore();
    long cut = 0;
    try (WriteProgress progress = progress("version " + info.version(), info.skus());
        FirestoreBulk bulk = bulk(progress)) {
      for (int i = 0; i < documents.size(); i++) {
        DocumentBudget.Fitted<SkuDocument> fitted = budget.fit(documents.document(i));
        cut += fitted.cut();
        if (fitted.value() != null) {
          bulk.set(skuRef(info.version(), fitted.value().sku()), StoreCodec.write(fitted.value()));
        }
      }
      bulk.flush();
    }
    DocumentBudget.Fitted<List<Neighbor>> popular = budget.fit(documents.popular());
    DocumentBudget.Fitted<List<Neighbor>> trending = budget.fit(documents.trending());
    Map<String, Object> record = record(model, info, true);
    record.put(StoreCodec.POPULAR, StoreCodec.writeList(popular.value()));
    record.put(StoreCodec.TRENDING, StoreCodec.writeList(trending.value()));
    set(versionRef(info.version()), record);
    return cut + popular.cut() + trending.cut();
  }

  /** A version record, with its model's name unless it is the default model. */
  private static Map<String, Object> record(String model, ModelInfo info, boolean finished) {
    Map<String, Object> record = StoreCodec.write(info, finished);
    if (!model.equals(DEFAULT_MODEL)) {
      record.put(StoreCodec.MODEL, model);
    }
    return record;
  }

  void set(DocumentReference ref, Map<String, Object> fields) {
    calls.set(ref, fields);
  }

  FirestoreBulk bulk(WriteProgress progress) {
    return new FirestoreBulk(
        db, settings.throttle(), writes, deletes, progress, settings.callTimeout());
  }

  /** Progress lines for a bulk write, sent where and as often as the settings say. */
  WriteProgress progress(String label, long total) {
    return new WriteProgress(label, total, settings.progressInterval());
  }

  /**
   * Every change through the bulk writer, then each model's pointer's generation incremented (when
   * there is a pointer: without a model nothing is served, and a version activated later reads the
   * updates made after its build anyway).
   */
  @Override
  public void updateCatalog(Map<String, Catalog.Change> changes, Instant at) {
    long micros = StoreCodec.micros(at);
    try (WriteProgress progress = progress("catalog update", changes.size());
        FirestoreBulk bulk = bulk(progress)) {
      for (Map.Entry<String, Catalog.Change> e : changes.entrySet()) {
        bulk.set(
            catalogUpdates().document(),
            StoreCodec.write(new StoreCodec.StoredChange(e.getKey(), micros, e.getValue())));
      }
      bulk.flush();
    }
    for (DocumentSnapshot doc : pointers()) {
      DocumentReference pointer = doc.getReference();
      FirestoreCalls.await(
          pointer.update(StoreCodec.CATALOG_GENERATION, FieldValue.increment(1)),
          "count the catalog update in " + pointer.getPath());
      writes.incrementAndGet();
    }
  }

  @Override
  public Map<String, Catalog.Change> catalogChanges(Instant since) {
    Map<String, Catalog.Change> out = new LinkedHashMap<>();
    calls.forEachPage(
        catalogUpdates()
            .whereGreaterThan(StoreCodec.AT, StoreCodec.micros(since))
            .orderBy(StoreCodec.AT),
        doc -> {
          try {
            StoreCodec.StoredChange c =
                StoreCodec.readChange(Objects.requireNonNull(doc.getData()));
            out.merge(c.sku(), c.change(), Catalog.Change::then);
          } catch (StoreCodec.Malformed e) {
            FirestoreCalls.malformed("catalog update", doc.getReference(), e);
          }
        });
    return out;
  }

  @Override
  public void activate(String version, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep=" + keep + " should be >= 1");
    }
    DocumentSnapshot doc = calls.get(versionRef(version));
    ModelInfo info =
        FirestoreCalls.finishedRecord(doc)
            .orElseThrow(() -> new StoreException("version " + version + " was never finished"));
    String model = modelOf(doc);
    if (model == null) {
      throw new StoreException("version " + version + " names no valid model");
    }
    DocumentReference pointer = pointerRef(model);
    // Merged, not replaced: the catalog generation the pointer carries stays.
    FirestoreCalls.await(
        pointer.set(StoreCodec.write(info, true), SetOptions.merge()),
        "write " + pointer.getPath());
    writes.incrementAndGet();
    prune(model, version, keep);
  }

  /**
   * Deletes model {@code model}'s finished versions beyond its newest {@code keep} and its
   * unfinished ones older than {@code current}.
   */
  private void prune(String model, String current, int keep) {
    List<ModelInfo> finished = new ArrayList<>();
    List<String> finishedOfModel = new ArrayList<>();
    List<String> unfinishedOfModel = new ArrayList<>();
    for (DocumentSnapshot doc : calls.get(versionsCollection())) {
      Optional<ModelInfo> info = FirestoreCalls.finishedRecord(doc);
      info.ifPresent(finished::add);
      if (!model.equals(modelOf(doc))) {
        continue;
      }
      if (info.isPresent()) {
        finishedOfModel.add(info.get().version());
      } else {
        DocIds.decode(doc.getId()).ifPresent(unfinishedOfModel::add);
      }
    }
    List<String> pruned = VersionPruning.pruned(current, keep, finishedOfModel, unfinishedOfModel);
    pruned.forEach(this::deleteVersionDocuments);
    pruneCatalogUpdates(finished, pruned);
  }

  /**
   * Deletes the catalog updates made before every kept version's build, of any model: they apply to
   * none.
   */
  private void pruneCatalogUpdates(List<ModelInfo> finished, List<String> pruned) {
    Instant oldest = null;
    for (ModelInfo v : finished) {
      if (!pruned.contains(v.version()) && (oldest == null || v.createdAt().isBefore(oldest))) {
        oldest = v.createdAt();
      }
    }
    if (oldest == null) {
      return;
    }
    try (WriteProgress progress = progress("delete old catalog updates", 0);
        FirestoreBulk bulk = bulk(progress)) {
      calls.forEachPage(
          catalogUpdates()
              .whereLessThanOrEqualTo(StoreCodec.AT, StoreCodec.micros(oldest))
              .orderBy(StoreCodec.AT)
              .select(new String[0]),
          doc -> bulk.delete(doc.getReference()));
      bulk.flush();
    }
  }

  // ---- reading ----

  @Override
  public Optional<ModelInfo> current(String model) {
    if (!AttributionToken.NAME.matcher(model).matches()) {
      return Optional.empty(); // no document id of a pointer
    }
    DocumentSnapshot doc = calls.get(pointerRef(model));
    if (!doc.exists()) {
      return Optional.empty();
    }
    try {
      Map<String, Object> fields = Objects.requireNonNull(doc.getData());
      ModelInfo info = StoreCodec.readInfo(fields);
      return Optional.of(
          new ModelInfo(
              info.version(), info.createdAt(), info.skus(), StoreCodec.catalogGeneration(fields)));
    } catch (StoreCodec.Malformed e) {
      LOG.log(
          Level.ERROR, "malformed pointer " + doc.getReference().getPath() + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public Map<String, SkuDocument> skus(String version, Collection<String> ids) {
    Map<String, String> idOf = new LinkedHashMap<>();
    for (String id : ids) {
      idOf.put(skuRef(version, id).getPath(), id);
    }
    if (idOf.isEmpty()) {
      return Map.of();
    }
    DocumentReference[] refs =
        idOf.values().stream().map(id -> skuRef(version, id)).toArray(DocumentReference[]::new);
    List<DocumentSnapshot> docs =
        FirestoreCalls.await(db.getAll(refs), "read " + refs.length + " SKUs of " + version);
    reads.addAndGet(refs.length);
    Map<String, SkuDocument> out = new HashMap<>(Math.max(4, docs.size() * 2));
    for (DocumentSnapshot doc : docs) {
      String id = idOf.get(doc.getReference().getPath());
      if (!doc.exists() || id == null) {
        continue;
      }
      try {
        SkuDocument sku = StoreCodec.readSku(Objects.requireNonNull(doc.getData()));
        if (!sku.sku().equals(id)) {
          throw new StoreCodec.Malformed("holds SKU " + StoreException.abbreviate(sku.sku()));
        }
        out.put(id, sku);
      } catch (StoreCodec.Malformed | IllegalArgumentException e) {
        FirestoreCalls.malformed("SKU document", doc.getReference(), e);
      }
    }
    return out;
  }

  @Override
  public List<Neighbor> popular(String version) {
    return versionList(version, StoreCodec.POPULAR);
  }

  @Override
  public List<Neighbor> trending(String version) {
    return versionList(version, StoreCodec.TRENDING);
  }

  /** One list field of a version record; empty when absent or malformed. */
  private List<Neighbor> versionList(String version, String field) {
    DocumentSnapshot doc = calls.get(versionRef(version));
    if (!doc.exists()) {
      return List.of();
    }
    try {
      return StoreCodec.readList(doc.get(field), field);
    } catch (StoreCodec.Malformed | IllegalArgumentException e) {
      FirestoreCalls.malformed(field + " list in", doc.getReference(), e);
      return List.of();
    }
  }

  @Override
  public List<ModelInfo> versions(String model) {
    List<ModelInfo> out = new ArrayList<>();
    for (DocumentSnapshot doc : calls.get(versionsCollection())) {
      if (model.equals(modelOf(doc))) {
        FirestoreCalls.finishedRecord(doc).ifPresent(out::add);
      }
    }
    out.sort(Comparator.comparing(ModelInfo::version));
    return out;
  }

  @Override
  public void deleteVersion(String version) {
    for (DocumentSnapshot pointer : pointers()) {
      if (version.equals(pointer.get(StoreCodec.VERSION))) {
        throw new StoreException(
            "cannot delete version " + version + ": it is current (" + pointer.getId() + ")");
      }
    }
    deleteVersionDocuments(version);
  }

  private void deleteVersionDocuments(String version) {
    try (WriteProgress progress = progress("delete version " + version, 0);
        FirestoreBulk bulk = bulk(progress)) {
      calls.forEachPage(
          versionRef(version).collection(FirestoreLayout.SKUS).select(new String[0]),
          doc -> bulk.delete(doc.getReference()));
      bulk.delete(versionRef(version));
      bulk.flush();
    }
  }

  @Override
  public StoreStats stats() {
    return new StoreStats(reads.get(), writes.get(), deletes.get());
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "closing Firestore client failed", e);
    }
  }

  @Override
  public void forEachSku(String version, Consumer<SkuDocument> each) {
    if (!calls.get(versionRef(version)).exists()) {
      throw new StoreException("no version " + version);
    }
    calls.forEachPage(
        versionRef(version).collection(FirestoreLayout.SKUS),
        doc -> {
          reads.incrementAndGet();
          SkuDocument sku;
          try {
            sku = StoreCodec.readSku(Objects.requireNonNull(doc.getData()));
            if (!DocIds.encode(sku.sku()).equals(doc.getId())) {
              throw new StoreCodec.Malformed("holds SKU " + StoreException.abbreviate(sku.sku()));
            }
          } catch (StoreCodec.Malformed | IllegalArgumentException e) {
            FirestoreCalls.malformed("SKU document", doc.getReference(), e);
            return;
          }
          each.accept(sku); // outside the try: a failure of the caller's is not a bad document
        });
  }

  @Override
  public Optional<String> writeReport(String version, String json) {
    DocumentReference ref = versionRef(version);
    FirestoreCalls.await(ref.update(StoreCodec.REPORT, json), "write report of " + ref.getPath());
    writes.incrementAndGet();
    return Optional.of(ref.getPath() + "#" + StoreCodec.REPORT);
  }
}
