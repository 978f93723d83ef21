package dev.alike.beam;

import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.io.Serializable;

/**
 * Opens the store named by a spec on a worker. The default is {@link Stores#open}; tests pass one
 * that wraps the store to fail part-way.
 */
@FunctionalInterface
public interface StoreOpener extends Serializable {
  /** Stores.open, progress logged. */
  StoreOpener DEFAULT =
      spec ->
          Stores.open(
              spec, line -> System.getLogger("dev.alike.beam").log(System.Logger.Level.INFO, line));

  ModelStore open(String spec);
}
