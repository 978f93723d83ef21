package dev.alike.store;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The embedded store: one SQLite database, {@code DIR/alike.db}, no server. The default for local
 * use and for a function that ships its model with it. Tables (see docs/storage.md): {@code
 * versions} (one row per version; {@code finished} is set in the transaction that writes its last
 * documents; {@code model} names its model), {@code sku_documents}, {@code profiles}, {@code
 * applied_updates}, {@code current} (the default model's pointer, one row) and {@code
 * model_current} (the other models' pointers, a row each). Documents are the JSON of {@link
 * StoreCodec}'s stored form, the fields a Firestore document has, and are read back through the
 * same validation: a malformed one is logged and treated as missing.
 *
 * <p>Activation is one transaction, so a reader sees the old version or the new one; a build killed
 * at any point leaves the previous version current. Nothing is cached here: {@link #current()}
 * reads the pointer row on every call (the function's CurrentModel caches it).
 */
public final class LocalModelStore implements ModelStore {
  private static final System.Logger LOG = System.getLogger(LocalModelStore.class.getName());

  /** SKU documents per write transaction. */
  private static final int DOCS_PER_TRANSACTION = 2_000;

  private final Path dir;
  private final LocalProfiles profiles;
  private final LocalReads reader;
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final java.time.Duration busyTimeout;
  private volatile SqliteDatabase db;

  /** A store in {@code dir} whose statements wait up to {@link Stores#DEFAULT_CALL_TIMEOUT}. */
  public LocalModelStore(Path dir) {
    this(dir, Stores.DEFAULT_CALL_TIMEOUT);
  }

  /**
   * A store in {@code dir}; the database file is created on the first write. A statement waits at
   * most {@code busyTimeout} for another process's lock, then fails with a {@link StoreException}.
   */
  public LocalModelStore(Path dir, java.time.Duration busyTimeout) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.busyTimeout = Objects.requireNonNull(busyTimeout, "busyTimeout");
    this.profiles = new LocalProfiles(this::database, reads, writes, deletes);
    this.reader = new LocalReads(() -> database(false), reads);
    if (Files.exists(dir.resolve("CURRENT")) && !Files.exists(dir.resolve(SqliteDatabase.FILE))) {
      LOG.log(
          Level.WARNING,
          "{0} holds a model in the old file format (CURRENT, versions/), which this version does"
              + " not read: run a build to write {1}, then delete the old files",
          dir,
          SqliteDatabase.FILE);
    }
  }

  /**
   * The database, opened on first use and opened again when its file was found damaged or replaced
   * ({@link SqliteDatabase#stale()}), so a serving process recovers once a good file is back; null
   * when reading a store that was never written.
   */
  SqliteDatabase database(boolean create) {
    SqliteDatabase d = db;
    if (d != null && d.stale()) {
      synchronized (this) {
        if (db == d) {
          LOG.log(Level.WARNING, "{0} was damaged or replaced; opening it again", d.file());
          db = null;
          d.close();
        }
      }
      d = db;
    }
    if (d == null) {
      synchronized (this) {
        d = db;
        if (d == null) {
          d = SqliteDatabase.open(dir, create, busyTimeout);
          db = d;
        }
      }
    }
    return d;
  }

  // ---- writing ----

  /**
   * Writes the version row, then the SKU documents in SKU-id order, {@link #DOCS_PER_TRANSACTION}
   * per transaction, then the popular and trending lists and {@code finished} in the last one.
   * Documents are cut to Firestore's size limit as Firestore would cut them, so both stores serve
   * the same lists. The id order makes the {@code (version, sku)} key index append instead of
   * scatter (300k random 40-byte ids: 12.0 s against 4.4 s in Python's sqlite3) and {@link
   * #forEachSku} list them in id order. The next batch's JSON is encoded on the other cores while
   * one is inserted.
   */
  @Override
  public long writeVersion(String model, ModelInfo info, VersionDocuments documents) {
    ModelStore.modelName(model);
    SqliteDatabase db = database(true);
    db.write(
        "start version " + info.version(),
        c -> {
          deleteRows(c, info.version());
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO versions (version, created_at, skus, model) VALUES (?, ?, ?, ?)")) {
            s.setString(1, info.version());
            s.setString(2, info.createdAt().toString());
            s.setLong(3, info.skus());
            s.setString(4, model);
            s.executeUpdate();
          }
          return null;
        });
    DocumentBudget budget = DocumentBudget.firestore();
    AtomicLong cut = new AtomicLong();
    int[] order = documents.indicesInIdOrder();
    CompletableFuture<List<String[]>> next = encode(documents, order, 0, budget, cut);
    for (int from = 0; from < order.length; from += DOCS_PER_TRANSACTION) {
      List<String[]> rows = joined(next);
      next = encode(documents, order, from + DOCS_PER_TRANSACTION, budget, cut);
      db.write("write version " + info.version(), c -> insert(c, info.version(), rows));
      writes.addAndGet(rows.size());
    }
    DocumentBudget.Fitted<List<Neighbor>> popular = budget.fit(documents.popular());
    DocumentBudget.Fitted<List<Neighbor>> trending = budget.fit(documents.trending());
    db.write(
        "finish version " + info.version(),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE versions SET popular = ?, finished = 1 WHERE version = ?")) {
            s.setString(1, LocalDocuments.popularJson(popular.value(), trending.value()));
            s.setString(2, info.version());
            if (s.executeUpdate() != 1) {
              throw new StoreException("version " + info.version() + " was deleted while written");
            }
          }
          return null;
        });
    writes.incrementAndGet();
    return cut.get() + popular.cut() + trending.cut();
  }

  /** The rows (sku, JSON) of the documents {@code order[from ..]} of one transaction. */
  private static CompletableFuture<List<String[]>> encode(
      VersionDocuments documents, int[] order, int from, DocumentBudget budget, AtomicLong cut) {
    int to = Math.min(order.length, from + DOCS_PER_TRANSACTION);
    return CompletableFuture.supplyAsync(
        () ->
            IntStream.range(from, to)
                .parallel()
                .mapToObj(
                    at -> {
                      DocumentBudget.Fitted<SkuDocument> fitted =
                          budget.fit(documents.document(order[at]));
                      cut.addAndGet(fitted.cut());
                      SkuDocument doc = fitted.value();
                      return doc == null
                          ? null
                          : new String[] {doc.sku(), LocalDocuments.json(StoreCodec.write(doc))};
                    })
                .filter(Objects::nonNull)
                .toList());
  }

  /** The future's value; its failure rethrown as it was thrown. */
  static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static Void insert(Connection c, String version, List<String[]> rows)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT OR REPLACE INTO sku_documents (version, sku, doc) VALUES (?, ?, ?)")) {
      for (String[] row : rows) {
        s.setString(1, version);
        s.setString(2, row[0]);
        s.setString(3, row[1]);
        s.addBatch();
      }
      s.executeBatch();
    }
    return null;
  }

  @Override
  public Optional<String> writeReport(String version, String json) {
    int updated =
        database(true)
            .write(
                "keep the report of " + version,
                c -> {
                  try (PreparedStatement s =
                      c.prepareStatement("UPDATE versions SET report = ? WHERE version = ?")) {
                    s.setString(1, json);
                    s.setString(2, version);
                    return s.executeUpdate();
                  }
                });
    return updated == 0
        ? Optional.empty()
        : Optional.of(db.file() + " (versions.report of " + version + ")");
  }

  @Override
  public ProfileWriteStats replaceProfiles(Iterator<CustomerProfile> next) {
    return profiles.replace(next);
  }

  /** In customer-id order: SQLite's primary-key B-tree then appends instead of scattering. */
  @Override
  public ProfileWriteStats replaceProfiles(ProfileColumns columns) {
    return profiles.replace(columns.iteratorInIdOrder());
  }

  @Override
  public boolean addToProfile(
      String updateId, String customer, Map<String, SkuEvents> events, Delivery delivery) {
    return profiles.add(updateId, customer, events, delivery);
  }

  /** All of the update's rows in one transaction: serving sees all of them or none. */
  @Override
  public void updateCatalog(Map<String, Catalog.Change> changes, java.time.Instant at) {
    long micros = StoreCodec.micros(at);
    database(true)
        .write(
            "record a catalog update of " + changes.size() + " SKUs",
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO catalog_updates (at, sku, doc) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, Catalog.Change> e : changes.entrySet()) {
                  s.setLong(1, micros);
                  s.setString(2, e.getKey());
                  s.setString(
                      3,
                      LocalDocuments.json(
                          StoreCodec.write(
                              new StoreCodec.StoredChange(e.getKey(), micros, e.getValue()))));
                  s.addBatch();
                }
                s.executeBatch();
              }
              return null;
            });
    writes.addAndGet(changes.size());
  }

  @Override
  public Map<String, Catalog.Change> catalogChanges(java.time.Instant since) {
    return reader.catalogChanges(since);
  }

  @Override
  public void activate(String version, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep=" + keep + " should be >= 1");
    }
    String model =
        reader
            .finishedModel(version)
            .orElseThrow(() -> new StoreException("version " + version + " was never finished"));
    List<String> pruned = new ArrayList<>();
    database(true)
        .write(
            "switch model " + model + " to version " + version,
            c -> {
              boolean standard = model.equals(DEFAULT_MODEL);
              try (PreparedStatement s =
                  c.prepareStatement(
                      standard
                          ? "INSERT OR REPLACE INTO current (id, version) VALUES (1, ?)"
                          : "INSERT OR REPLACE INTO model_current (version, model) VALUES (?, ?)")) {
                s.setString(1, version);
                if (!standard) {
                  s.setString(2, model);
                }
                s.executeUpdate();
              }
              List<String> finished = new ArrayList<>();
              List<String> unfinished = new ArrayList<>();
              try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT version, finished FROM versions WHERE model = ? ORDER BY version")) {
                s.setString(1, model);
                try (ResultSet r = s.executeQuery()) {
                  while (r.next()) {
                    (r.getBoolean(2) ? finished : unfinished).add(r.getString(1));
                  }
                }
              }
              pruned.addAll(VersionPruning.pruned(version, keep, finished, unfinished));
              for (String old : pruned) {
                deleteRows(c, old);
              }
              pruneCatalogUpdates(c);
              return null;
            });
    writes.incrementAndGet();
    LOG.log(Level.DEBUG, "activated {0}, deleted versions {1}", version, pruned);
  }

  /**
   * Deletes the catalog updates made before every finished version's build started: they apply to
   * no version left (a rollback to a kept version still sees those made after its build).
   */
  private void pruneCatalogUpdates(Connection c) throws SQLException {
    java.time.Instant oldest = null;
    try (PreparedStatement s =
            c.prepareStatement("SELECT created_at FROM versions WHERE finished");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        try {
          java.time.Instant at = java.time.Instant.parse(r.getString(1));
          oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
        } catch (java.time.format.DateTimeParseException e) {
          return; // a malformed row: keep every update rather than guess
        }
      }
    }
    if (oldest != null) {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM catalog_updates WHERE at <= ?")) {
        s.setLong(1, StoreCodec.micros(oldest));
        deletes.addAndGet(s.executeUpdate());
      }
    }
  }

  /** Deletes a version's rows; returns the SKU documents deleted. */
  private long deleteRows(java.sql.Connection c, String version) throws SQLException {
    long docs;
    try (PreparedStatement s = c.prepareStatement("DELETE FROM sku_documents WHERE version = ?")) {
      s.setString(1, version);
      docs = s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("DELETE FROM versions WHERE version = ?")) {
      s.setString(1, version);
      deletes.addAndGet(docs + s.executeUpdate());
    }
    return docs;
  }

  // ---- reading ----

  @Override
  public Optional<ModelInfo> current(String model) {
    return reader.current(model);
  }

  @Override
  public Map<String, SkuDocument> skus(String version, Collection<String> ids) {
    return reader.skus(version, ids);
  }

  @Override
  public void forEachSku(String version, Consumer<SkuDocument> each) {
    if (reader.finishedModel(version).isEmpty()) {
      throw new StoreException("no finished version " + version + " in " + dir);
    }
    reader.forEachSku(version, each);
  }

  @Override
  public List<Neighbor> popular(String version) {
    return reader.popular(version);
  }

  @Override
  public List<Neighbor> trending(String version) {
    return reader.trending(version);
  }

  @Override
  public Optional<CustomerProfile> profile(String customer) {
    return profiles.profile(customer);
  }

  @Override
  public Iterator<CustomerProfile> profiles() {
    return profiles.all();
  }

  @Override
  public List<ModelInfo> versions(String model) {
    return reader.versions(model);
  }

  @Override
  public void deleteVersion(String version) {
    database(true)
        .write(
            "delete version " + version,
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT 1 FROM current WHERE version = ?"
                          + " UNION ALL SELECT 1 FROM model_current WHERE version = ?")) {
                s.setString(1, version);
                s.setString(2, version);
                try (ResultSet r = s.executeQuery()) {
                  if (r.next()) {
                    throw new StoreException(
                        "cannot delete version " + version + ": it is current");
                  }
                }
              }
              return deleteRows(c, version);
            });
  }

  @Override
  public StoreStats stats() {
    return new StoreStats(reads.get(), writes.get(), deletes.get());
  }

  @Override
  public synchronized void close() {
    if (db != null) {
      db.close();
      db = null;
    }
  }
}
