package dev.alike.store;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * {@link ModelStore#addToProfile} on Firestore: one transaction reads the customer's profile
 * document and a marker document for the update id, and, when the update is new ({@link
 * ModelStore.Delivery}: no marker for a live delivery, the key not in the profile for a replay),
 * writes the new profile and the marker together. A redelivered Pub/Sub message finds its marker
 * and changes nothing; two updates of one customer at once are serialised by Firestore's
 * transaction retries.
 *
 * <pre>
 * PREFIXupdates/{sha256(updateId)}   {expireAt: timestamp}   marker of an applied update
 * </pre>
 *
 * The marker's id is a hash, so update ids of any length fit a document id. {@code expireAt} is
 * {@link #MARKER_TTL} after the update: the deployment's TTL policy on that field
 * (terraform/events.tf) deletes old markers, within a day or so of expiry; Pub/Sub redelivers for
 * at most its retention of 7 days, so a marker outlives every redelivery of its message.
 *
 * <p>The profile is encoded as the build writes it ({@link StoreCodec}), capped as the build caps
 * it ({@link ProfileAddition}) and cut to the document budget ({@link DocumentBudget}: the
 * lowest-scored SKUs go first), so the next build's comparison of profile hashes sees it as any
 * other profile.
 */
public final class FirestoreProfileUpdates {
  /** Top-level collection of update markers, after the prefix. */
  public static final String UPDATES = "updates";

  /** Field of a marker that the TTL policy reads. */
  public static final String EXPIRE_AT = "expireAt";

  /** Eight days: one more than Pub/Sub's longest message retention (7 days). */
  public static final Duration MARKER_TTL = Duration.ofDays(8);

  private final Firestore db;
  private final String prefix;
  private final DocumentBudget budget = DocumentBudget.firestore();

  /** Updates under collections named {@code prefix + ...}, as {@link FirestoreModelStore} uses. */
  public FirestoreProfileUpdates(Firestore db, String prefix) {
    this.db = Objects.requireNonNull(db, "db");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * Adds {@code events} to {@code customer}'s profile unless {@code updateId} was applied before.
   *
   * @return true if applied, false if the update id was already applied
   * @throws StoreException when Firestore fails (after its own transaction retries)
   */
  public boolean add(
      String updateId,
      String customer,
      Map<String, SkuEvents> events,
      ModelStore.Delivery delivery) {
    DocumentReference profileRef =
        db.collection(prefix + FirestoreLayout.PROFILES).document(DocIds.encode(customer));
    DocumentReference marker = db.collection(prefix + UPDATES).document(markerId(updateId));
    try {
      return db.runTransaction(
              tx -> {
                DocumentSnapshot seen = tx.get(marker).get();
                if (seen.exists() && delivery == ModelStore.Delivery.LIVE) {
                  return false;
                }
                DocumentSnapshot doc = tx.get(profileRef).get();
                CustomerProfile old = read(doc, customer);
                if (ProfileAddition.holds(old, updateId)) {
                  return false;
                }
                CustomerProfile next = ProfileAddition.add(old, customer, events, updateId);
                CustomerProfile fitted = budget.fit(next).value();
                if (fitted != null) {
                  tx.set(profileRef, StoreCodec.write(fitted));
                }
                Instant expires = Instant.now().plus(MARKER_TTL);
                tx.set(
                    marker,
                    Map.of(
                        EXPIRE_AT, Timestamp.ofTimeSecondsAndNanos(expires.getEpochSecond(), 0)));
                return true;
              })
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while updating a profile", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException bad) {
        throw bad;
      }
      throw new StoreException(
          "Firestore failed to update profile " + profileRef.getPath() + ": " + cause.getMessage(),
          cause);
    }
  }

  /** The marker document id of {@code updateId}: hex SHA-256 of its UTF-8 bytes. */
  static String markerId(String updateId) {
    return Hashing.sha256().hashString(updateId, StandardCharsets.UTF_8).toString();
  }

  /** The stored profile, or null when there is none or it is malformed (then it is replaced). */
  private static CustomerProfile read(DocumentSnapshot doc, String customer) {
    if (!doc.exists()) {
      return null;
    }
    try {
      CustomerProfile p = StoreCodec.readProfile(Objects.requireNonNull(doc.getData()));
      return p.customer().equals(customer) ? p : null;
    } catch (StoreCodec.Malformed | IllegalArgumentException e) {
      System.getLogger(FirestoreProfileUpdates.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "malformed profile " + doc.getReference().getPath() + " replaced: " + e.getMessage());
      return null;
    }
  }
}
