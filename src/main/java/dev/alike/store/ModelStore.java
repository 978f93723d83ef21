package dev.alike.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where models live between the batch job and the function: the embedded local store (one SQLite
 * file) or Firestore. SKU documents and popular lists are versioned; a pointer names the current
 * version and moves only in {@link #activate}, after a version is completely written. Customer
 * profiles are not versioned: a build rewrites only those that changed.
 *
 * <p>A store holds one or more named models (an experiment's variants each need their own): each
 * model has its own versions and its own pointer; {@link #DEFAULT_MODEL} is the one a build writes
 * without {@code --model}, and the methods without a model name are about it. Version ids are
 * unique in the whole store, so the SKU reads ({@link #skus}, {@link #popular}, ...) take a version
 * alone. Profiles and catalog updates are shared by every model.
 *
 * <p>Implementations are thread-safe. Reads of malformed stored data log and treat it as missing.
 * Failures of the backing service surface as {@link StoreException}.
 */
public interface ModelStore extends AutoCloseable {

  /** The model of a build without {@code --model}: what serving shows outside experiments. */
  String DEFAULT_MODEL = "default";

  /**
   * {@code name} when it is a valid model name ({@link dev.alike.experiment.AttributionToken#NAME}:
   * it becomes part of a Firestore document id).
   *
   * @throws IllegalArgumentException naming the value otherwise
   */
  static String modelName(String name) {
    if (name == null || !dev.alike.experiment.AttributionToken.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "model name \"" + name + "\" should be 1 to 24 letters, digits, '_' or '-'");
    }
    return name;
  }

  // ---- writing (the batch job) ----

  /**
   * Writes every document of a version of model {@code model} (anything already written under that
   * version, an interrupted earlier attempt, is overwritten) and marks it finished, but not
   * current: nothing is visible to readers until {@link #activate}. Returns the number of list
   * entries cut to fit the store's document size limit ({@link DocumentBudget}; documents skipped
   * count all their entries).
   *
   * @throws IllegalArgumentException for an invalid model name ({@link #modelName})
   * @throws StoreException when any write fails (the version then stays unfinished)
   */
  long writeVersion(String model, ModelInfo info, VersionDocuments documents);

  /** {@link #writeVersion(String, ModelInfo, VersionDocuments)} of the default model. */
  default long writeVersion(ModelInfo info, VersionDocuments documents) {
    return writeVersion(DEFAULT_MODEL, info, documents);
  }

  /**
   * Keeps a build's JSON report beside version {@code version}'s model, where the store can (the
   * local store a {@code report} column of its {@code versions} row, Firestore a {@code report}
   * field of the version document). Returns where it went, or empty when this store keeps no
   * reports.
   */
  default Optional<String> writeReport(String version, String json) {
    return Optional.empty();
  }

  /**
   * Makes {@code profiles} the stored customer profiles: writes new and changed ones, deletes
   * profiles of customers not in the iterator.
   */
  ProfileWriteStats replaceProfiles(Iterator<CustomerProfile> profiles);

  /**
   * {@link #replaceProfiles(Iterator)} from the build's CSR rows; stores with a bulk path override
   * it to skip building a {@link CustomerProfile} per customer. Customer ids are unique by
   * construction of the {@link dev.alike.model.IdIndex}.
   */
  default ProfileWriteStats replaceProfiles(ProfileColumns profiles) {
    return replaceProfiles(profiles.iterator());
  }

  /**
   * Adds real-time events to one customer's stored profile (creating the profile when there is
   * none): their weights, times and purchases ({@link ProfileAddition}), atomically for that
   * customer and at most once per {@code updateId}: a second call with an id already applied
   * changes nothing and returns false (Pub/Sub delivers at least once). Scores add to the stored
   * r_uj; the build later recomputes every profile from all events.
   *
   * @param events SKU -> what the update's events add to it
   * @param delivery the update's live delivery or the build's replay of an event it did not count
   * @return true if applied, false if {@code updateId} was applied before
   */
  boolean addToProfile(
      String updateId, String customer, Map<String, SkuEvents> events, Delivery delivery);

  /**
   * How {@link #addToProfile} decides that an update was applied before. Every applied update is
   * remembered twice: a marker per update id (kept for days: Pub/Sub may redeliver a message after
   * a build counted it) and its key in the profile ({@link CustomerProfile#updates}, dropped when a
   * build replaces the profile).
   */
  enum Delivery {
    /** From the events endpoint or a Pub/Sub push: skipped when its marker exists. */
    LIVE,
    /**
     * From the build, for an event it did not count (accepted while it ran): skipped only when the
     * profile holds its key, since the build's replacement may have dropped it.
     */
    REPLAY
  }

  /**
   * Points the pointer of the model {@code version} was written for at it (it must be completely
   * written), then deletes that model's versions beyond its newest {@code keep} (other models'
   * versions stay) and the catalog updates older than every version kept (they apply to none).
   *
   * @throws StoreException if the version was never finished
   */
  void activate(String version, int keep);

  // ---- catalog updates (the CLI, POST /catalog) ----

  /**
   * Records a catalog update made at {@code at}: per SKU a partial change of its availability,
   * price, category, attributes, title or description, applied by serving to every version whose
   * build started before {@code at} (a later build reads its own catalog file, which should carry
   * the change). Each call's changes are kept as made, not merged into earlier ones, so a version
   * sees exactly the updates newer than its build. Nothing of the similarity lists changes. Once
   * every change is written, the current pointer's {@link ModelInfo#catalogGeneration} changes, so
   * serving re-reads the updates within its check interval.
   *
   * @throws StoreException when a write fails (changes written before it may be visible after the
   *     next update; repeating the call is harmless, a later change of a field replaces it)
   */
  void updateCatalog(Map<String, Catalog.Change> changes, Instant at);

  /**
   * The catalog updates recorded after {@code since} (a version's build start), merged per SKU in
   * the order they were made (a later update's fields replace an earlier one's); empty when none.
   * Malformed stored changes are logged and skipped.
   */
  Map<String, Catalog.Change> catalogChanges(Instant since);

  // ---- reading (the function, the CLI) ----

  /**
   * The current version of model {@code model} with the catalog generation (one read), or empty
   * when no version of it was ever activated (an unknown model name included).
   */
  Optional<ModelInfo> current(String model);

  /** {@link #current(String)} of the default model. */
  default Optional<ModelInfo> current() {
    return current(DEFAULT_MODEL);
  }

  /**
   * SKU documents of {@code version} for the given ids in one round trip; ids without a document
   * are absent from the map.
   */
  Map<String, SkuDocument> skus(String version, Collection<String> skus);

  /** The popular fallback of {@code version}, best first (empty if none). */
  List<Neighbor> popular(String version);

  /**
   * The trending list of {@code version}, best first; empty when the build had no timestamps or
   * predates trending lists (serving then shows popular SKUs).
   */
  List<Neighbor> trending(String version);

  /**
   * Calls {@code each} with every SKU document of {@code version}, in an order fixed by the store
   * (the local store: the order written, SKU-id order for a build; Firestore: document id order),
   * one document at a time on the calling thread. Malformed documents (and one stored under another
   * SKU's id) are logged and skipped, as in {@link #skus}.
   *
   * @throws StoreException when the version does not exist or cannot be read
   */
  void forEachSku(String version, java.util.function.Consumer<SkuDocument> each);

  /** A customer's stored profile, or empty for an unknown customer. */
  Optional<CustomerProfile> profile(String customer);

  /** Every stored customer id, for exports; order unspecified. */
  Iterator<CustomerProfile> profiles();

  /** The finished versions of model {@code model}, oldest first; empty for an unknown model. */
  List<ModelInfo> versions(String model);

  /** {@link #versions(String)} of the default model. */
  default List<ModelInfo> versions() {
    return versions(DEFAULT_MODEL);
  }

  /**
   * Removes a version that is not current.
   *
   * @throws StoreException when it is the current version of any model
   */
  void deleteVersion(String version);

  /** Counts of document reads, writes and deletes since this store was opened. */
  StoreStats stats();

  @Override
  void close();

  /**
   * What {@link #replaceProfiles} did.
   *
   * @param entriesCut profile entries cut to fit the store's document size limit
   */
  record ProfileWriteStats(long written, long unchanged, long deleted, long entriesCut) {}

  /** Document operation counts, for the build report and cost estimates. */
  record StoreStats(long reads, long writes, long deletes) {}
}
