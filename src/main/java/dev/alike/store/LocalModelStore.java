package dev.alike.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The embedded store: files under one directory, no server. The default for local use and for a
 * function that ships its model with it.
 *
 * <pre>
 * DIR/CURRENT                         the current version's record (JSON), replaced atomically
 * DIR/versions/VERSION/skus.bin       SKU documents and popular list (see {@link PackedVersion})
 * DIR/versions/VERSION/VERSION.json   the version record; "finished": true is written last
 * DIR/profiles.bin                    every customer profile (see {@link PackedProfiles})
 * </pre>
 *
 * Every file is written to a {@code .tmp} sibling and moved into place with {@code ATOMIC_MOVE}, so
 * a reader sees the old file or the new one, never half of one. Version directory names are {@link
 * DocIds#encode encoded} version ids. The binary files end in a CRC32, so a truncated or corrupt
 * file is detected and reads as missing (logged at ERROR), never as garbage.
 *
 * <p>Reads are served from memory: the first read of a version loads its compact arrays (once,
 * thread-safely); a batch read is a hash lookup per id plus building each {@link SkuDocument} from
 * the arrays. At most {@link #CACHED_VERSIONS} versions stay loaded. {@link #current()} re-checks
 * the CURRENT file's modification time and file key at most once per {@code recheck} interval, so
 * another process's activation becomes visible within that interval. Malformed documents are logged
 * and skipped.
 */
public final class LocalModelStore implements ModelStore {
  /** Two: the current version and the one being switched to or away from. */
  static final int CACHED_VERSIONS = 2;

  private static final System.Logger LOG = System.getLogger(LocalModelStore.class.getName());
  private static final String CURRENT = "CURRENT";
  private static final String VERSIONS = "versions";
  private static final String RECORD_FILE = "VERSION.json";
  private static final String PROFILES_FILE = PackedProfiles.FILE;

  /** Files of the JSON Lines format this store wrote before; removed when replaced. */
  private static final List<String> LEGACY_PROFILES = List.of("profiles.jsonl.gz");

  private final Path dir;
  private final long recheckNanos;
  private final Map<String, PackedVersion> loaded = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private volatile Pointer pointer;
  private volatile LoadedProfiles profiles;

  private record Pointer(Optional<ModelInfo> info, Object fileKey, long modified, long checkedAt) {}

  /**
   * @param packed null when no profiles are stored
   */
  private record LoadedProfiles(
      PackedProfiles packed, Object fileKey, long modified, long checkedAt) {}

  /** A store in {@code dir} that re-checks the current pointer at most once a second. */
  public LocalModelStore(Path dir) {
    this(dir, Duration.ofSeconds(1));
  }

  /**
   * A store in {@code dir} (created on first write) that re-checks the CURRENT file and the
   * profiles file at most once per {@code recheck} (zero: on every call).
   */
  public LocalModelStore(Path dir, Duration recheck) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.recheckNanos = recheck.toNanos();
  }

  /** The directory this store keeps its files in. */
  public Path directory() {
    return dir;
  }

  // ---- writing ----

  @Override
  public VersionWriter openVersion(ModelInfo info) {
    Path versionDir = versionDir(info.version());
    try {
      Files.createDirectories(versionDir);
      return new LocalVersionWriter(info, versionDir);
    } catch (IOException e) {
      throw new StoreException("cannot start version " + info.version() + " in " + versionDir, e);
    }
  }

  /**
   * Packs the model's arrays straight into the binary version file (see {@link ModelPacker}): no
   * per-entry objects. Entries of unavailable SKUs are counted into {@code documents.dropped()}.
   */
  @Override
  public long writeVersion(ModelInfo info, CatalogDocuments documents) {
    Path versionDir = versionDir(info.version());
    try {
      Files.createDirectories(versionDir);
      ModelPacker.Packed packed = ModelPacker.pack(documents, DocumentBudget.MAX_FIELD_BYTES);
      documents.countDropped(packed.dropped());
      if (packed.skipped() > 0) {
        LOG.log(
            Level.WARNING,
            "{0} SKU documents too large even with empty lists, skipped",
            packed.skipped());
      }
      finish(info, versionDir, packed.version());
      return packed.cut();
    } catch (IOException e) {
      throw new StoreException("cannot write version " + info.version() + " in " + versionDir, e);
    }
  }

  private void finish(ModelInfo info, Path versionDir, PackedVersion version) throws IOException {
    version.write(versionDir.resolve(PackedVersion.FILE));
    JsonFiles.writeAtomically(versionDir.resolve(RECORD_FILE), StoreCodec.write(info, true));
    writes.addAndGet(version.documentCount() + 2L);
    loaded.remove(info.version());
  }

  private final class LocalVersionWriter implements VersionWriter {
    private final ModelInfo info;
    private final Path versionDir;
    private final VersionPacker packer = new VersionPacker();
    private final DocumentBudget budget = DocumentBudget.firestore();
    private long cut;

    LocalVersionWriter(ModelInfo info, Path versionDir) {
      this.info = info;
      this.versionDir = versionDir;
    }

    @Override
    public synchronized void put(SkuDocument document) {
      DocumentBudget.Fitted<SkuDocument> fitted = budget.fit(document);
      cut += fitted.cut();
      if (fitted.value() == null) {
        LOG.log(
            Level.WARNING,
            "SKU document too large even with empty lists, skipped: {0}",
            abbreviate(document.sku()));
        return;
      }
      packer.add(fitted.value());
    }

    @Override
    public synchronized void putPopular(List<Neighbor> list) {
      DocumentBudget.Fitted<List<Neighbor>> fitted = budget.fit(list);
      cut += fitted.cut();
      packer.popular(fitted.value());
    }

    @Override
    public synchronized void finish() {
      try {
        LocalModelStore.this.finish(info, versionDir, packer.build());
      } catch (IOException e) {
        throw new StoreException(
            "cannot finish version " + info.version() + " in " + versionDir, e);
      }
    }

    @Override
    public synchronized long entriesCut() {
      return cut;
    }

    /** Nothing to clean up: documents stay in memory until {@link #finish}. */
    @Override
    public void close() {}
  }

  @Override
  public ProfileWriteStats replaceProfiles(Iterator<CustomerProfile> next) {
    return replaceProfiles((replacer, file) -> replacer.replace(next, file));
  }

  /** Writes straight from the rows, without a {@link CustomerProfile} per customer. */
  @Override
  public ProfileWriteStats replaceProfiles(ProfileColumns columns) {
    return replaceProfiles((replacer, file) -> replacer.replace(columns, file));
  }

  private interface ProfileWrite {
    ProfileWriteStats run(ProfileReplacer replacer, Path file) throws IOException;
  }

  private ProfileWriteStats replaceProfiles(ProfileWrite write) {
    Path file = dir.resolve(PROFILES_FILE);
    PackedProfiles old = storedProfiles(file);
    reads.addAndGet(old == null ? 0 : old.size());
    ProfileWriteStats stats;
    try {
      Files.createDirectories(dir);
      stats = write.run(new ProfileReplacer(old, DocumentBudget.MAX_FIELD_BYTES), file);
      for (String legacy : LEGACY_PROFILES) {
        Files.deleteIfExists(dir.resolve(legacy));
      }
    } catch (IOException e) {
      throw new StoreException("cannot write profiles to " + file, e);
    }
    writes.addAndGet(stats.written());
    deletes.addAndGet(stats.deleted());
    profiles = null;
    return stats;
  }

  /** The stored profiles for change detection, or null when there are none or they are bad. */
  private static PackedProfiles storedProfiles(Path file) {
    try {
      return PackedProfiles.read(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | StoreCodec.Malformed e) {
      LOG.log(Level.WARNING, "cannot read old profiles " + file + "; rewriting all", e);
      return null;
    }
  }

  @Override
  public void activate(String version, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep=" + keep + " should be >= 1");
    }
    ModelInfo info =
        finishedRecord(version)
            .orElseThrow(() -> new StoreException("version " + version + " was never finished"));
    try {
      Files.createDirectories(dir);
      JsonFiles.writeAtomically(dir.resolve(CURRENT), StoreCodec.write(info, true));
      writes.incrementAndGet();
    } catch (IOException e) {
      throw new StoreException("cannot switch " + dir.resolve(CURRENT) + " to " + version, e);
    }
    pointer = null;
    prune(version, keep);
  }

  /**
   * Deletes finished versions beyond the newest {@code keep} and unfinished ones older than {@code
   * current}.
   */
  private void prune(String current, int keep) {
    List<ModelInfo> finished = versions();
    Set<String> kept = new HashSet<>();
    kept.add(current);
    for (int i = finished.size() - 1; i >= 0 && kept.size() < keep; i--) {
      kept.add(finished.get(i).version());
    }
    for (ModelInfo info : finished) {
      if (!kept.contains(info.version())) {
        deleteVersion(info.version());
      }
    }
    for (String version : versionIds()) {
      if (version.compareTo(current) < 0 && finishedRecord(version).isEmpty()) {
        deleteTree(versionDir(version));
      }
    }
  }

  // ---- reading ----

  @Override
  public Optional<ModelInfo> current() {
    Pointer p = pointer;
    long now = System.nanoTime();
    if (p != null && now - p.checkedAt() < recheckNanos) {
      return p.info();
    }
    Path file = dir.resolve(CURRENT);
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      long modified = attrs.lastModifiedTime().toMillis();
      if (p != null && modified == p.modified() && Objects.equals(attrs.fileKey(), p.fileKey())) {
        pointer = new Pointer(p.info(), p.fileKey(), modified, now);
        return p.info();
      }
      Optional<ModelInfo> info = readRecord(file);
      reads.incrementAndGet();
      pointer = new Pointer(info, attrs.fileKey(), modified, now);
      return info;
    } catch (NoSuchFileException e) {
      pointer = new Pointer(Optional.empty(), null, -1, now);
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file, e);
    }
  }

  @Override
  public Map<String, SkuDocument> skus(String version, Collection<String> ids) {
    PackedVersion v = load(version);
    Map<String, SkuDocument> out = new HashMap<>(Math.max(4, ids.size() * 2));
    for (String id : ids) {
      SkuDocument doc = v.document(id);
      if (doc != null) {
        out.put(id, doc);
      }
    }
    return out;
  }

  @Override
  public void forEachSku(String version, java.util.function.Consumer<SkuDocument> each) {
    if (finishedRecord(version).isEmpty()) {
      throw new StoreException("no finished version " + version + " in " + dir);
    }
    PackedVersion v = load(version);
    for (int doc = 0; doc < v.documents(); doc++) {
      each.accept(v.document(doc));
    }
  }

  @Override
  public List<Neighbor> popular(String version) {
    return load(version).popular();
  }

  PackedVersion load(String version) {
    PackedVersion v = loaded.get(version);
    if (v != null) {
      return v;
    }
    if (finishedRecord(version).isEmpty()) {
      return PackedVersion.empty();
    }
    v = loaded.computeIfAbsent(version, this::readVersion);
    if (loaded.size() > CACHED_VERSIONS) {
      String keepCurrent = current().map(ModelInfo::version).orElse(version);
      loaded.keySet().removeIf(k -> !k.equals(version) && !k.equals(keepCurrent));
    }
    return v;
  }

  private PackedVersion readVersion(String version) {
    Path file = versionDir(version).resolve(PackedVersion.FILE);
    try {
      PackedVersion v = PackedVersion.read(file);
      reads.addAndGet(v.documentCount() + 1L);
      return v;
    } catch (IOException | StoreCodec.Malformed e) {
      LOG.log(Level.ERROR, "cannot read " + file + "; version " + version + " reads as empty", e);
      return PackedVersion.empty();
    }
  }

  @Override
  public boolean addToProfile(String updateId, String customer, Map<String, Double> weights) {
    throw new UnsupportedOperationException(
        "the embedded store takes profile updates once it is on SQLite (issue 14)");
  }

  @Override
  public Optional<CustomerProfile> profile(String customer) {
    PackedProfiles p = loadProfiles().packed();
    return p == null ? Optional.empty() : Optional.ofNullable(p.profile(customer));
  }

  @Override
  public Iterator<CustomerProfile> profiles() {
    PackedProfiles p = loadProfiles().packed();
    return p == null ? Collections.emptyIterator() : p.all();
  }

  /** Every stored profile in packed form, or null when there are none. */
  PackedProfiles packedProfiles() {
    return loadProfiles().packed();
  }

  private LoadedProfiles loadProfiles() {
    LoadedProfiles p = profiles;
    long now = System.nanoTime();
    if (p != null && now - p.checkedAt() < recheckNanos) {
      return p;
    }
    Path file = dir.resolve(PROFILES_FILE);
    synchronized (this) {
      try {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        long modified = attrs.lastModifiedTime().toMillis();
        if (p != null && modified == p.modified() && Objects.equals(attrs.fileKey(), p.fileKey())) {
          p = new LoadedProfiles(p.packed(), p.fileKey(), modified, now);
        } else {
          p = new LoadedProfiles(readProfiles(file), attrs.fileKey(), modified, now);
        }
      } catch (NoSuchFileException e) {
        p = new LoadedProfiles(null, null, -1, now);
      } catch (IOException e) {
        throw new StoreException("cannot read " + file, e);
      }
      profiles = p;
      return p;
    }
  }

  private PackedProfiles readProfiles(Path file) throws IOException {
    try {
      PackedProfiles p = PackedProfiles.read(file);
      reads.addAndGet(p.size());
      return p;
    } catch (StoreCodec.Malformed e) {
      LOG.log(Level.ERROR, "cannot read " + file + "; no profiles until the next build", e);
      return null;
    }
  }

  @Override
  public List<ModelInfo> versions() {
    List<ModelInfo> out = new ArrayList<>();
    for (String version : versionIds()) {
      finishedRecord(version).ifPresent(out::add);
    }
    out.sort(Comparator.comparing(ModelInfo::version));
    return out;
  }

  @Override
  public void deleteVersion(String version) {
    if (current().map(ModelInfo::version).filter(version::equals).isPresent()) {
      throw new StoreException("cannot delete version " + version + ": it is current");
    }
    Optional<ModelInfo> info = finishedRecord(version);
    loaded.remove(version);
    if (deleteTree(versionDir(version))) {
      deletes.addAndGet(info.map(ModelInfo::skus).orElse(0L) + 2);
    }
  }

  @Override
  public StoreStats stats() {
    return new StoreStats(reads.get(), writes.get(), deletes.get());
  }

  @Override
  public void close() {
    loaded.clear();
  }

  // ---- files ----

  private Path versionDir(String version) {
    return dir.resolve(VERSIONS).resolve(DocIds.encode(version));
  }

  private List<String> versionIds() {
    Path root = dir.resolve(VERSIONS);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
      for (Path child : children) {
        DocIds.decode(child.getFileName().toString()).ifPresent(ids::add);
      }
    } catch (IOException e) {
      throw new StoreException("cannot list " + root, e);
    }
    Collections.sort(ids);
    return Collections.unmodifiableList(ids);
  }

  private Optional<ModelInfo> finishedRecord(String version) {
    Path file = versionDir(version).resolve(RECORD_FILE);
    try {
      String text = Files.readString(file);
      Map<String, Object> map = JsonFiles.parseObject(text);
      if (map == null || !StoreCodec.isFinished(map)) {
        return Optional.empty();
      }
      ModelInfo info = StoreCodec.readInfo(map);
      return info.version().equals(version) ? Optional.of(info) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | StoreCodec.Malformed e) {
      LOG.log(
          Level.WARNING,
          "unreadable version record " + file + " treated as unfinished: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<ModelInfo> readRecord(Path file) throws IOException {
    Map<String, Object> map = JsonFiles.parseObject(Files.readString(file));
    try {
      if (map == null) {
        throw new StoreCodec.Malformed("not a JSON object");
      }
      return Optional.of(StoreCodec.readInfo(map));
    } catch (StoreCodec.Malformed e) {
      LOG.log(
          Level.ERROR,
          "malformed pointer " + file + " treated as no current version: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static boolean deleteTree(Path root) {
    if (!Files.exists(root)) {
      return false;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      return true;
    } catch (IOException e) {
      throw new StoreException("cannot delete " + root, e);
    }
  }

  /** An id shortened for log messages (ids may be kilobytes long). */
  static String abbreviate(String id) {
    return id.length() <= 80
        ? "\"" + id + "\""
        : "\"" + id.substring(0, 77) + "...\" (" + id.length() + " chars)";
  }
}
