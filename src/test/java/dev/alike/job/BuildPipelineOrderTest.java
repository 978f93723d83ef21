package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.alike.model.EventLog;
import dev.alike.model.FitOptions;
import dev.alike.model.ModelFit;
import dev.alike.store.Catalog;
import dev.alike.store.CatalogDocuments;
import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.ProfileColumns;
import dev.alike.store.StoreException;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The pointer moves last: only after the version and the profiles were written. */
class BuildPipelineOrderTest {

  private static EventLog events() {
    EventLog log = new EventLog();
    log.add("c1", "a", 6, EventLog.NO_TIME);
    log.add("c1", "b", 2, EventLog.NO_TIME);
    log.add("c2", "a", 0.5, EventLog.NO_TIME);
    log.add("c2", "b", 6, EventLog.NO_TIME);
    return log;
  }

  private static BuildPipeline pipeline() {
    // One attempt per store step: the retries have their own test (BuildPipelineTest).
    return new BuildPipeline(
        new ModelFit(FitOptions.defaults().withThreads(1)),
        2,
        new StoreRetry(java.time.Duration.ofSeconds(60), 1));
  }

  private static ModelStore store() {
    ModelStore store = mock(ModelStore.class);
    when(store.replaceProfiles(any(ProfileColumns.class)))
        .thenReturn(new ModelStore.ProfileWriteStats(2, 0, 0, 0));
    when(store.stats()).thenReturn(new ModelStore.StoreStats(0, 5, 0));
    return store;
  }

  @Test
  void activatesOnlyAfterTheVersionAndProfilesAreWritten() {
    ModelStore store = store();
    BuildReport report = pipeline().run(r -> events(), Catalog.empty(), store);
    String version = String.valueOf(report.count("model_version"));
    // The two writes run concurrently, in either order; the switch follows both.
    InOrder afterVersion = inOrder(store);
    afterVersion
        .verify(store)
        .writeVersion(
            eq(ModelStore.DEFAULT_MODEL), any(ModelInfo.class), any(CatalogDocuments.class));
    afterVersion.verify(store).activate(version, 2);
    InOrder afterProfiles = inOrder(store);
    afterProfiles.verify(store).replaceProfiles(any(ProfileColumns.class));
    afterProfiles.verify(store).activate(version, 2);
  }

  @Test
  void aFailedVersionWrite_neverMovesThePointer() {
    ModelStore store = store();
    when(store.writeVersion(anyString(), any(ModelInfo.class), any(CatalogDocuments.class)))
        .thenThrow(new StoreException("disk full"));
    StoreException e =
        assertThrows(
            StoreException.class, () -> pipeline().run(r -> events(), Catalog.empty(), store));
    assertTrue(e.getMessage().startsWith("cannot write version "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" after 1 attempt(s): disk full"), e.getMessage());
    verify(store, never()).activate(anyString(), anyInt());
  }
}
