package dev.alike.function;

import dev.alike.store.ModelStore;
import dev.alike.store.StoreException;
import dev.alike.store.Stores;

/**
 * Opens the {@link ModelStore} named by an {@code ALIKE_STORE} value. The function calls it once,
 * lazily, on its first request.
 */
@FunctionalInterface
public interface StoreFactory {

  /**
   * Opens the store for {@code spec}.
   *
   * @throws IllegalArgumentException when {@code spec} is not {@code local:<dir>}, {@code
   *     firestore} or {@code firestore:<databaseId>}
   * @throws StoreException when the store cannot be opened
   */
  ModelStore open(String spec);

  /**
   * The factory of the built function: the embedded store and Firestore, each call bounded by
   * {@code deadlines}' store call deadline in the client itself (Firestore's RPC deadline, SQLite's
   * busy timeout), so a call that serving abandons at its deadline does not hold a thread for
   * minutes more.
   */
  static StoreFactory standard(Deadlines deadlines) {
    return spec -> Stores.open(spec, deadlines.storeCall());
  }
}
