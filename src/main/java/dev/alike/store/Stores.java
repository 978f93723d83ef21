package dev.alike.store;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.nio.file.Path;

/**
 * Opens a {@link ModelStore} from its spec: {@code local:<dir>} (the embedded store, files under a
 * directory) or {@code firestore} / {@code firestore:<database>} (project and credentials from the
 * environment as the Firestore client finds them; {@code FIRESTORE_EMULATOR_HOST} is honoured).
 */
public final class Stores {
  private Stores() {}

  /**
   * A parsed store spec: kind {@code local} with a directory, or {@code firestore} with a database.
   */
  public record Spec(String kind, String location) {
    /**
     * Parses {@code local:<dir>}, {@code firestore} (database {@code (default)}) or {@code
     * firestore:<databaseId>}.
     *
     * @throws IllegalArgumentException naming the spec when it is none of these
     */
    public static Spec parse(String spec) {
      if (spec == null) {
        throw new IllegalArgumentException("store spec must be given");
      }
      if (spec.startsWith("local:") && spec.length() > "local:".length()) {
        return new Spec("local", spec.substring("local:".length()));
      }
      if (spec.equals("firestore")) {
        return new Spec("firestore", "(default)");
      }
      if (spec.startsWith("firestore:") && spec.length() > "firestore:".length()) {
        return new Spec("firestore", spec.substring("firestore:".length()));
      }
      throw new IllegalArgumentException(
          "store spec \"" + spec + "\" is not local:<dir>, firestore or firestore:<databaseId>");
    }

    @Override
    public String toString() {
      return kind + ":" + location;
    }
  }

  /**
   * Opens the store named by {@code spec} (see {@link Spec#parse}).
   *
   * @throws IllegalArgumentException naming the spec when it is not one of the accepted forms
   */
  public static ModelStore open(String spec) {
    Spec parsed = Spec.parse(spec == null ? null : spec.trim());
    if (parsed.kind().equals("local")) {
      return new LocalModelStore(Path.of(parsed.location()));
    }
    FirestoreOptions.Builder options = FirestoreOptions.getDefaultInstance().toBuilder();
    if (!parsed.location().equals("(default)")) {
      options.setDatabaseId(parsed.location());
    }
    Firestore db = options.build().getService();
    return new FirestoreModelStore(db, FirestoreSettings.defaults());
  }
}
