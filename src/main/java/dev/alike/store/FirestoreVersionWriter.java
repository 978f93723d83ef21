package dev.alike.store;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Writes one version's SKU documents to Firestore through a throttled bulk writer. */
final class FirestoreVersionWriter implements ModelStore.VersionWriter {
  private static final System.Logger LOG = System.getLogger(FirestoreVersionWriter.class.getName());
  private final FirestoreModelStore store;
  private final DocumentBudget budget = DocumentBudget.firestore();
  private final ModelInfo info;
  private final WriteProgress progress;
  private final FirestoreBulk bulk;
  private final AtomicLong cut = new AtomicLong();
  private volatile List<Neighbor> popular = List.of();
  private volatile List<Neighbor> trending = List.of();
  private boolean closed;

  FirestoreVersionWriter(FirestoreModelStore store, ModelInfo info) {
    this.store = store;
    this.info = info;
    this.progress = store.progress("version " + info.version(), info.skus());
    this.bulk = store.bulk(progress);
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
    bulk.set(store.skuRef(info.version(), document.sku()), StoreCodec.write(fitted.value()));
  }

  @Override
  public void putPopular(List<Neighbor> list) {
    DocumentBudget.Fitted<List<Neighbor>> fitted = budget.fit(list);
    cut.addAndGet(fitted.cut());
    popular = fitted.value();
  }

  @Override
  public void putTrending(List<Neighbor> list) {
    DocumentBudget.Fitted<List<Neighbor>> fitted = budget.fit(list);
    cut.addAndGet(fitted.cut());
    trending = fitted.value();
  }

  @Override
  public void finish() {
    bulk.flush();
    Map<String, Object> record = StoreCodec.write(info, true);
    record.put(StoreCodec.POPULAR, StoreCodec.writeList(popular));
    record.put(StoreCodec.TRENDING, StoreCodec.writeList(trending));
    store.set(store.versionRef(info.version()), record);
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
