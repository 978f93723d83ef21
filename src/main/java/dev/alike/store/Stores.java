package dev.alike.store;

import com.google.cloud.ServiceOptions;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens a {@link ModelStore} from its spec: {@code local:<dir>} (the embedded store, files under a
 * directory) or {@code firestore} / {@code firestore:<database>} (project and credentials from the
 * environment as the Firestore client finds them; {@code FIRESTORE_EMULATOR_HOST} is honoured).
 */
public final class Stores {
  /**
   * One store call's bound outside serving (the CLI, exports): 60 s, the Firestore client's own
   * default for a write, instead of its 300 s for reads.
   */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

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

  /** {@link #open(String, Duration)} with {@link #DEFAULT_CALL_TIMEOUT}. */
  public static ModelStore open(String spec) {
    return open(spec, DEFAULT_CALL_TIMEOUT);
  }

  /**
   * Opens the store named by {@code spec} (see {@link Spec#parse}), each of its calls bounded by
   * {@code callTimeout}: for Firestore the client's deadline of every RPC, retries included (reads
   * and queries too, which otherwise wait 300 s), and the longest a bulk write may go without
   * progress; for the embedded store how long a statement waits for another process's lock.
   *
   * @throws IllegalArgumentException naming the spec when it is not one of the accepted forms
   */
  public static ModelStore open(String spec, Duration callTimeout) {
    Spec parsed = Spec.parse(spec == null ? null : spec.trim());
    if (parsed.kind().equals("local")) {
      return new LocalModelStore(Path.of(parsed.location()), callTimeout);
    }
    FirestoreOptions.Builder options =
        FirestoreOptions.getDefaultInstance().toBuilder().setRetrySettings(rpcBound(callTimeout));
    if (!parsed.location().equals("(default)")) {
      options.setDatabaseId(parsed.location());
    }
    Firestore db = options.build().getService();
    return new FirestoreModelStore(db, FirestoreSettings.defaults(callTimeout));
  }

  /**
   * The client's retry settings with every attempt and their total bounded by {@code timeout}: the
   * Firestore client applies these to all unary calls and to its streaming reads
   * (BatchGetDocuments, RunQuery) when they differ from the defaults.
   */
  public static com.google.api.gax.retrying.RetrySettings rpcBound(Duration timeout) {
    return ServiceOptions.getDefaultRetrySettings().toBuilder().setLogicalTimeout(timeout).build();
  }
}
