package dev.alike.store;

import com.google.api.core.ApiFuture;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The Firestore store's single-document calls, counted for the build report's cost estimate. */
final class FirestoreCalls {
  private static final System.Logger LOG = System.getLogger(FirestoreCalls.class.getName());

  /** Documents per page when listing: 1,000 keeps a page of hashes or names well under 1 MB. */
  static final int PAGE = 1_000;

  private final AtomicLong reads;
  private final AtomicLong writes;

  FirestoreCalls(AtomicLong reads, AtomicLong writes) {
    this.reads = reads;
    this.writes = writes;
  }

  DocumentSnapshot get(DocumentReference ref) {
    DocumentSnapshot doc = await(ref.get(), "read " + ref.getPath());
    reads.incrementAndGet();
    return doc;
  }

  List<QueryDocumentSnapshot> get(Query query) {
    List<QueryDocumentSnapshot> docs = await(query.get(), "query").getDocuments();
    reads.addAndGet(Math.max(1, docs.size()));
    return docs;
  }

  void forEachPage(Query query, Consumer<QueryDocumentSnapshot> each) {
    paged(query).forEachRemaining(each);
  }

  /**
   * The documents of {@code query} in document-id order, fetched {@value #PAGE} at a time as the
   * iterator is consumed, so a caller streaming a million profiles holds one page.
   */
  Iterator<QueryDocumentSnapshot> paged(Query query) {
    Query ordered = query.orderBy(FieldPath.documentId()).limit(PAGE);
    return new Iterator<>() {
      private List<QueryDocumentSnapshot> page = List.of();
      private int at;
      private boolean more = true;

      @Override
      public boolean hasNext() {
        if (at == page.size() && more) {
          page = get(page.isEmpty() ? ordered : ordered.startAfter(page.get(page.size() - 1)));
          at = 0;
          more = page.size() == PAGE;
        }
        return at < page.size();
      }

      @Override
      public QueryDocumentSnapshot next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.get(at++);
      }
    };
  }

  void set(DocumentReference ref, Map<String, Object> fields) {
    await(ref.set(fields), "write " + ref.getPath());
    writes.incrementAndGet();
  }

  static <T> T await(ApiFuture<T> future, String what) {
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

  /** Logs a document that failed validation; the caller then treats it as missing. */
  static void malformed(String what, DocumentReference ref, Exception e) {
    LOG.log(
        Level.WARNING, "malformed " + what + " " + ref.getPath() + " ignored: " + e.getMessage());
  }

  /** The version record in {@code doc} when it is finished and stored under its own id. */
  static Optional<ModelInfo> finishedRecord(DocumentSnapshot doc) {
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
}
