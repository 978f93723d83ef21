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

  /** The factory of the built function: the embedded store and Firestore. */
  static StoreFactory standard() {
    return spec -> {
      StoreSpec.parse(spec);
      return Stores.open(spec, progress -> {});
    };
  }

  /** A parsed {@code ALIKE_STORE} value: kind {@code local} with a directory, or firestore. */
  record StoreSpec(String kind, String location) {
    /** Parses {@code local:<dir>}, {@code firestore}, {@code firestore:<databaseId>}. */
    public static StoreSpec parse(String spec) {
      if (spec == null) {
        throw new IllegalArgumentException("store spec must be given");
      }
      if (spec.startsWith("local:") && spec.length() > "local:".length()) {
        return new StoreSpec("local", spec.substring("local:".length()));
      }
      if (spec.equals("firestore")) {
        return new StoreSpec("firestore", "(default)");
      }
      if (spec.startsWith("firestore:") && spec.length() > "firestore:".length()) {
        return new StoreSpec("firestore", spec.substring("firestore:".length()));
      }
      throw new IllegalArgumentException(
          "store spec \"" + spec + "\" is not local:<dir>, firestore or firestore:<databaseId>");
    }

    @Override
    public String toString() {
      return kind + ":" + location;
    }
  }
}
