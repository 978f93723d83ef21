package dev.alike.store;

import com.google.api.core.ApiFuture;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The model in Firestore.
 *
 * <pre>
 * PREFIXmeta/current                       the current version's record (the pointer)
 * PREFIXversions/{version}                 version record: createdAt, skus, finished, popular
 * PREFIXversions/{version}/skus/{sku}      one SKU document: both of its lists
 * PREFIXprofiles/{customer}                one customer profile with its content hash
 * </pre>
 *
 * Ids are {@link DocIds encoded}; field layouts are those of {@link StoreCodec}. A version's SKU
 * documents go through a BulkWriter; the version record is marked finished only after every write
 * succeeded, and the pointer moves only in {@link #activate} to a finished version, so readers
 * never see a half-written model. A rerun of a failed build overwrites the same documents.
 *
 * <p>Changed profiles: each profile document stores {@link ProfileHash}; {@link #replaceProfiles}
 * first pages through the profile collection reading only the {@code hash} field (one billed read
 * per existing profile, no document bodies transferred), then writes only profiles whose hash
 * differs and deletes those not in the new data.
 */
public final class FirestoreModelStore implements ModelStore {
  private static final System.Logger LOG = System.getLogger(FirestoreModelStore.class.getName());

  /** Documents per page when listing: 1,000 keeps a page of hashes or names well under 1 MB. */
  static final int PAGE = 1_000;

  /**
   * How the store behaves.
   *
   * @param prefix prepended to the top-level collection names ("alike_" in production, unique per
   *     test)
   * @param pointerTtl how long {@link #current()} serves its cached pointer before reading it again
   *     (each read is billed)
   * @param progress receives progress lines during bulk writes
   * @param progressInterval how often progress lines are sent (at most 10 s per the issue)
   * @param throttle BulkWriter's 500/50/5 ramp-up; disable only against the emulator
   */
  public record Settings(
      String prefix,
      Duration pointerTtl,
      Consumer<String> progress,
      Duration progressInterval,
      boolean throttle) {
    public Settings {
      Objects.requireNonNull(prefix, "prefix");
      if (prefix.contains("/")) {
        throw new IllegalArgumentException("prefix \"" + prefix + "\" must not contain '/'");
      }
      Objects.requireNonNull(pointerTtl, "pointerTtl");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(progressInterval, "progressInterval");
    }

    /**
     * Production defaults: prefix "alike_", pointer cached 10 s, progress every 10 s, throttled.
     */
    public static Settings defaults(Consumer<String> progress) {
      return new Settings("alike_", Duration.ofSeconds(10), progress, Duration.ofSeconds(10), true);
    }

    public Settings withPrefix(String newPrefix) {
      return new Settings(newPrefix, pointerTtl, progress, progressInterval, throttle);
    }

    public Settings withPointerTtl(Duration ttl) {
      return new Settings(prefix, ttl, progress, progressInterval, throttle);
    }

    public Settings withThrottle(boolean enabled) {
      return new Settings(prefix, pointerTtl, progress, progressInterval, enabled);
    }
  }

  private final Firestore db;
  private final Settings settings;
  private final DocumentBudget budget = DocumentBudget.firestore();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private volatile CachedPointer pointer;

  private record CachedPointer(Optional<ModelInfo> info, long readAt) {}

  /** A store over {@code db}; {@link #close()} closes {@code db}. */
  public FirestoreModelStore(Firestore db, Settings settings) {
    this.db = Objects.requireNonNull(db, "db");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  // ---- layout ----

  DocumentReference pointerRef() {
    return db.collection(settings.prefix() + FirestoreLayout.META).document("current");
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

  DocumentReference profileRef(String customer) {
    return profilesCollection().document(DocIds.encode(customer));
  }

  // ---- writing ----

  @Override
  public VersionWriter openVersion(ModelInfo info) {
    set(versionRef(info.version()), StoreCodec.write(info, false));
    return new FirestoreVersionWriter(info);
  }

  private final class FirestoreVersionWriter implements VersionWriter {
    private final ModelInfo info;
    private final WriteProgress progress;
    private final FirestoreBulk bulk;
    private final AtomicLong cut = new AtomicLong();
    private volatile List<Neighbor> popular = List.of();
    private boolean closed;

    FirestoreVersionWriter(ModelInfo info) {
      this.info = info;
      this.progress =
          new WriteProgress(
              "version " + info.version(),
              info.skus(),
              settings.progress(),
              settings.progressInterval());
      this.bulk = new FirestoreBulk(db, settings.throttle(), writes, deletes, progress);
    }

    @Override
    public void put(SkuDocument document) {
      DocumentBudget.Fitted<SkuDocument> fitted = budget.fit(document);
      cut.addAndGet(fitted.cut());
      if (fitted.value() == null) {
        LOG.log(
            Level.WARNING,
            "SKU document too large even with empty lists, skipped: "
                + StoreException.abbreviate(document.sku()));
        return;
      }
      bulk.set(skuRef(info.version(), document.sku()), StoreCodec.write(fitted.value()));
    }

    @Override
    public void putPopular(List<Neighbor> list) {
      DocumentBudget.Fitted<List<Neighbor>> fitted = budget.fit(list);
      cut.addAndGet(fitted.cut());
      popular = fitted.value();
    }

    @Override
    public void finish() {
      bulk.flush();
      Map<String, Object> record = StoreCodec.write(info, true);
      record.put(StoreCodec.POPULAR, StoreCodec.writeList(popular));
      set(versionRef(info.version()), record);
      close();
    }

    @Override
    public long entriesCut() {
      return cut.get();
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        bulk.close();
        progress.close();
      }
    }
  }

  @Override
  public ProfileWriteStats replaceProfiles(Iterator<CustomerProfile> next) {
    Map<String, String> oldHashes = storedProfileHashes();
    Set<String> seen = new HashSet<>();
    long written = 0;
    long unchanged = 0;
    long cut = 0;
    try (WriteProgress progress =
            new WriteProgress("profiles", 0, settings.progress(), settings.progressInterval());
        FirestoreBulk bulk =
            new FirestoreBulk(db, settings.throttle(), writes, deletes, progress)) {
      while (next.hasNext()) {
        CustomerProfile profile = next.next();
        String docId = DocIds.encode(profile.customer());
        if (!seen.add(docId)) {
          throw new IllegalArgumentException(
              "duplicate customer " + StoreException.abbreviate(profile.customer()));
        }
        DocumentBudget.Fitted<CustomerProfile> fitted = budget.fit(profile);
        cut += fitted.cut();
        if (fitted.value() == null) {
          seen.remove(docId);
          continue;
        }
        Map<String, Object> stored = StoreCodec.write(fitted.value());
        if (stored.get(StoreCodec.HASH).equals(oldHashes.get(docId))) {
          unchanged++;
        } else {
          bulk.set(profilesCollection().document(docId), stored);
          written++;
        }
      }
      long deleted = 0;
      for (String docId : oldHashes.keySet()) {
        if (!seen.contains(docId)) {
          bulk.delete(profilesCollection().document(docId));
          deleted++;
        }
      }
      bulk.flush();
      return new ProfileWriteStats(written, unchanged, deleted, cut);
    }
  }

  /** Document id -> stored hash of every profile, read with a field mask, page by page. */
  private Map<String, String> storedProfileHashes() {
    Map<String, String> hashes = new HashMap<>();
    forEachPage(
        profilesCollection().select(StoreCodec.HASH),
        doc -> {
          Object hash = doc.get(StoreCodec.HASH);
          hashes.put(doc.getId(), hash instanceof String s ? s : "");
        });
    return hashes;
  }

  @Override
  public void activate(String version, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep=" + keep + " should be >= 1");
    }
    ModelInfo info =
        finishedRecord(get(versionRef(version)))
            .orElseThrow(() -> new StoreException("version " + version + " was never finished"));
    set(pointerRef(), StoreCodec.write(info, true));
    pointer = new CachedPointer(Optional.of(info), System.nanoTime());
    prune(version, keep);
  }

  /**
   * Deletes finished versions beyond the newest {@code keep} and unfinished ones older than {@code
   * current}.
   */
  private void prune(String current, int keep) {
    List<String> finished = new ArrayList<>();
    List<String> unfinished = new ArrayList<>();
    for (DocumentSnapshot doc : get(versionsCollection())) {
      Optional<ModelInfo> info = finishedRecord(doc);
      if (info.isPresent()) {
        finished.add(info.get().version());
      } else {
        DocIds.decode(doc.getId()).ifPresent(unfinished::add);
      }
    }
    finished.sort(Comparator.naturalOrder());
    Set<String> kept = new LinkedHashSet<>();
    kept.add(current);
    for (int i = finished.size() - 1; i >= 0 && kept.size() < keep; i--) {
      kept.add(finished.get(i));
    }
    for (String version : finished) {
      if (!kept.contains(version)) {
        deleteVersionDocuments(version);
      }
    }
    for (String version : unfinished) {
      if (version.compareTo(current) < 0) {
        deleteVersionDocuments(version);
      }
    }
  }

  // ---- reading ----

  @Override
  public Optional<ModelInfo> current() {
    CachedPointer p = pointer;
    long now = System.nanoTime();
    if (p != null && now - p.readAt() < settings.pointerTtl().toNanos()) {
      return p.info();
    }
    Optional<ModelInfo> info = readPointer();
    pointer = new CachedPointer(info, now);
    return info;
  }

  private Optional<ModelInfo> readPointer() {
    DocumentSnapshot doc = get(pointerRef());
    if (!doc.exists()) {
      return Optional.empty();
    }
    try {
      return Optional.of(StoreCodec.readInfo(Objects.requireNonNull(doc.getData())));
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
        await(db.getAll(refs), "read " + refs.length + " SKUs of " + version);
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
        malformed("SKU document", doc.getReference(), e);
      }
    }
    return out;
  }

  @Override
  public List<Neighbor> popular(String version) {
    DocumentSnapshot doc = get(versionRef(version));
    if (!doc.exists()) {
      return List.of();
    }
    try {
      return StoreCodec.readList(doc.get(StoreCodec.POPULAR), StoreCodec.POPULAR);
    } catch (StoreCodec.Malformed | IllegalArgumentException e) {
      malformed("popular list in", doc.getReference(), e);
      return List.of();
    }
  }

  @Override
  public boolean addToProfile(String updateId, String customer, Map<String, Double> weights) {
    return new FirestoreProfileUpdates(db, settings.prefix()).add(updateId, customer, weights);
  }

  @Override
  public Optional<CustomerProfile> profile(String customer) {
    return readProfile(get(profileRef(customer)), customer);
  }

  private Optional<CustomerProfile> readProfile(DocumentSnapshot doc, String expected) {
    if (!doc.exists()) {
      return Optional.empty();
    }
    try {
      CustomerProfile profile = StoreCodec.readProfile(Objects.requireNonNull(doc.getData()));
      if (expected != null && !profile.customer().equals(expected)) {
        throw new StoreCodec.Malformed(
            "holds customer " + StoreException.abbreviate(profile.customer()));
      }
      return Optional.of(profile);
    } catch (StoreCodec.Malformed | IllegalArgumentException e) {
      malformed("profile", doc.getReference(), e);
      return Optional.empty();
    }
  }

  @Override
  public Iterator<CustomerProfile> profiles() {
    List<CustomerProfile> out = new ArrayList<>();
    forEachPage(profilesCollection(), doc -> readProfile(doc, null).ifPresent(out::add));
    return out.iterator();
  }

  @Override
  public List<ModelInfo> versions() {
    List<ModelInfo> out = new ArrayList<>();
    for (DocumentSnapshot doc : get(versionsCollection())) {
      finishedRecord(doc).ifPresent(out::add);
    }
    out.sort(Comparator.comparing(ModelInfo::version));
    return out;
  }

  @Override
  public void deleteVersion(String version) {
    if (readPointer().map(ModelInfo::version).filter(version::equals).isPresent()) {
      throw new StoreException("cannot delete version " + version + ": it is current");
    }
    deleteVersionDocuments(version);
  }

  private void deleteVersionDocuments(String version) {
    try (WriteProgress progress =
            new WriteProgress(
                "delete version " + version, 0, settings.progress(), settings.progressInterval());
        FirestoreBulk bulk =
            new FirestoreBulk(db, settings.throttle(), writes, deletes, progress)) {
      forEachPage(
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

  // ---- Firestore calls, counted ----

  private Optional<ModelInfo> finishedRecord(DocumentSnapshot doc) {
    if (!doc.exists() || !StoreCodec.isFinished(Objects.requireNonNull(doc.getData()))) {
      return Optional.empty();
    }
    try {
      ModelInfo info = StoreCodec.readInfo(doc.getData());
      return DocIds.encode(info.version()).equals(doc.getId())
          ? Optional.of(info)
          : Optional.empty();
    } catch (StoreCodec.Malformed e) {
      LOG.log(
          Level.WARNING,
          "malformed version record "
              + doc.getReference().getPath()
              + " treated as unfinished: "
              + e.getMessage());
      return Optional.empty();
    }
  }

  private DocumentSnapshot get(DocumentReference ref) {
    DocumentSnapshot doc = await(ref.get(), "read " + ref.getPath());
    reads.incrementAndGet();
    return doc;
  }

  private List<QueryDocumentSnapshot> get(Query query) {
    List<QueryDocumentSnapshot> docs = await(query.get(), "query").getDocuments();
    reads.addAndGet(Math.max(1, docs.size()));
    return docs;
  }

  private void forEachPage(Query query, Consumer<QueryDocumentSnapshot> each) {
    Query ordered = query.orderBy(FieldPath.documentId()).limit(PAGE);
    QueryDocumentSnapshot last = null;
    while (true) {
      List<QueryDocumentSnapshot> page = get(last == null ? ordered : ordered.startAfter(last));
      page.forEach(each);
      if (page.size() < PAGE) {
        return;
      }
      last = page.get(page.size() - 1);
    }
  }

  @Override
  public void forEachSku(String version, Consumer<SkuDocument> each) {
    if (!get(versionRef(version)).exists()) {
      throw new StoreException("no version " + version);
    }
    forEachPage(
        versionRef(version).collection(FirestoreLayout.SKUS),
        doc -> {
          reads.incrementAndGet();
          try {
            each.accept(StoreCodec.readSku(Objects.requireNonNull(doc.getData())));
          } catch (StoreCodec.Malformed | IllegalArgumentException e) {
            malformed("SKU document", doc.getReference(), e);
          }
        });
  }

  /** Logs a document that failed validation; the caller then treats it as missing. */
  private static void malformed(String what, DocumentReference ref, Exception e) {
    LOG.log(
        Level.WARNING, "malformed " + what + " " + ref.getPath() + " ignored: " + e.getMessage());
  }

  @Override
  public Optional<String> writeReport(String version, String json) {
    DocumentReference ref = versionRef(version);
    await(ref.update(StoreCodec.REPORT, json), "write report of " + ref.getPath());
    writes.incrementAndGet();
    return Optional.of(ref.getPath() + "#" + StoreCodec.REPORT);
  }

  private void set(DocumentReference ref, Map<String, Object> fields) {
    await(ref.set(fields), "write " + ref.getPath());
    writes.incrementAndGet();
  }

  private static <T> T await(ApiFuture<T> future, String what) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted: " + what, e);
    } catch (ExecutionException e) {
      throw new StoreException(
          "Firestore failed to " + what + ": " + e.getCause().getMessage(), e.getCause());
    }
  }
}
