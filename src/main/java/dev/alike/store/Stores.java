package dev.alike.store;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Opens a {@link ModelStore} from its spec: {@code local:<dir>} (the embedded store, files under a
 * directory) or {@code firestore} / {@code firestore:<database>} (project and credentials from the
 * environment as the Firestore client finds them; {@code FIRESTORE_EMULATOR_HOST} is honoured).
 */
public final class Stores {
  private Stores() {}

  /**
   * @param progress receives progress lines of long writes
   * @throws IllegalArgumentException naming the spec when it is not one of the forms above
   */
  public static ModelStore open(String spec, Consumer<String> progress) {
    String s = spec == null ? "" : spec.trim();
    if (s.startsWith("local:") && s.length() > "local:".length()) {
      return new LocalModelStore(Path.of(s.substring("local:".length())));
    }
    if (s.equals("firestore") || s.startsWith("firestore:")) {
      String database = s.equals("firestore") ? "" : s.substring("firestore:".length());
      FirestoreOptions.Builder options = FirestoreOptions.getDefaultInstance().toBuilder();
      if (!database.isEmpty()) {
        options.setDatabaseId(database);
      }
      Firestore db = options.build().getService();
      return new FirestoreModelStore(db, FirestoreModelStore.Settings.defaults(progress));
    }
    throw new IllegalArgumentException(
        "unknown store \"" + spec + "\": use local:<dir>, firestore or firestore:<database>");
  }
}
