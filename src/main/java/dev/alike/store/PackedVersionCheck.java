package dev.alike.store;

import java.lang.System.Logger.Level;

/**
 * Validates the references inside a {@link PackedVersion} read from disk (the file's checksum and
 * array lengths are already checked): every string, attribute set and entity index in range, SKU
 * ids non-empty, scores finite. Bad entities make the documents that use them bad; bad documents
 * are logged (count and the first few) and left out, so one malformed document never takes the
 * whole version down.
 */
final class PackedVersionCheck {
  private static final System.Logger LOG = System.getLogger(PackedVersionCheck.class.getName());

  /** Log at most this many bad documents by name; the count covers all of them. */
  private static final int NAMED = 5;

  private final PackedVersion v;
  private final BinaryIn in;

  PackedVersionCheck(PackedVersion v, BinaryIn in) {
    this.v = v;
    this.in = in;
  }

  void run() {
    int strings = v.strings.size();
    for (int p : v.attrPairs) {
      if (p < 0 || p >= strings) {
        throw in.malformed("attribute string index " + p + " out of range");
      }
    }
    int sets = v.attrPtr.length - 1;
    boolean[] badEntity = new boolean[v.entSku.length];
    for (int e = 0; e < badEntity.length; e++) {
      int sku = v.entSku[e];
      int category = v.entCategory[e];
      badEntity[e] =
          sku < 0
              || sku >= strings
              || v.strings.byteLength(sku) == 0
              || category < -1
              || category >= strings
              || v.entAttrs[e] < 0
              || v.entAttrs[e] >= sets;
    }
    boolean[] badDoc = new boolean[v.documentCount()];
    int bad = 0;
    StringBuilder named = new StringBuilder();
    for (int d = 0; d < badDoc.length; d++) {
      int e = v.docEntity[d];
      String problem =
          e < 0 || e >= badEntity.length || badEntity[e]
              ? "its own entity " + e + " is malformed"
              : problem(v.similar, d, badEntity, "similar");
      if (problem == null) {
        problem = problem(v.reverse, d, badEntity, "reverse");
      }
      if (problem != null) {
        badDoc[d] = true;
        if (++bad <= NAMED) {
          named.append("\n  document ").append(d).append(": ").append(problem);
        }
      }
    }
    if (bad > 0) {
      LOG.log(Level.WARNING, "{0} malformed SKU documents ignored:{1}", bad, named);
    }
    v.index(badEntity, badDoc);
  }

  private static String problem(
      PackedVersion.Lists lists, int d, boolean[] badEntity, String what) {
    for (int at = lists.ptr()[d]; at < lists.ptr()[d + 1]; at++) {
      int e = lists.entities()[at];
      if (e < 0 || e >= badEntity.length || badEntity[e]) {
        return what + " entry " + (at - lists.ptr()[d]) + " points to malformed entity " + e;
      }
      // A stored similarity is finite and positive (the build keeps only scores > 0); a reverse
      // list's weight is finite and non-zero (EASE's may be negative).
      double score = lists.scores().get(at);
      boolean signed = what.equals("reverse");
      if (!Double.isFinite(score) || (signed ? score == 0 : !(score > 0))) {
        return what + " entry " + (at - lists.ptr()[d]) + " has score " + lists.scores().get(at);
      }
    }
    return null;
  }
}
