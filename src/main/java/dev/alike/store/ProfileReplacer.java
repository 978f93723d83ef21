package dev.alike.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a new {@link PackedProfiles} file from the build's profiles and counts what changed
 * against the previous file: new or changed profiles are "written", identical ones "unchanged", old
 * customers missing from the build "deleted" (the whole file is rewritten either way; the counts
 * are what a document store would do, and the build report shows them).
 *
 * <p>Change detection compares 128-bit fingerprints: two independent 64-bit hashes of the customer
 * id plus an order-independent sum over the (SKU, score) entries, each entry hashed from a per-SKU
 * hash computed once per distinct SKU. Sums make the map's iteration order irrelevant without
 * sorting; a false "unchanged" needs a 128-bit collision. (SHA-256 per profile, as {@link
 * ProfileHash} does for Firestore, costs about a microsecond each: a second per million.)
 */
final class ProfileReplacer {
  private static final long SKU_SEED_1 = 0x243F6A8885A308D3L;
  private static final long SKU_SEED_2 = 0x13198A2E03707344L;
  private static final long CUSTOMER_SEED_2 = 0xA4093822299F31D0L;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  // Firestore storage sizes of a profile's field names, of its hash value and of one score.
  private static final int FIXED_FIELDS = 9 + 5 + 7 + 5 + 23;
  private static final int SCORE = 8;

  private final PackedProfiles old;
  private final boolean[] oldSeen;
  private final int maxFieldBytes;
  private final Utf8Table skus = new Utf8Table(1 << 16);
  private final Map<String, Integer> skuIndex = new HashMap<>();
  private long[] skuHash1 = new long[1 << 16];
  private long[] skuHash2 = new long[1 << 16];
  private final Utf8Table customers = new Utf8Table(1 << 16);
  private final IdTable seen = new IdTable(1 << 16);
  private long[] fingerprints = new long[1 << 17];
  private final Ints ptr = new Ints(1 << 16);
  private final Ints entries = new Ints(1 << 18);
  private final Scores.Builder scores = new Scores.Builder();
  private long written;
  private long unchanged;
  private long cut;

  /**
   * @param old the stored profiles, or null when there are none (every profile is new)
   */
  ProfileReplacer(PackedProfiles old, int maxFieldBytes) {
    this.old = old;
    this.oldSeen = new boolean[old == null ? 0 : old.size()];
    this.maxFieldBytes = maxFieldBytes;
    ptr.add(0);
  }

  /**
   * Consumes {@code profiles}, writes them to {@code file} (atomically) and returns the counts.
   *
   * @throws IllegalArgumentException naming a customer that occurs twice (nothing is written)
   */
  ModelStore.ProfileWriteStats replace(Iterator<CustomerProfile> profiles, Path file)
      throws IOException {
    while (profiles.hasNext()) {
      add(profiles.next());
    }
    new PackedProfiles(
            skus, customers, fingerprints, ptr.toArray(), entries.toArray(), scores.build())
        .write(file);
    long deleted = 0;
    for (boolean s : oldSeen) {
      deleted += s ? 0 : 1;
    }
    return new ModelStore.ProfileWriteStats(written, unchanged, deleted, cut);
  }

  private void add(CustomerProfile profile) {
    byte[] id = profile.customer().getBytes(StandardCharsets.UTF_8);
    long hash = Fingerprint.of(id, 0, id.length);
    if (seen.find(customers, id, hash) >= 0) {
      throw new IllegalArgumentException(
          "duplicate customer " + LocalModelStore.abbreviate(profile.customer()));
    }
    int start = entries.size();
    long size = FIXED_FIELDS + id.length + 1L;
    long sum1 = 0;
    long sum2 = 0;
    for (Map.Entry<String, Double> e : profile.scores().entrySet()) {
      int sku = sku(e.getKey());
      double score = e.getValue();
      long bits = Double.doubleToLongBits(score);
      sum1 += Fingerprint.mix(skuHash1[sku] ^ bits);
      sum2 += Fingerprint.mix(skuHash2[sku] + bits * GOLDEN);
      size += skus.byteLength(sku) + 1L + SCORE;
      entries.add(sku);
      scores.add(score);
    }
    if (size > maxFieldBytes) {
      entries.truncate(start);
      scores.truncate(start);
      DocumentBudget.Fitted<CustomerProfile> fitted =
          new DocumentBudget(maxFieldBytes).fit(profile);
      cut += fitted.cut();
      if (fitted.value() != null) {
        add(fitted.value());
      }
      return;
    }
    int n = entries.size() - start;
    long f1 = Fingerprint.mix(hash ^ Fingerprint.mix(sum1 + n));
    long f2 = Fingerprint.mix(Fingerprint.of(id, 0, id.length, CUSTOMER_SEED_2) + (sum2 ^ n));
    int before = old == null ? -1 : old.find(id, hash);
    if (before >= 0) {
      oldSeen[before] = true;
    }
    if (before >= 0
        && old.fingerprints[2 * before] == f1
        && old.fingerprints[2 * before + 1] == f2) {
      unchanged++;
    } else {
      written++;
    }
    int index = customers.add(id);
    seen.put(index, hash);
    if (2 * index + 2 > fingerprints.length) {
      fingerprints = Arrays.copyOf(fingerprints, fingerprints.length * 2);
    }
    fingerprints[2 * index] = f1;
    fingerprints[2 * index + 1] = f2;
    ptr.add(entries.size());
  }

  /** The index of a SKU id, interned with its two hashes on first sight. */
  private int sku(String id) {
    Integer known = skuIndex.get(id);
    if (known != null) {
      return known;
    }
    int index = skus.add(id);
    skuIndex.put(id, index);
    if (index == skuHash1.length) {
      skuHash1 = Arrays.copyOf(skuHash1, index * 2);
      skuHash2 = Arrays.copyOf(skuHash2, index * 2);
    }
    skuHash1[index] = Fingerprint.ofChars(id, SKU_SEED_1);
    skuHash2[index] = Fingerprint.ofChars(id, SKU_SEED_2);
    return index;
  }
}
