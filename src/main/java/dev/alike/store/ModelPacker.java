package dev.alike.store;

import dev.alike.model.IdIndex;
import dev.alike.model.ItemModel;
import dev.alike.model.NeighborLists;
import dev.alike.model.PopularSkus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs a fitted model and the catalog straight into a {@link PackedVersion} (the bulk path of
 * {@link LocalModelStore#writeVersion}) with the semantics of {@link CatalogDocuments}, but without
 * building a {@link SkuDocument} or {@link Neighbor} per entry: entity i is model SKU i, lists are
 * copied from the model's CSR arrays minus unavailable SKUs, and each document is cut from its
 * tails to the size budget exactly as {@link DocumentBudget} would (sizes computed from UTF-8
 * lengths by Firestore's rules, the common case decided by one comparison).
 */
final class ModelPacker {
  /** The packed version and what was left out of it. */
  record Packed(PackedVersion version, long dropped, long cut, int skipped) {}

  // Firestore storage sizes of the field names (UTF-8 length + 1) and of a number.
  private static final int SKU_FIELD = 4;
  private static final int SCORE_FIELD = 6 + 8;
  private static final int CATEGORY_FIELD = 9;
  private static final int ATTRS_FIELD = 6;
  private static final int LIST_FIELDS = 8 + 8; // "similar" and "reverse"

  private final ItemModel model;
  private final int maxFieldBytes;
  private final Utf8Table strings;
  private final boolean[] available;
  private final int[] category;
  private final int[] attrs;
  private final long[] entrySize;
  private final long[] baseSize;
  private final Ints attrPtr = new Ints(64);
  private final Ints attrPairs = new Ints(64);
  private long dropped;
  private long cut;
  private int skipped;
  private int unavailable;

  private ModelPacker(ItemModel model, int maxFieldBytes) {
    int n = model.skus().size();
    this.model = model;
    this.maxFieldBytes = maxFieldBytes;
    this.strings = new Utf8Table(n + 64);
    this.available = new boolean[n];
    this.category = new int[n];
    this.attrs = new int[n];
    this.entrySize = new long[n];
    this.baseSize = new long[n];
    attrPtr.add(0);
  }

  /** Packs {@code docs.model()} joined with {@code docs.catalog()} under a field budget. */
  static Packed pack(CatalogDocuments docs, int maxFieldBytes) {
    ModelPacker packer = new ModelPacker(docs.model(), maxFieldBytes);
    packer.entities(docs.catalog());
    return packer.documents();
  }

  private void entities(Catalog catalog) {
    IdIndex skus = model.skus();
    for (int i = 0; i < skus.size(); i++) {
      strings.add(skus.id(i));
    }
    Map<Map<String, String>, Integer> sets = new HashMap<>();
    List<Long> setSizes = new ArrayList<>();
    // SKUs the catalog does not know share one entry object: its category and attribute set are
    // looked up once, not once per SKU.
    Catalog.Entry last = null;
    int lastCategory = -1;
    int lastSet = -1;
    for (int i = 0; i < skus.size(); i++) {
      Catalog.Entry entry = catalog.entry(skus.id(i));
      if (entry != last) {
        last = entry;
        lastCategory = entry.category() == null ? -1 : strings.intern(entry.category());
        Integer set = sets.get(entry.attributes());
        if (set == null) {
          set = sets.size();
          sets.put(entry.attributes(), set);
          setSizes.add(attributeSet(entry.attributes()));
        }
        lastSet = set;
      }
      available[i] = entry.available();
      if (!available[i]) {
        unavailable++;
      }
      long sku = strings.byteLength(i) + 1L;
      category[i] = lastCategory;
      long own = lastCategory < 0 ? 0 : CATEGORY_FIELD + strings.byteLength(lastCategory) + 1L;
      attrs[i] = lastSet;
      long attrSize = setSizes.get(lastSet);
      entrySize[i] =
          SKU_FIELD + sku + SCORE_FIELD + own + (attrSize == 0 ? 0 : ATTRS_FIELD + attrSize);
      baseSize[i] = SKU_FIELD + sku + own + ATTRS_FIELD + attrSize + LIST_FIELDS;
    }
  }

  /** Adds an attribute set (keys sorted); returns its stored size (sum of key and value sizes). */
  private long attributeSet(Map<String, String> attributes) {
    long size = 0;
    for (String k : attributes.keySet().stream().sorted().toList()) {
      int key = strings.intern(k);
      int value = strings.intern(attributes.get(k));
      attrPairs.add(key);
      attrPairs.add(value);
      size += strings.byteLength(key) + 1L + strings.byteLength(value) + 1L;
    }
    attrPtr.add(attrPairs.size() / 2);
    return size;
  }

  private Packed documents() {
    int n = model.skus().size();
    NeighborLists sim = model.neighbors();
    NeighborLists rev = model.reverse();
    long maxEntry = 0;
    for (long s : entrySize) {
      maxEntry = Math.max(maxEntry, s);
    }
    int[] keepSim = new int[n];
    int[] keepRev = new int[n];
    int docs = 0;
    long simTotal = 0;
    long revTotal = 0;
    for (int i = 0; i < n; i++) {
      keepSim[i] = unavailable == 0 ? sim.length(i) : countAvailable(sim, i);
      keepRev[i] = unavailable == 0 ? rev.length(i) : countAvailable(rev, i);
      dropped += sim.length(i) - keepSim[i] + rev.length(i) - keepRev[i];
      if (baseSize[i] + (keepSim[i] + keepRev[i]) * maxEntry > maxFieldBytes
          && !fit(i, keepSim, keepRev)) {
        skipped++;
        cut += keepSim[i] + keepRev[i];
        keepSim[i] = -1;
        continue;
      }
      docs++;
      simTotal += keepSim[i];
      revTotal += keepRev[i];
    }
    int[] docEntity = new int[docs];
    for (int i = 0, d = 0; i < n; i++) {
      if (keepSim[i] >= 0) {
        docEntity[d++] = i;
      }
    }
    PackedVersion.Lists similar = copy(sim, docEntity, keepSim, simTotal);
    PackedVersion.Lists reverse = copy(rev, docEntity, keepRev, revTotal);
    PopularSkus pop = model.popular();
    int[] popEntity = new int[pop.size()];
    float[] popScores = new float[pop.size()];
    int popCount = popular(pop, popEntity, popScores);
    PackedVersion version =
        new PackedVersion(
            strings,
            attrPtr.toArray(),
            attrPairs.toArray(),
            new int[][] {identity(n), category, attrs},
            docEntity,
            similar,
            reverse,
            Arrays.copyOf(popEntity, popCount),
            Scores.ofFloats(Arrays.copyOf(popScores, popCount), popCount));
    return new Packed(version, dropped, cut, skipped);
  }

  private int countAvailable(NeighborLists lists, int i) {
    int count = 0;
    for (int at = lists.start(i); at < lists.end(i); at++) {
      if (available[lists.item(at)]) {
        count++;
      }
    }
    return count;
  }

  /**
   * Cuts document {@code i}'s reverse tail, then its similar tail, until it fits; false when it
   * cannot fit even with empty lists (it is then skipped, as {@link DocumentBudget} does).
   */
  private boolean fit(int i, int[] keepSim, int[] keepRev) {
    long[] simSizes = availableSizes(model.neighbors(), i);
    long[] revSizes = availableSizes(model.reverse(), i);
    long total = baseSize[i];
    for (long s : simSizes) {
      total += s;
    }
    for (long s : revSizes) {
      total += s;
    }
    int ks = simSizes.length;
    int kr = revSizes.length;
    while (total > maxFieldBytes && kr > 0) {
      total -= revSizes[--kr];
    }
    while (total > maxFieldBytes && ks > 0) {
      total -= simSizes[--ks];
    }
    if (total > maxFieldBytes) {
      return false;
    }
    cut += (simSizes.length - ks) + (revSizes.length - kr);
    keepSim[i] = ks;
    keepRev[i] = kr;
    return true;
  }

  private long[] availableSizes(NeighborLists lists, int i) {
    long[] sizes = new long[countAvailable(lists, i)];
    for (int at = lists.start(i), k = 0; at < lists.end(i); at++) {
      if (available[lists.item(at)]) {
        sizes[k++] = entrySize[lists.item(at)];
      }
    }
    return sizes;
  }

  /** The first {@code keep[i]} available entries of each kept document's list. */
  private PackedVersion.Lists copy(NeighborLists lists, int[] docEntity, int[] keep, long total) {
    if (unavailable == 0 && docEntity.length == lists.size() && total == lists.entries()) {
      // Every SKU has a document with its whole list (the usual case): the lists as they are.
      float[] scores = lists.scores().clone();
      return new PackedVersion.Lists(
          lists.ptr().clone(), lists.items().clone(), Scores.ofFloats(scores, scores.length));
    }
    int[] ptr = new int[docEntity.length + 1];
    int[] entities = new int[Math.toIntExact(total)];
    float[] scores = new float[entities.length];
    int out = 0;
    for (int d = 0; d < docEntity.length; d++) {
      int i = docEntity[d];
      int end = out + keep[i];
      for (int at = lists.start(i); at < lists.end(i) && out < end; at++) {
        int item = lists.item(at);
        if (available[item]) {
          entities[out] = item;
          scores[out++] = lists.score(at);
        }
      }
      ptr[d + 1] = out;
    }
    return new PackedVersion.Lists(ptr, entities, Scores.ofFloats(scores, scores.length));
  }

  /**
   * Writes the available popular SKUs, best first, into the arrays, cut from the tail to the budget
   * as {@link DocumentBudget#fit(List)} does; returns how many were kept.
   */
  private int popular(PopularSkus pop, int[] entities, float[] scores) {
    int kept = 0;
    long total = 0;
    boolean full = false;
    for (int r = 0; r < pop.size(); r++) {
      int sku = pop.sku(r);
      if (!available[sku]) {
        dropped++;
      } else if (full || total + entrySize[sku] > maxFieldBytes) {
        full = true;
        cut++;
      } else {
        total += entrySize[sku];
        entities[kept] = sku;
        scores[kept++] = pop.score(r);
      }
    }
    return kept;
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
