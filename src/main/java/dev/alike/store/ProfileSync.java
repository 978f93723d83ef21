package dev.alike.store;

import dev.alike.store.ModelStore.ProfileWriteStats;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The profile replacement both stores run: fit each profile to the document budget, write it only
 * when its content hash differs from the stored one, delete stored profiles of customers no longer
 * present. The store supplies the stored hashes and the writes.
 */
final class ProfileSync {
  private ProfileSync() {}

  /** Where a replacement's writes and deletes go, keyed as the store keys its profiles. */
  interface Sink {
    void set(String key, CustomerProfile profile, Map<String, Object> stored);

    void delete(String key);
  }

  /**
   * @param storedHashes key -> stored hash of every existing profile
   * @param key a customer's key in the store (its id, or its encoded document id)
   * @throws IllegalArgumentException if {@code next} names a customer twice
   */
  static ProfileWriteStats run(
      Iterator<CustomerProfile> next,
      Map<String, String> storedHashes,
      Function<String, String> key,
      DocumentBudget budget,
      Sink sink) {
    Set<String> seen = new HashSet<>();
    long written = 0;
    long unchanged = 0;
    long cut = 0;
    while (next.hasNext()) {
      CustomerProfile profile = next.next();
      String k = key.apply(profile.customer());
      if (!seen.add(k)) {
        throw new IllegalArgumentException(
            "duplicate customer " + StoreException.abbreviate(profile.customer()));
      }
      DocumentBudget.Fitted<CustomerProfile> fitted = budget.fit(profile);
      cut += fitted.cut();
      if (fitted.value() == null) {
        seen.remove(k);
        continue;
      }
      String hash = ProfileHash.of(fitted.value());
      if (hash.equals(storedHashes.get(k))) {
        unchanged++; // the usual case in a daily rebuild: no document is built
      } else {
        sink.set(k, fitted.value(), StoreCodec.write(fitted.value(), hash));
        written++;
      }
    }
    long deleted = 0;
    for (String k : storedHashes.keySet()) {
      if (!seen.contains(k)) {
        sink.delete(k);
        deleted++;
      }
    }
    return new ProfileWriteStats(written, unchanged, deleted, cut);
  }
}
