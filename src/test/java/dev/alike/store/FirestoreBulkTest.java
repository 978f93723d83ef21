package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.api.core.ApiFutures;
import com.google.api.core.SettableApiFuture;
import com.google.cloud.firestore.BulkWriter;
import com.google.cloud.firestore.BulkWriterOptions;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * BulkWriter's flush future can stay pending after every write completed
 * (googleapis/java-firestore#1772); a build must then finish instead of hanging, and must still
 * wait while a write is really pending, but not longer than the stall bound.
 */
@Timeout(20)
class FirestoreBulkTest {
  private final BulkWriter writer = mock(BulkWriter.class);
  private final Firestore db = mock(Firestore.class);
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();

  private FirestoreBulk bulk() {
    when(db.bulkWriter(any(BulkWriterOptions.class))).thenReturn(writer);
    WriteProgress progress = new WriteProgress("test", 3, Duration.ofMinutes(1));
    return new FirestoreBulk(
        db, false, writes, deletes, progress, Duration.ofMillis(20), Duration.ofSeconds(2));
  }

  @Test
  void flushThatNeverCompletes_endsOnceEveryWriteHas_andCloseSkipsTheHungWriter() throws Exception {
    when(writer.set(any(DocumentReference.class), any()))
        .thenReturn(ApiFutures.immediateFuture(mock(WriteResult.class)));
    when(writer.flush()).thenReturn(SettableApiFuture.create()); // never set: the race
    try (FirestoreBulk bulk = bulk()) {
      for (int i = 0; i < 3; i++) {
        bulk.set(mock(DocumentReference.class), Map.of("sku", "s" + i));
      }
      bulk.flush();
    }
    assertEquals(3, writes.get());
    verify(writer, never()).close();
  }

  @Test
  void flushWaitsWhileAWriteIsPending_andEndsWhenItCompletes() throws Exception {
    SettableApiFuture<WriteResult> pending = SettableApiFuture.create();
    when(writer.set(any(DocumentReference.class), any())).thenReturn(pending);
    when(writer.flush()).thenReturn(SettableApiFuture.create());
    try (FirestoreBulk bulk = bulk()) {
      bulk.set(mock(DocumentReference.class), Map.of("sku", "s1"));
      Thread completer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(300);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                pending.set(mock(WriteResult.class));
              });
      completer.start();
      bulk.flush();
      assertTrue(pending.isDone(), "flush returned while the write was still pending");
      completer.join();
    }
    assertEquals(1, writes.get());
  }

  @Test
  void writeThatNeverCompletes_flushFailsAfterTheStallBound_andCloseLeavesTheWriter()
      throws Exception {
    when(writer.set(any(DocumentReference.class), any())).thenReturn(SettableApiFuture.create());
    when(writer.flush()).thenReturn(SettableApiFuture.create());
    long start = System.nanoTime();
    try (FirestoreBulk bulk = bulk()) {
      bulk.set(mock(DocumentReference.class), Map.of("sku", "s1"));
      StoreException e = assertThrows(StoreException.class, bulk::flush);
      assertTrue(e.getMessage().contains("none of 1 pending writes in 2 s"), e.getMessage());
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms >= 2_000 && ms < 10_000, "failed after " + ms + " ms");
    verify(writer, never()).close();
  }

  @Test
  void flushThatCompletes_closesTheWriter() throws Exception {
    when(writer.set(any(DocumentReference.class), any()))
        .thenReturn(ApiFutures.immediateFuture(mock(WriteResult.class)));
    when(writer.flush()).thenReturn(ApiFutures.immediateFuture(null));
    try (FirestoreBulk bulk = bulk()) {
      bulk.set(mock(DocumentReference.class), Map.of("sku", "s1"));
      bulk.flush();
    }
    assertEquals(1, writes.get());
    verify(writer).close();
  }
}
