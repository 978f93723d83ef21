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
  /** {@link Stores#open}. */
  StoreOpener DEFAULT = Stores::open;

  ModelStore open(String spec);
}
