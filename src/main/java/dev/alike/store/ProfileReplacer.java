package dev.alike.store;

import dev.alike.model.IdIndex;
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

  /** Per SKU: two hashes and the UTF-8 length, side by side so one cache line serves an entry. */
  private static final int SKU_STRIDE = 4;

  private final PackedProfiles old;
  private final boolean[] oldSeen;
  private final int maxFieldBytes;
  // Small initial sizes on purpose: every array then grows during the first thousands of
  // profiles, while the JIT is still profiling; an array first growing after compilation made it
  // throw the compiled add() away and compile it a second time.
  private final Utf8Table skus = new Utf8Table(1 << 10);

  /** SKU id to table index; made on the first lookup by id (the column path needs none). */
  private Map<String, Integer> skuIndex;

  /** The column path's SKU ids: table index i is SKU i of these (none on the profile path). */
  private IdIndex columnSkus = new IdIndex();

  private long[] skuInfo = new long[SKU_STRIDE << 10];
  private final Utf8Table customers = new Utf8Table(1 << 10);
  private final IdTable seen = new IdTable(1 << 10);
  private long[] fingerprints = new long[1 << 11];
  private final Ints ptr = new Ints(1 << 10);
  private final Ints entries = new Ints(1 << 12);
  private final Scores.Builder scores = new Scores.Builder();
  private int[] rowSku = new int[64];
  private double[] rowScore = new double[64];

  /** What {@link #add} answers for a profile over the size budget. */
  private static final int TOO_LARGE = -2;

  private long written;
  private long unchanged;
  private long cut;
  private int lastOld = -1;

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
      CustomerProfile profile = profiles.next();
      byte[] id = profile.customer().getBytes(StandardCharsets.UTF_8);
      long hash = Fingerprint.of(id, 0, id.length);
      if (seen.find(customers, id, hash) >= 0) {
        throw new IllegalArgumentException(
            "duplicate customer " + LocalModelStore.abbreviate(profile.customer()));
      }
      room(profile.scores().size());
      filled = 0;
      profile.scores().forEach(this::fill); // forEach: no entry wrapper per SKU, unlike entrySet()
      int index = add(id, hash, filled);
      if (index == TOO_LARGE) {
        index = addFitted(profile);
      }
      if (index >= 0) {
        seen.put(index, hash);
      }
    }
    return finish(file);
  }

  /**
   * The same from CSR rows: SKU i of the table is {@code profiles.skus()} index i, so entries need
   * no string lookup, and customer ids are unique by construction (no duplicate check).
   */
  ModelStore.ProfileWriteStats replace(ProfileColumns profiles, Path file) throws IOException {
    columnSkus = profiles.skus();
    for (int i = 0; i < columnSkus.size(); i++) {
      intern(columnSkus.id(i)); // table index i = SKU i: rows need no lookup by id
    }
    int[] rowPtr = profiles.rowPtr();
    int customerCount = profiles.customers().size();
    // The sizes are known here: arrays made to measure grow never (the small initial sizes above
    // are for the profile path, whose size is not known up front).
    entries.ensureCapacity(rowPtr[customerCount]);
    scores.ensureCapacity(rowPtr[customerCount]);
    ptr.ensureCapacity(customerCount + 1);
    fingerprints = new long[Math.max(fingerprints.length, 2 * customerCount + 2)];
    int[] rowSkus = profiles.rowSkus();
    float[] rowValues = profiles.rowValues();
    for (int u = profiles.skipEmpty(0); u < customerCount; u = profiles.skipEmpty(u + 1)) {
      int from = rowPtr[u];
      int n = rowPtr[u + 1] - from;
      room(n);
      for (int k = 0; k < n; k++) {
        rowSku[k] = rowSkus[from + k];
        rowScore[k] = rowValues[from + k];
      }
      byte[] id = profiles.customers().id(u).getBytes(StandardCharsets.UTF_8);
      if (add(id, Fingerprint.of(id, 0, id.length), n) == TOO_LARGE) {
        addFitted(profiles.profile(u));
      }
    }
    return finish(file);
  }

  private ModelStore.ProfileWriteStats finish(Path file) throws IOException {
    new PackedProfiles(
            skus, customers, fingerprints, ptr.toArray(), entries.toArray(), scores.build())
        .write(file);
    long deleted = 0;
    for (boolean s : oldSeen) {
      deleted += s ? 0 : 1;
    }
    return new ModelStore.ProfileWriteStats(written, unchanged, deleted, cut);
  }

  private int filled;

  private void fill(String sku, Double score) {
    rowSku[filled] = sku(sku);
    rowScore[filled++] = score;
  }

  private void room(int n) {
    if (n > rowSku.length) {
      rowSku = Arrays.copyOf(rowSku, Math.max(n, 2 * rowSku.length));
      rowScore = Arrays.copyOf(rowScore, rowSku.length);
    }
  }

  /**
   * Adds the profile in {@code rowSku/rowScore[0, n)}; returns its new index, or {@link #TOO_LARGE}
   * (nothing added) when it exceeds the size budget: the caller then cuts it with {@link
   * #addFitted}.
   */
  private int add(byte[] id, long hash, int n) {
    long size = FIXED_FIELDS + id.length + 1L;
    long sum1 = 0;
    long sum2 = 0;
    for (int k = 0; k < n; k++) {
      int at = rowSku[k] * SKU_STRIDE;
      long bits = Double.doubleToLongBits(rowScore[k]);
      sum1 += Fingerprint.mix(skuInfo[at] ^ bits);
      sum2 += Fingerprint.mix(skuInfo[at + 1] + bits * GOLDEN);
      size += skuInfo[at + 2] + 1L + SCORE;
    }
    if (size > maxFieldBytes) {
      return TOO_LARGE;
    }
    long f1 = Fingerprint.mix(hash ^ Fingerprint.mix(sum1 + n));
    long f2 = Fingerprint.mix(Fingerprint.of(id, 0, id.length, CUSTOMER_SEED_2) + (sum2 ^ n));
    int before = previous(id, hash);
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
    if (2 * index + 2 > fingerprints.length) {
      fingerprints = Arrays.copyOf(fingerprints, fingerprints.length * 2);
    }
    fingerprints[2 * index] = f1;
    fingerprints[2 * index + 1] = f2;
    entries.addAll(rowSku, n);
    scores.addAll(rowScore, n);
    ptr.add(entries.size());
    return index;
  }

  /** The rare oversized profile: cut by {@link DocumentBudget}, then added (or skipped). */
  private int addFitted(CustomerProfile profile) {
    DocumentBudget.Fitted<CustomerProfile> fitted = new DocumentBudget(maxFieldBytes).fit(profile);
    cut += fitted.cut();
    if (fitted.value() == null) {
      return -1;
    }
    int n = 0;
    for (Map.Entry<String, Double> e : fitted.value().scores().entrySet()) {
      rowSku[n] = sku(e.getKey());
      rowScore[n++] = e.getValue();
    }
    byte[] id = profile.customer().getBytes(StandardCharsets.UTF_8);
    int index = add(id, Fingerprint.of(id, 0, id.length), n);
    if (index == TOO_LARGE) {
      throw new IllegalStateException(
          "profile of "
              + LocalModelStore.abbreviate(profile.customer())
              + " too large after fitting");
    }
    return index;
  }

  /**
   * The old index of customer {@code id}, or -1. Rebuilds usually list customers in the same order
   * as last time (the matrix assigns indices in first-seen order), so the old profile after the
   * last one found is tried first: a sequential read instead of a random probe.
   */
  private int previous(byte[] id, long hash) {
    if (old == null) {
      return -1;
    }
    int next = lastOld + 1;
    if (next < old.size() && old.customers.equalsAt(next, id)) {
      lastOld = next;
      return next;
    }
    int found = old.find(id, hash);
    if (found >= 0) {
      lastOld = found;
    }
    return found;
  }

  /** The index of a SKU id, interned with its hashes and length on first sight. */
  private int sku(String id) {
    if (skuIndex == null) {
      skuIndex = new HashMap<>();
      for (int i = 0; i < skus.size(); i++) {
        skuIndex.put(columnSkus.id(i), i);
      }
    }
    Integer known = skuIndex.get(id);
    if (known != null) {
      return known;
    }
    int index = intern(id);
    skuIndex.put(id, index);
    return index;
  }

  /** Appends a SKU id to the table with its hashes and length; returns its index. */
  private int intern(String id) {
    int index = skus.add(id);
    int at = index * SKU_STRIDE;
    if (at + SKU_STRIDE > skuInfo.length) {
      skuInfo = Arrays.copyOf(skuInfo, skuInfo.length * 2);
    }
    skuInfo[at] = Fingerprint.ofChars(id, SKU_SEED_1);
    skuInfo[at + 1] = Fingerprint.ofChars(id, SKU_SEED_2);
    skuInfo[at + 2] = skus.byteLength(index);
    return index;
  }
}
