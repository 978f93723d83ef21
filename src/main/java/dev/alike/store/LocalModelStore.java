package dev.alike.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * DIR/CURRENT                             the current version's record (JSON), replaced atomically
 * DIR/versions/VERSION/skus.jsonl.gz      one SKU document per line (see {@link StoreCodec})
 * DIR/versions/VERSION/popular.json       the popular list
 * DIR/versions/VERSION/VERSION.json       the version record; "finished": true is written last
 * DIR/profiles.jsonl.gz                   every customer profile, one per line, replaced atomically
 * </pre>
 *
 * Every file is written to a {@code .tmp} sibling and moved into place with {@code ATOMIC_MOVE}, so
 * a reader sees the old file or the new one, never half of one. Version directory names are {@link
 * DocIds#encode encoded} version ids.
 *
 * <p>Reads are served from memory: the first read of a version loads all its SKU documents into a
 * hash map (once, thread-safely); later batch reads are hash lookups (~1 us for 50 SKUs). At most
 * {@link #CACHED_VERSIONS} versions stay loaded. {@link #current()} re-checks the CURRENT file's
 * modification time and file key at most once per {@code recheck} interval, so another process's
 * activation becomes visible within that interval. Malformed lines are logged and skipped.
 */
public final class LocalModelStore implements ModelStore {
  /** Two: the current version and the one being switched to or away from. */
  static final int CACHED_VERSIONS = 2;

  private static final System.Logger LOG = System.getLogger(LocalModelStore.class.getName());
  private static final String CURRENT = "CURRENT";
  private static final String VERSIONS = "versions";
  private static final String SKUS_FILE = "skus.jsonl.gz";
  private static final String POPULAR_FILE = "popular.json";
  private static final String RECORD_FILE = "VERSION.json";
  private static final String PROFILES_FILE = "profiles.jsonl.gz";

  private final Path dir;
  private final long recheckNanos;
  private final Map<String, LoadedVersion> loaded = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private volatile Pointer pointer;
  private volatile LoadedProfiles profiles;

  private record Pointer(Optional<ModelInfo> info, Object fileKey, long modified, long checkedAt) {}

  private record LoadedVersion(Map<String, SkuDocument> skus, List<Neighbor> popular) {}

  private record LoadedProfiles(
      Map<String, CustomerProfile> byCustomer, Object fileKey, long modified, long checkedAt) {}

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

  private final class LocalVersionWriter implements VersionWriter {
    private final ModelInfo info;
    private final Path versionDir;
    private final JsonFiles.LinesWriter skus;
    private final DocumentBudget budget = DocumentBudget.firestore();
    private List<Neighbor> popular = List.of();
    private long cut;

    LocalVersionWriter(ModelInfo info, Path versionDir) throws IOException {
      this.info = info;
      this.versionDir = versionDir;
      this.skus = new JsonFiles.LinesWriter(versionDir.resolve(SKUS_FILE));
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
      try {
        skus.write(StoreCodec.write(fitted.value()));
        writes.incrementAndGet();
      } catch (IOException e) {
        throw new StoreException(
            "cannot write SKU " + abbreviate(document.sku()) + " of version " + info.version(), e);
      }
    }

    @Override
    public synchronized void putPopular(List<Neighbor> list) {
      DocumentBudget.Fitted<List<Neighbor>> fitted = budget.fit(list);
      cut += fitted.cut();
      popular = fitted.value();
    }

    @Override
    public synchronized void finish() {
      try {
        skus.commit();
        JsonFiles.writeAtomically(versionDir.resolve(POPULAR_FILE), StoreCodec.writeList(popular));
        JsonFiles.writeAtomically(versionDir.resolve(RECORD_FILE), StoreCodec.write(info, true));
        writes.addAndGet(2);
        loaded.remove(info.version());
      } catch (IOException e) {
        throw new StoreException(
            "cannot finish version " + info.version() + " in " + versionDir, e);
      }
    }

    @Override
    public synchronized long entriesCut() {
      return cut;
    }

    @Override
    public synchronized void close() {
      try {
        skus.close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot clean up unfinished version " + info.version(), e);
      }
    }
  }

  @Override
  public ProfileWriteStats replaceProfiles(Iterator<CustomerProfile> next) {
    Path file = dir.resolve(PROFILES_FILE);
    Map<String, String> oldHashes = storedHashes(file);
    reads.addAndGet(oldHashes.size());
    Set<String> seen = new HashSet<>();
    DocumentBudget budget = DocumentBudget.firestore();
    long written = 0;
    long unchanged = 0;
    long cut = 0;
    try {
      Files.createDirectories(dir);
      try (JsonFiles.LinesWriter out = new JsonFiles.LinesWriter(file)) {
        while (next.hasNext()) {
          CustomerProfile profile = next.next();
          if (!seen.add(profile.customer())) {
            throw new IllegalArgumentException(
                "duplicate customer " + abbreviate(profile.customer()));
          }
          DocumentBudget.Fitted<CustomerProfile> fitted = budget.fit(profile);
          cut += fitted.cut();
          if (fitted.value() == null) {
            seen.remove(profile.customer());
            continue;
          }
          Map<String, Object> stored = StoreCodec.write(fitted.value());
          out.write(stored);
          if (stored.get(StoreCodec.HASH).equals(oldHashes.get(profile.customer()))) {
            unchanged++;
          } else {
            written++;
          }
        }
        out.commit();
      }
    } catch (IOException e) {
      throw new StoreException("cannot write profiles to " + file, e);
    }
    long deleted = oldHashes.keySet().stream().filter(c -> !seen.contains(c)).count();
    writes.addAndGet(written);
    deletes.addAndGet(deleted);
    profiles = null;
    return new ProfileWriteStats(written, unchanged, deleted, cut);
  }

  private Map<String, String> storedHashes(Path file) {
    Map<String, String> hashes = new HashMap<>();
    if (!Files.exists(file)) {
      return hashes;
    }
    try {
      JsonFiles.readLines(
          file,
          (line, map) -> {
            if (map != null
                && map.get(StoreCodec.CUSTOMER) instanceof String c
                && map.get(StoreCodec.HASH) instanceof String h) {
              hashes.put(c, h);
            }
          });
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot read old profiles " + file + "; rewriting all", e);
    }
    return hashes;
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
    LoadedVersion v = load(version);
    Map<String, SkuDocument> out = new HashMap<>(Math.max(4, ids.size() * 2));
    for (String id : ids) {
      SkuDocument doc = v.skus().get(id);
      if (doc != null) {
        out.put(id, doc);
      }
    }
    return out;
  }

  @Override
  public List<Neighbor> popular(String version) {
    return load(version).popular();
  }

  private LoadedVersion load(String version) {
    LoadedVersion v = loaded.get(version);
    if (v != null) {
      return v;
    }
    if (finishedRecord(version).isEmpty()) {
      return new LoadedVersion(Map.of(), List.of());
    }
    v = loaded.computeIfAbsent(version, this::readVersion);
    if (loaded.size() > CACHED_VERSIONS) {
      String keepCurrent = current().map(ModelInfo::version).orElse(version);
      loaded.keySet().removeIf(k -> !k.equals(version) && !k.equals(keepCurrent));
    }
    return v;
  }

  private LoadedVersion readVersion(String version) {
    Path versionDir = versionDir(version);
    Map<String, SkuDocument> skus = new HashMap<>();
    StoreCodec.Interner intern = new StoreCodec.Interner();
    Path file = versionDir.resolve(SKUS_FILE);
    try {
      JsonFiles.readLines(
          file,
          (line, map) -> {
            try {
              if (map == null) {
                throw new StoreCodec.Malformed("not a JSON object");
              }
              SkuDocument doc = StoreCodec.readSku(map, intern);
              skus.put(doc.sku(), doc);
            } catch (StoreCodec.Malformed | IllegalArgumentException e) {
              LOG.log(
                  Level.WARNING,
                  "{0}:{1}: malformed SKU document ignored: {2}",
                  file,
                  line,
                  e.getMessage());
            }
          });
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.ERROR, "cannot read " + file + "; version " + version + " reads as empty", e);
    }
    reads.addAndGet(skus.size() + 1L);
    return new LoadedVersion(skus, readPopular(versionDir.resolve(POPULAR_FILE)));
  }

  private List<Neighbor> readPopular(Path file) {
    try {
      Object value = JsonFiles.GSON.fromJson(Files.readString(file), Object.class);
      return StoreCodec.readList(value, "popular");
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "malformed popular list " + file + " ignored: " + e.getMessage());
      return List.of();
    }
  }

  @Override
  public Optional<CustomerProfile> profile(String customer) {
    return Optional.ofNullable(loadProfiles().byCustomer().get(customer));
  }

  @Override
  public Iterator<CustomerProfile> profiles() {
    return List.copyOf(loadProfiles().byCustomer().values()).iterator();
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
          p = new LoadedProfiles(p.byCustomer(), p.fileKey(), modified, now);
        } else {
          p = new LoadedProfiles(readProfiles(file), attrs.fileKey(), modified, now);
        }
      } catch (NoSuchFileException e) {
        p = new LoadedProfiles(Map.of(), null, -1, now);
      } catch (IOException e) {
        throw new StoreException("cannot read " + file, e);
      }
      profiles = p;
      return p;
    }
  }

  private Map<String, CustomerProfile> readProfiles(Path file) throws IOException {
    Map<String, CustomerProfile> out = new HashMap<>();
    JsonFiles.readLines(
        file,
        (line, map) -> {
          try {
            if (map == null) {
              throw new StoreCodec.Malformed("not a JSON object");
            }
            CustomerProfile profile = StoreCodec.readProfile(map);
            out.put(profile.customer(), profile);
          } catch (StoreCodec.Malformed | IllegalArgumentException e) {
            LOG.log(
                Level.WARNING,
                "{0}:{1}: malformed profile ignored: {2}",
                file,
                line,
                e.getMessage());
          }
        });
    reads.addAndGet(out.size());
    return out;
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
    try (Stream<Path> children = Files.list(root)) {
      return children
          .map(p -> DocIds.decode(p.getFileName().toString()))
          .flatMap(Optional::stream)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new StoreException("cannot list " + root, e);
    }
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
