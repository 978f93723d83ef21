package dev.alike.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One model version in the local store's compact form, in memory and on disk ({@code skus.bin}): a
 * string table, a table of distinct attribute sets, an entity table (SKU, category, attribute set:
 * what a list entry points to), and the documents' lists as CSR arrays of entity indices and
 * scores. 100k SKUs with 100 entries each are ~10 arrays and ~80 MB, not 10M objects; {@link
 * #document} builds a {@link SkuDocument} on request.
 *
 * <pre>
 * file     : magic (long) format (int) strings attrSets entities docs similar reverse popular crc32
 * strings  : n, offsets[n+1], utf8 bytes            ({@link Utf8Table})
 * attrSets : n, ptr[n+1], pairs[2*ptr[n]]            (key, value string indices, keys sorted)
 * entities : n, sku[n], category[n] (-1: none), attrSet[n]
 * docs     : d, entity[d]
 * lists    : ptr[d+1], entity[ptr[d]], scores        (similar, then reverse)
 * popular  : m, entity[m], scores
 * scores   : width (4 or 8), values                  ({@link Scores})
 * </pre>
 *
 * All little-endian. Reading checks the CRC (a truncated or corrupt file is {@link
 * StoreCodec.Malformed}), then the structure; a document whose entries point outside the tables or
 * carry non-finite scores, or non-positive ones outside reverse lists (EASE weights may be
 * negative), is logged and left out, the rest of the version still serves.
 */
final class PackedVersion {
  static final String FILE = "skus.bin";
  private static final long MAGIC = 0x4b53_5f45_4b49_4c41L; // "ALIKE_SK", little-endian
  private static final int FORMAT = 1;
  private static final System.Logger LOG = System.getLogger(PackedVersion.class.getName());

  /**
   * Decoded documents kept per loaded version: 32,768 slots, at ~5 KB per document (100 entries
   * with attributes) at most ~160 MB, still well under what materialising every document of 100k
   * SKUs took (~500 MB). Decoding costs ~50 ns per entry on a loaded 2-core machine, so a batch of
   * 50 cold documents takes ~250 us; with the batch cached, p99 is under 50 us (docs/storage.md).
   */
  static final int RECENT_SLOTS = 1 << 15;

  /** CSR lists: list d is {@code entities/scores[ptr[d] .. ptr[d+1])}. */
  record Lists(int[] ptr, int[] entities, Scores scores) {}

  final Utf8Table strings;
  final int[] attrPtr;
  final int[] attrPairs;
  final int[] entSku;
  final int[] entCategory;
  final int[] entAttrs;
  final int[] docEntity;
  final Lists similar;
  final Lists reverse;
  final int[] popEntity;
  final Scores popScores;

  // Read side, filled by index().
  private String[] text;
  private List<Map<String, String>> attrSets;
  private Map<String, Integer> docBySku;
  private Neighbor[] prototypes;
  private AtomicReferenceArray<SkuDocument> recent;

  PackedVersion(
      Utf8Table strings,
      int[] attrPtr,
      int[] attrPairs,
      int[][] entities,
      int[] docEntity,
      Lists similar,
      Lists reverse,
      int[] popEntity,
      Scores popScores) {
    this.strings = strings;
    this.attrPtr = attrPtr;
    this.attrPairs = attrPairs;
    this.entSku = entities[0];
    this.entCategory = entities[1];
    this.entAttrs = entities[2];
    this.docEntity = docEntity;
    this.similar = similar;
    this.reverse = reverse;
    this.popEntity = popEntity;
    this.popScores = popScores;
  }

  /** A version without documents or popular list, readable (what a missing file reads as). */
  static PackedVersion empty() {
    PackedVersion v = new VersionPacker().build();
    v.index(new boolean[0], new boolean[0]);
    return v;
  }

  int documentCount() {
    return docEntity.length;
  }

  // ---- file ----

  void write(Path file) throws IOException {
    try (BinaryOut out = new BinaryOut(file)) {
      out.putLong(MAGIC);
      out.putInt(FORMAT);
      strings.write(out);
      out.putInt(attrPtr.length - 1);
      out.putInts(attrPtr, 0, attrPtr.length);
      out.putInts(attrPairs, 0, attrPairs.length);
      out.putInt(entSku.length);
      out.putInts(entSku, 0, entSku.length);
      out.putInts(entCategory, 0, entCategory.length);
      out.putInts(entAttrs, 0, entAttrs.length);
      out.putInt(docEntity.length);
      out.putInts(docEntity, 0, docEntity.length);
      for (Lists lists : List.of(similar, reverse)) {
        out.putInts(lists.ptr(), 0, lists.ptr().length);
        out.putInts(lists.entities(), 0, lists.entities().length);
        lists.scores().write(out);
      }
      out.putInt(popEntity.length);
      out.putInts(popEntity, 0, popEntity.length);
      popScores.write(out);
      out.commit();
    }
  }

  /**
   * Reads and indexes a version file.
   *
   * @throws StoreCodec.Malformed when the file is truncated, corrupt or inconsistent
   */
  static PackedVersion read(Path file) throws IOException {
    BinaryIn in = BinaryIn.open(file);
    if (in.getLong() != MAGIC) {
      throw in.malformed("not a SKU version file");
    }
    int format = in.getInt();
    if (format != FORMAT) {
      throw in.malformed("format " + format + ", this reader knows " + FORMAT);
    }
    int max = in.remaining() / Integer.BYTES;
    Utf8Table strings = Utf8Table.read(in, "strings");
    int sets = in.getCount("attribute sets", max);
    int[] attrPtr = ascending(in, in.getInts(sets + 1), max / 2, "attribute set pointers");
    int[] attrPairs = in.getInts(2 * attrPtr[sets]);
    int n = in.getCount("entities", max);
    int[][] entities = {in.getInts(n), in.getInts(n), in.getInts(n)};
    int d = in.getCount("documents", max);
    int[] docEntity = in.getInts(d);
    Lists similar = readLists(in, d, max, "similar");
    Lists reverse = readLists(in, d, max, "reverse");
    int m = in.getCount("popular", max);
    int[] popEntity = in.getInts(m);
    Scores popScores = Scores.read(in, m, "popular");
    if (in.remaining() != 0) {
      throw in.malformed(in.remaining() + " unexpected bytes after the popular list");
    }
    PackedVersion v =
        new PackedVersion(
            strings, attrPtr, attrPairs, entities, docEntity, similar, reverse, popEntity,
            popScores);
    new PackedVersionCheck(v, in).run();
    return v;
  }

  private static Lists readLists(BinaryIn in, int docs, int max, String what) {
    int[] ptr = ascending(in, in.getInts(docs + 1), max, what + " pointers");
    return new Lists(ptr, in.getInts(ptr[docs]), Scores.read(in, ptr[docs], what));
  }

  private static int[] ascending(BinaryIn in, int[] ptr, int max, String what) {
    if (ptr[0] != 0) {
      throw in.malformed(what + " start at " + ptr[0]);
    }
    for (int i = 1; i < ptr.length; i++) {
      if (ptr[i] < ptr[i - 1] || ptr[i] > max) {
        throw in.malformed(what + " entry " + i + " is " + ptr[i]);
      }
    }
    return ptr;
  }

  /** Makes the documents readable: decodes strings and attribute sets, maps SKU to document. */
  void index(boolean[] badEntity, boolean[] badDoc) {
    text = strings.decodeAll();
    attrSets = new ArrayList<>(attrPtr.length - 1);
    for (int s = 0; s + 1 < attrPtr.length; s++) {
      Map<String, String> attrs = new HashMap<>();
      for (int p = attrPtr[s]; p < attrPtr[s + 1]; p++) {
        attrs.put(text[attrPairs[2 * p]], text[attrPairs[2 * p + 1]]);
      }
      attrSets.add(Map.copyOf(attrs));
    }
    // One Neighbor per entity with score 0: a decoded entry then reads one object, not five arrays.
    prototypes = new Neighbor[entSku.length];
    for (int e = 0; e < prototypes.length; e++) {
      if (!badEntity[e]) {
        prototypes[e] = new Neighbor(text[entSku[e]], 0, category(e), attrSets.get(entAttrs[e]));
      }
    }
    recent = new AtomicReferenceArray<>(Math.min(RECENT_SLOTS, Math.max(1, docEntity.length)));
    docBySku = new HashMap<>(Math.max(16, docEntity.length * 4 / 3 + 1));
    for (int doc = 0; doc < docEntity.length; doc++) {
      if (!badDoc[doc]) {
        docBySku.put(text[entSku[docEntity[doc]]], doc);
      }
    }
    if (!badEntityFree(popEntity, badEntity) || popScores.firstNonFinite() >= 0) {
      LOG.log(Level.WARNING, "malformed popular list ignored");
      popular = List.of();
    } else {
      Neighbor[] out = new Neighbor[popEntity.length];
      for (int r = 0; r < out.length; r++) {
        out[r] = neighbor(popEntity[r], popScores.get(r));
      }
      popular = List.of(out);
    }
  }

  private List<Neighbor> popular;

  private static boolean badEntityFree(int[] entities, boolean[] badEntity) {
    for (int e : entities) {
      if (e < 0 || e >= badEntity.length || badEntity[e]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The document of {@code sku}, or null when there is none: from a direct-mapped cache of recently
   * decoded documents ({@link #RECENT_SLOTS} slots by document index), else built from the arrays.
   */
  SkuDocument document(String sku) {
    Integer doc = docBySku.get(sku);
    if (doc == null) {
      return null;
    }
    int slot = doc % recent.length();
    SkuDocument cached = recent.get(slot);
    if (cached != null && cached.sku().equals(sku)) {
      return cached;
    }
    SkuDocument decoded = decode(doc);
    recent.set(slot, decoded);
    return decoded;
  }

  /** Number of SKU documents. */
  int documents() {
    return docEntity.length;
  }

  /**
   * The document at position {@code doc} in [0, {@link #documents()}), in the order written,
   * decoded afresh (for full scans, which should not churn the cache).
   */
  SkuDocument document(int doc) {
    return decode(doc);
  }

  private SkuDocument decode(int doc) {
    int e = docEntity[doc];
    return new SkuDocument(
        text[entSku[e]],
        category(e),
        attrSets.get(entAttrs[e]),
        list(similar, doc),
        list(reverse, doc));
  }

  /** The popular list, best first. */
  List<Neighbor> popular() {
    return popular;
  }

  /** String {@code i} of the string table, decoded (after {@link #index}). */
  String text(int i) {
    return text[i];
  }

  /** The readable document of {@code sku}, or -1 (none, or malformed). */
  int documentOf(String sku) {
    Integer doc = docBySku.get(sku);
    return doc == null ? -1 : doc;
  }

  private List<Neighbor> list(Lists lists, int doc) {
    int from = lists.ptr()[doc];
    Neighbor[] out = new Neighbor[lists.ptr()[doc + 1] - from];
    for (int i = 0; i < out.length; i++) {
      Neighbor p = prototypes[lists.entities()[from + i]];
      out[i] = new Neighbor(p.sku(), lists.scores().get(from + i), p.category(), p.attributes());
    }
    return List.of(out);
  }

  private Neighbor neighbor(int e, double score) {
    return new Neighbor(text[entSku[e]], score, category(e), attrSets.get(entAttrs[e]));
  }

  private String category(int e) {
    return entCategory[e] < 0 ? null : text[entCategory[e]];
  }
}
