package dev.alike.store;

import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The local store's version reads: the pointer, version rows, SKU documents and popular lists.
 * Every read joins the version row and requires {@code finished}, so nothing of an unfinished
 * version is ever visible.
 */
final class LocalReads {
  private static final System.Logger LOG = System.getLogger(LocalReads.class.getName());

  /** Ids per {@code IN (...)} query of a batch read. */
  private static final int IDS_PER_QUERY = 500;

  /** Rows of a whole-version scan decoded together ({@link #decodeInOrder}). */
  private static final int DECODE_BATCH = 256;

  /** The database, or null when the store was never written. */
  private final Supplier<SqliteDatabase> database;

  private final AtomicLong reads;

  LocalReads(Supplier<SqliteDatabase> database, AtomicLong reads) {
    this.database = database;
    this.reads = reads;
  }

  /**
   * The current version of {@code model}: the default model's pointer is the {@code current} row,
   * the others' are rows of {@code model_current}.
   */
  Optional<ModelInfo> current(String model) {
    SqliteDatabase d = database.get();
    if (d == null) {
      return Optional.empty();
    }
    reads.incrementAndGet();
    boolean standard = model.equals(ModelStore.DEFAULT_MODEL);
    return d.read(
        "read the current version of model " + model,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT v.version, v.created_at, v.skus, (SELECT seq FROM sqlite_sequence"
                      + " WHERE name = 'catalog_updates') FROM "
                      + (standard
                          ? "current"
                          : "(SELECT version FROM model_current WHERE model = ?)")
                      + " p JOIN versions v ON v.version = p.version AND v.finished")) {
            if (!standard) {
              s.setString(1, model);
            }
            try (ResultSet r = s.executeQuery()) {
              // The last catalog update's number: AUTOINCREMENT never reuses one, so it changes
              // with every update and the pointer stays one read.
              return r.next()
                  ? info(r)
                      .map(i -> new ModelInfo(i.version(), i.createdAt(), i.skus(), getLong(r)))
                  : Optional.empty();
            }
          }
        });
  }

  private static long getLong(ResultSet r) {
    try {
      return r.getLong(4);
    } catch (SQLException e) {
      throw new StoreException("cannot read the catalog generation: " + e.getMessage(), e);
    }
  }

  /** Catalog updates made after {@code since}, merged per SKU in the order made. */
  Map<String, Catalog.Change> catalogChanges(java.time.Instant since) {
    Map<String, Catalog.Change> out = new java.util.LinkedHashMap<>();
    SqliteDatabase d = database.get();
    if (d == null) {
      return out;
    }
    return d.read(
        "read the catalog updates",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT seq, doc FROM catalog_updates WHERE at > ? ORDER BY at, seq")) {
            s.setLong(1, StoreCodec.micros(since));
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                reads.incrementAndGet();
                LocalDocuments.change(r.getLong(1), r.getString(2))
                    .ifPresent(ch -> out.merge(ch.sku(), ch.change(), Catalog.Change::then));
              }
            }
          }
          return out;
        });
  }

  private static Optional<ModelInfo> info(ResultSet r) throws SQLException {
    try {
      return Optional.of(
          new ModelInfo(r.getString(1), Instant.parse(r.getString(2)), r.getLong(3)));
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "malformed version row {0} treated as missing: {1}", r.getString(1), e);
      return Optional.empty();
    }
  }

  /** The model of {@code version} when it is finished; empty when unfinished or unknown. */
  Optional<String> finishedModel(String version) {
    SqliteDatabase d = database.get();
    if (d == null) {
      return Optional.empty();
    }
    reads.incrementAndGet();
    return d.read(
        "read version " + version,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT model FROM versions WHERE version = ? AND finished")) {
            s.setString(1, version);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
          }
        });
  }

  Map<String, SkuDocument> skus(String version, Collection<String> ids) {
    Map<String, SkuDocument> out = new HashMap<>(Math.max(4, ids.size() * 2));
    SqliteDatabase d = database.get();
    if (d == null || ids.isEmpty()) {
      return out;
    }
    List<String> all = new ArrayList<>(new HashSet<>(ids));
    d.read(
        "read SKU documents of " + version,
        c -> {
          for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement s =
                c.prepareStatement(
                    "SELECT d.sku, d.doc FROM sku_documents d JOIN versions v"
                        + " ON v.version = d.version AND v.finished"
                        + " WHERE d.version = ? AND d.sku IN ("
                        + marks
                        + ")")) {
              s.setString(1, version);
              for (int i = 0; i < part.size(); i++) {
                s.setString(i + 2, part.get(i));
              }
              try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                  reads.incrementAndGet();
                  LocalDocuments.sku(r.getString(1), r.getString(2))
                      .ifPresent(doc -> out.put(doc.sku(), doc));
                }
              }
            }
          }
          return null;
        });
    return out;
  }

  /**
   * Decodes a batch of rows on every core and hands them to {@code each} in their order, on this
   * thread; empties the batch. Decoding the JSON takes about four fifths of a whole-version scan
   * (an export's preload), reading the rows the rest.
   */
  private static void decodeInOrder(List<String[]> rows, Consumer<SkuDocument> each) {
    rows.parallelStream()
        .map(row -> LocalDocuments.sku(row[0], row[1]))
        .toList()
        .forEach(doc -> doc.ifPresent(each));
    rows.clear();
  }

  void forEachSku(String version, Consumer<SkuDocument> each) {
    database
        .get()
        .read(
            "read SKU documents of " + version,
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT sku, doc FROM sku_documents WHERE version = ? ORDER BY rowid")) {
                s.setString(1, version);
                try (ResultSet r = s.executeQuery()) {
                  List<String[]> rows = new ArrayList<>(DECODE_BATCH);
                  while (r.next()) {
                    reads.incrementAndGet();
                    rows.add(new String[] {r.getString(1), r.getString(2)});
                    if (rows.size() == DECODE_BATCH) {
                      decodeInOrder(rows, each);
                    }
                  }
                  decodeInOrder(rows, each);
                }
              }
              return null;
            });
  }

  List<Neighbor> popular(String version) {
    String json = versionLists(version, "popular list");
    return json == null ? List.of() : LocalDocuments.versionList(version, json, StoreCodec.POPULAR);
  }

  List<Neighbor> trending(String version) {
    String json = versionLists(version, "trending list");
    return json == null
        ? List.of()
        : LocalDocuments.versionList(version, json, StoreCodec.TRENDING);
  }

  /** The {@code popular} column of a finished version: its popular and trending lists. */
  private String versionLists(String version, String what) {
    SqliteDatabase d = database.get();
    if (d == null) {
      return null;
    }
    reads.incrementAndGet();
    return d.read(
        "read the " + what + " of " + version,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT popular FROM versions WHERE version = ? AND finished")) {
            s.setString(1, version);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? r.getString(1) : null;
            }
          }
        });
  }

  List<ModelInfo> versions(String model) {
    SqliteDatabase d = database.get();
    if (d == null) {
      return List.of();
    }
    return d.read(
        "list versions of model " + model,
        c -> {
          List<ModelInfo> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT version, created_at, skus FROM versions WHERE finished AND model = ?"
                      + " ORDER BY version")) {
            s.setString(1, model);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                info(r).ifPresent(out::add);
              }
            }
          }
          return out;
        });
  }
}
