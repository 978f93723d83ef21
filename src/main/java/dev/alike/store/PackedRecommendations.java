package dev.alike.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recommendations for every stored customer computed straight on the local store's packed arrays,
 * for whole-store exports: the function's formula and order (score(i) = sum over the customer's
 * SKUs j of s_ij * r_uj from j's reverse list; seen SKUs dropped; ties by SKU id; topped up from
 * the popular list), but with ints and doubles where a request goes through strings, maps and
 * documents. The export test holds the two to byte-identical output.
 *
 * <p>SKUs are keyed by their index in the version's string table, so a SKU is one int whether it
 * comes from a profile, a reverse list or the popular list. Thread-safe: each thread scores through
 * its own {@link Cursor}.
 */
public final class PackedRecommendations {
  private final String versionId;
  private final PackedProfiles profiles;

  /** SKU ids by key: keys are dense, 0 .. number of distinct SKUs in the version. */
  private final String[] skuOf;

  /** Per key: position of the SKU id in String order, for ties. */
  private final int[] rank;

  /** Reverse lists by document, in keys and scores (copied once: no indirection in the loop). */
  private final int[] reversePtr;

  private final int[] reverseKey;
  private final double[] reverseScore;

  /** Per profile SKU index: its key (-1: not in the model) and its document (-1: none). */
  private final int[] profileKey;

  private final int[] profileDoc;
  private final int[] popularKey;
  private final double[] popularScore;

  private PackedRecommendations(String versionId, PackedVersion version, PackedProfiles profiles) {
    this.versionId = versionId;
    this.profiles = profiles;
    int[] keyOfString = new int[version.strings.size()];
    Arrays.fill(keyOfString, -1);
    Map<String, Integer> keyOf = new HashMap<>(Math.max(16, version.entSku.length * 2));
    List<String> skus = new ArrayList<>();
    for (int s : version.entSku) {
      if (s >= 0 && s < keyOfString.length && keyOfString[s] < 0) {
        Integer known = keyOf.putIfAbsent(version.text(s), skus.size());
        keyOfString[s] = known != null ? known : skus.size();
        if (known == null) {
          skus.add(version.text(s));
        }
      }
    }
    skuOf = skus.toArray(new String[0]);
    Integer[] order = new Integer[skuOf.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> skuOf[a].compareTo(skuOf[b]));
    rank = new int[skuOf.length];
    for (int r = 0; r < order.length; r++) {
      rank[order[r]] = r;
    }
    PackedVersion.Lists reverse = version.reverse;
    reversePtr = reverse.ptr();
    reverseKey = new int[reverse.entities().length];
    reverseScore = new double[reverseKey.length];
    for (int x = 0; x < reverseKey.length; x++) {
      // Entries of malformed documents may point anywhere; no profile SKU maps to those documents.
      int e = reverse.entities()[x];
      int s = e >= 0 && e < version.entSku.length ? version.entSku[e] : -1;
      reverseKey[x] = s >= 0 && s < keyOfString.length ? keyOfString[s] : -1;
      reverseScore[x] = reverse.scores().get(x);
    }
    String[] profileSkus = profiles.skus.decodeAll();
    profileKey = new int[profileSkus.length];
    profileDoc = new int[profileSkus.length];
    for (int p = 0; p < profileSkus.length; p++) {
      profileKey[p] = keyOf.getOrDefault(profileSkus[p], -1);
      profileDoc[p] = version.documentOf(profileSkus[p]);
    }
    List<Neighbor> popular = version.popular();
    popularKey = new int[popular.size()];
    popularScore = new double[popular.size()];
    for (int r = 0; r < popular.size(); r++) {
      popularKey[r] = keyOf.getOrDefault(popular.get(r).sku(), -1);
      popularScore[r] = popular.get(r).score();
    }
  }

  /**
   * Packed recommendations over {@code store}'s current version and stored profiles, or empty when
   * the store is not a {@link LocalModelStore} (callers then score through the store interface) or
   * holds no current version.
   */
  public static Optional<PackedRecommendations> of(ModelStore store) {
    if (!(store instanceof LocalModelStore local)) {
      return Optional.empty();
    }
    Optional<ModelInfo> current = local.current();
    if (current.isEmpty()) {
      return Optional.empty();
    }
    PackedProfiles profiles = local.packedProfiles();
    PackedVersion version = local.load(current.get().version());
    return Optional.of(
        new PackedRecommendations(
            current.get().version(), version, profiles != null ? profiles : PackedProfiles.none()));
  }

  /** The model version these recommendations come from (the current one when opened). */
  public String version() {
    return versionId;
  }

  /** Number of stored profile slots, readable or not (see {@link Cursor#recommend}). */
  public int customers() {
    return profiles.size();
  }

  /** Scratch space for one thread. */
  public Cursor cursor() {
    return new Cursor();
  }

  /**
   * Scores one customer at a time; {@link #sku} and {@link #score} read the last answer of {@link
   * #recommend}.
   */
  public final class Cursor {
    /**
     * Per key, interleaved so that one cache line serves both: {@code [2k]} the sum, {@code [2k+1]}
     * the generation it belongs to (generation + 1: seen or already answered).
     */
    private final double[] slots = new double[2 * skuOf.length];

    private final int[] candidates = new int[skuOf.length];
    private double generation;
    private int[] top = new int[0];
    private double[] topScore = new double[0];
    private int count;
    private int customer = -1;

    /**
     * Scores stored customer {@code i} for the top {@code n}.
     *
     * @return false when that profile is malformed on disk (it reads as missing: skip it)
     */
    public boolean recommend(int i, int n) {
      if (!profiles.readable(i)) {
        return false;
      }
      customer = i;
      if (top.length < n) {
        top = new int[n];
        topScore = new double[n];
      }
      // Generations step by 2 and stay exact in a double for 2^52 customers: nothing is cleared.
      generation += 2;
      double current = generation;
      double seen = generation + 1;
      double[] slots = this.slots;
      int candidateCount = 0;
      int[] ptr = profiles.ptr;
      for (int at = ptr[i]; at < ptr[i + 1]; at++) {
        int doc = profileDoc[profiles.entries[at]];
        double r = profiles.scores.get(at);
        if (doc < 0 || !(r > 0)) {
          continue;
        }
        for (int x = reversePtr[doc], end = reversePtr[doc + 1]; x < end; x++) {
          int slot = reverseKey[x] << 1;
          double value = reverseScore[x] * r;
          if (slots[slot + 1] == current) {
            slots[slot] += value;
          } else {
            slots[slot + 1] = current;
            slots[slot] = value;
            candidates[candidateCount++] = slot;
          }
        }
      }
      for (int at = ptr[i]; at < ptr[i + 1]; at++) {
        int key = profileKey[profiles.entries[at]];
        if (key >= 0) {
          slots[(key << 1) + 1] = seen;
        }
      }
      count = 0;
      double worst = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < candidateCount; c++) {
        int slot = candidates[c];
        double sum = slots[slot];
        // Totals <= 0 (negative EASE weights) are no recommendation, as in the function's Scorer.
        if (sum > 0 && sum >= worst && slots[slot + 1] == current) {
          offer(slot >> 1, sum, n);
          if (count == n) {
            worst = topScore[n - 1];
          }
        }
      }
      for (int c = 0; c < count; c++) {
        slots[(top[c] << 1) + 1] = seen;
      }
      for (int r = 0; r < popularKey.length && count < n; r++) {
        int key = popularKey[r];
        if (key >= 0 && slots[(key << 1) + 1] != seen) {
          slots[(key << 1) + 1] = seen;
          top[count] = key;
          topScore[count++] = popularScore[r];
        }
      }
      return true;
    }

    /** Keeps {@code top[0, count)} the best keys offered so far, best first (n is small). */
    private void offer(int key, double sum, int n) {
      if (count == n && !before(key, sum, n - 1)) {
        return;
      }
      int at = count < n ? count++ : n - 1;
      while (at > 0 && before(key, sum, at - 1)) {
        top[at] = top[at - 1];
        topScore[at] = topScore[at - 1];
        at--;
      }
      top[at] = key;
      topScore[at] = sum;
    }

    /** True when (key, sum) ranks above {@code top[at]}: higher sum, or equal and smaller id. */
    private boolean before(int key, double sum, int at) {
      return sum > topScore[at] || (sum == topScore[at] && rank[key] < rank[top[at]]);
    }

    /** The id of the customer last scored. */
    public String customer() {
      return profiles.customers.get(customer);
    }

    /** Number of items in the last answer (at most n; fewer when even popular SKUs run out). */
    public int count() {
      return count;
    }

    /** The SKU id of item {@code i} of the last answer, best first. */
    public String sku(int i) {
      return skuOf[top[i]];
    }

    /** The score of item {@code i}: the formula's sum, or the popular score for top-ups. */
    public double score(int i) {
      return topScore[i];
    }
  }
}
