package dev.alike.store;

import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one version into the local store's database: SKU documents in transactions of a few
 * thousand, then the popular list and the {@code finished} flag in the last transaction. Documents
 * are cut to Firestore's size limit as Firestore would cut them, so both stores serve the same
 * lists.
 */
final class LocalVersionWriter implements ModelStore.VersionWriter {
  private static final System.Logger LOG = System.getLogger(LocalVersionWriter.class.getName());
  private static final int BATCH = 2_000;

  private final ModelInfo info;
  private final SqliteDatabase db;
  private final AtomicLong writes;
  private final DocumentBudget budget = DocumentBudget.firestore();
  private final List<String[]> pending = new ArrayList<>(BATCH);
  private List<Neighbor> popular = List.of();
  private List<Neighbor> trending = List.of();
  private long cut;

  LocalVersionWriter(ModelInfo info, SqliteDatabase db, AtomicLong writes) {
    this.info = info;
    this.db = db;
    this.writes = writes;
  }

  @Override
  public synchronized void put(SkuDocument document) {
    DocumentBudget.Fitted<SkuDocument> fitted = budget.fit(document);
    cut += fitted.cut();
    if (fitted.value() == null) {
      LOG.log(
          Level.WARNING,
          "SKU document too large even with empty lists, skipped: {0}",
          StoreException.abbreviate(document.sku()));
      return;
    }
    pending.add(
        new String[] {document.sku(), LocalDocuments.json(StoreCodec.write(fitted.value()))});
    if (pending.size() == BATCH) {
      flush(false);
    }
  }

  @Override
  public synchronized void putPopular(List<Neighbor> list) {
    DocumentBudget.Fitted<List<Neighbor>> fitted = budget.fit(list);
    cut += fitted.cut();
    popular = fitted.value();
  }

  @Override
  public synchronized void putTrending(List<Neighbor> list) {
    DocumentBudget.Fitted<List<Neighbor>> fitted = budget.fit(list);
    cut += fitted.cut();
    trending = fitted.value();
  }

  @Override
  public synchronized void finish() {
    flush(true);
  }

  private void flush(boolean last) {
    db.write(
        (last ? "finish" : "write") + " version " + info.version(),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO sku_documents (version, sku, doc) VALUES (?, ?, ?)")) {
            for (String[] row : pending) {
              s.setString(1, info.version());
              s.setString(2, row[0]);
              s.setString(3, row[1]);
              s.addBatch();
            }
            s.executeBatch();
          }
          if (last) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "UPDATE versions SET popular = ?, finished = 1 WHERE version = ?")) {
              s.setString(1, LocalDocuments.popularJson(popular, trending));
              s.setString(2, info.version());
              if (s.executeUpdate() != 1) {
                throw new StoreException(
                    "version " + info.version() + " was deleted while written");
              }
            }
          }
          return null;
        });
    writes.addAndGet(pending.size() + (last ? 1 : 0));
    pending.clear();
  }

  @Override
  public synchronized long entriesCut() {
    return cut;
  }

  /** Abandons what is not yet flushed; the unfinished rows stay for a rerun or a prune. */
  @Override
  public synchronized void close() {
    pending.clear();
  }
}
