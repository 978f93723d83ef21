package dev.alike.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps stored documents well under Firestore's 1 MiB document limit, whatever the ids' lengths.
 *
 * <p>Sizes follow Firestore's documented storage-size rules (string = UTF-8 bytes + 1, number = 8,
 * boolean = 1, array = sum of elements, map = sum of key and value sizes). The budget for a
 * document's fields is {@link #MAX_FIELD_BYTES}; the document name adds at most ~1.7 KB (a 1,500
 * byte id plus the collection path) and 32 bytes of overhead, so a fitted document stays below 0.91
 * MB, leaving about 13% of the 1,048,576 byte limit as headroom.
 *
 * <p>What is cut when a document would not fit: for a SKU document, entries from the tail (the
 * lowest scores) of its reverse list first, then of its bought-together list, then of its own top-k
 * list; for a profile, its lowest-scored SKUs. If a document cannot fit even with empty lists (a
 * single id of ~900 KB) it is skipped (a SKU document's skip is logged). Every cut entry and
 * skipped document is counted.
 */
public final class DocumentBudget {
  private static final System.Logger LOG = System.getLogger(DocumentBudget.class.getName());

  /** Budget for a document's fields: 900,000 bytes (see the class comment for the headroom). */
  public static final int MAX_FIELD_BYTES = 900_000;

  private final int maxFieldBytes;

  /** A budget of {@code maxFieldBytes} (tests use small budgets to exercise cutting). */
  public DocumentBudget(int maxFieldBytes) {
    if (maxFieldBytes < 64) {
      throw new IllegalArgumentException("maxFieldBytes=" + maxFieldBytes + " should be >= 64");
    }
    this.maxFieldBytes = maxFieldBytes;
  }

  /** The default budget. */
  public static DocumentBudget firestore() {
    return new DocumentBudget(MAX_FIELD_BYTES);
  }

  /**
   * A fitted value and the number of list entries cut to fit it.
   *
   * @param value null when the document could not fit at all (skipped)
   */
  public record Fitted<T>(T value, int cut) {}

  /** {@code doc} with its lists shortened until it fits. */
  public Fitted<SkuDocument> fit(SkuDocument doc) {
    if (upperBound(doc) <= maxFieldBytes) {
      return new Fitted<>(doc, 0); // the usual case, decided from string lengths alone
    }
    long base =
        fieldsSize(
            StoreCodec.write(
                new SkuDocument(
                    doc.sku(),
                    doc.category(),
                    doc.attributes(),
                    List.of(),
                    List.of(),
                    doc.rebuy(),
                    doc.rebuyAfter())));
    long[] similar = entrySizes(doc.similar());
    long[] reverse = entrySizes(doc.reverse());
    long[] together = entrySizes(doc.together());
    long total =
        base
            + sum(similar)
            + sum(reverse)
            + sum(together)
            + optionalNames(doc.similar())
            + optionalNames(doc.reverse())
            + optionalNames(doc.together())
            + (together.length > 0 ? stringSize(StoreCodec.TOGETHER) + listNames() : 0);
    int keepReverse = reverse.length;
    int keepTogether = together.length;
    int keepSimilar = similar.length;
    while (total > maxFieldBytes && keepReverse > 0) {
      total -= reverse[--keepReverse];
    }
    while (total > maxFieldBytes && keepTogether > 0) {
      total -= together[--keepTogether];
    }
    while (total > maxFieldBytes && keepSimilar > 0) {
      total -= similar[--keepSimilar];
    }
    int cut =
        (similar.length - keepSimilar)
            + (reverse.length - keepReverse)
            + (together.length - keepTogether);
    if (total > maxFieldBytes) {
      LOG.log(
          System.Logger.Level.WARNING,
          "SKU document too large even with empty lists, skipped: {0}",
          StoreException.abbreviate(doc.sku()));
      return new Fitted<>(null, similar.length + reverse.length + together.length);
    }
    if (cut == 0) {
      return new Fitted<>(doc, 0);
    }
    return new Fitted<>(
        new SkuDocument(
            doc.sku(),
            doc.category(),
            doc.attributes(),
            doc.similar().subList(0, keepSimilar),
            doc.reverse().subList(0, keepReverse),
            doc.together().subList(0, keepTogether),
            doc.rebuy(),
            doc.rebuyAfter()),
        cut);
  }

  /** {@code list} (e.g. the popular list) cut from its tail to fit within the budget. */
  public Fitted<List<Neighbor>> fit(List<Neighbor> list) {
    long[] sizes = entrySizes(list);
    long total = fieldsSize(StoreCodec.writeList(List.of())) + optionalNames(list) + sum(sizes);
    int keep = sizes.length;
    while (total > maxFieldBytes && keep > 0) {
      total -= sizes[--keep];
    }
    return new Fitted<>(list.subList(0, keep), sizes.length - keep);
  }

  /** {@code profile} without its lowest-scored SKUs until it fits. */
  public Fitted<CustomerProfile> fit(CustomerProfile profile) {
    if (upperBound(profile) <= maxFieldBytes) {
      return new Fitted<>(profile, 0); // the usual case, decided from string lengths alone
    }
    long base =
        fieldsSize(
            StoreCodec.write(new CustomerProfile(profile.customer(), Map.of(), profile.updates())));
    List<Map.Entry<String, Double>> entries = new ArrayList<>(profile.scores().entrySet());
    long total = base + (profile.seen().isEmpty() ? 0 : stringSize(StoreCodec.SEEN));
    total += profile.bought().isEmpty() ? 0 : stringSize(StoreCodec.BOUGHT);
    for (Map.Entry<String, Double> e : entries) {
      total += entrySize(profile, e.getKey());
    }
    if (total <= maxFieldBytes) {
      return new Fitted<>(profile, 0);
    }
    entries.sort(
        Map.Entry.<String, Double>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    int keep = entries.size();
    while (total > maxFieldBytes && keep > 0) {
      total -= entrySize(profile, entries.get(--keep).getKey());
    }
    if (total > maxFieldBytes) {
      return new Fitted<>(null, entries.size());
    }
    Map<String, Double> kept = new LinkedHashMap<>();
    for (int i = 0; i < keep; i++) {
      kept.put(entries.get(i).getKey(), entries.get(i).getValue());
    }
    return new Fitted<>(
        new CustomerProfile(
            profile.customer(), kept, profile.seen(), profile.bought(), profile.updates()),
        entries.size() - keep);
  }

  /** One SKU's share of a profile: its id and score, its time, its purchase's index and time. */
  private static long entrySize(CustomerProfile profile, String sku) {
    return stringSize(sku)
        + 8
        + (profile.seen().isEmpty() ? 0 : 8)
        + (profile.bought().containsKey(sku) ? 16 : 0);
  }

  /**
   * A bound on {@code fieldsSize(StoreCodec.write(doc))} from string lengths (a char is at most 3
   * UTF-8 bytes; each field name, string and number counted as {@link #sizeOf} counts them): 160
   * bytes cover every field name with the rebuy numbers (131 + 33), 58 an entry's score, price,
   * unavailable index, support and null category (33), 200 the names of a bought-together list.
   */
  static long upperBound(SkuDocument doc) {
    long total = 160 + strings(doc.sku(), doc.category(), doc.attributes());
    total += doc.together().isEmpty() ? 0 : 200;
    for (List<Neighbor> list : List.of(doc.similar(), doc.reverse(), doc.together())) {
      for (Neighbor n : list) {
        total += 58 + strings(n.sku(), n.category(), n.attributes());
      }
    }
    return total;
  }

  /**
   * A bound on a profile's stored size from string lengths: 128 bytes for the field names and the
   * hash, each SKU at 3 bytes a char plus its score and time, each purchase an index and a time,
   * each update key likewise.
   */
  private static long upperBound(CustomerProfile profile) {
    long total = 128 + 3L * profile.customer().length() + 16L * profile.bought().size();
    for (String sku : profile.scores().keySet()) {
      total += 3L * sku.length() + 1 + 16;
    }
    for (String key : profile.updates()) {
      total += 3L * key.length() + 1;
    }
    return total;
  }

  private static long strings(String sku, String category, Map<String, String> attributes) {
    long total = 3L * sku.length() + 1 + (category == null ? 0 : 3L * category.length() + 1);
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      total += 3L * (e.getKey().length() + e.getValue().length()) + 2 + 8; // + an entry index
    }
    return total;
  }

  /**
   * Each entry's share of its list's stored size: its SKU, score, category and price (or the null
   * standing for none, when the list has them), unavailable index and attribute triples.
   */
  private static long[] entrySizes(List<Neighbor> list) {
    boolean categories = list.stream().anyMatch(n -> n.category() != null);
    boolean supports = list.stream().anyMatch(n -> n.support() > 0);
    boolean prices = list.stream().anyMatch(n -> !Double.isNaN(n.price()));
    long[] sizes = new long[list.size()];
    for (int i = 0; i < sizes.length; i++) {
      Neighbor n = list.get(i);
      long size = stringSize(n.sku()) + 8;
      if (categories) {
        size += n.category() == null ? 1 : stringSize(n.category());
      }
      if (supports) {
        size += 8;
      }
      if (prices) {
        size += Double.isNaN(n.price()) ? 1 : 8;
      }
      size += n.available() ? 0 : 8;
      for (Map.Entry<String, String> a : n.attributes().entrySet()) {
        size += 8 + stringSize(a.getKey()) + stringSize(a.getValue());
      }
      sizes[i] = size;
    }
    return sizes;
  }

  /**
   * The names of a list's optional arrays, present when some entry has a category, attributes, a
   * price or is unavailable; counted in full even when cutting entries drops them, which only makes
   * the fit safer.
   */
  private static long optionalNames(List<Neighbor> list) {
    boolean categories = list.stream().anyMatch(n -> n.category() != null);
    boolean attrs = list.stream().anyMatch(n -> !n.attributes().isEmpty());
    boolean supports = list.stream().anyMatch(n -> n.support() > 0);
    boolean prices = list.stream().anyMatch(n -> !Double.isNaN(n.price()));
    boolean unavailable = list.stream().anyMatch(n -> !n.available());
    return (categories ? stringSize(StoreCodec.CATEGORIES) : 0)
        + (attrs ? stringSize(StoreCodec.ATTRS) : 0)
        + (supports ? stringSize(StoreCodec.SUPPORTS) : 0)
        + (prices ? stringSize(StoreCodec.PRICES) : 0)
        + (unavailable ? stringSize(StoreCodec.UNAVAILABLE) : 0);
  }

  /** The names of a list's required arrays ({@code skus}, {@code scores}). */
  private static long listNames() {
    return stringSize(StoreCodec.SKUS) + stringSize(StoreCodec.SCORES);
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long v : values) {
      total += v;
    }
    return total;
  }

  /** Storage size of a document's fields by Firestore's rules. */
  public static long fieldsSize(Map<String, Object> fields) {
    return sizeOf(fields);
  }

  static long sizeOf(Object value) {
    if (value == null || value instanceof Boolean) {
      return 1;
    }
    if (value instanceof Number) {
      return 8;
    }
    if (value instanceof String s) {
      return stringSize(s);
    }
    if (value instanceof List<?> list) {
      long total = 0;
      for (Object o : list) {
        total += sizeOf(o);
      }
      return total;
    }
    if (value instanceof Map<?, ?> map) {
      long total = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        total += stringSize((String) e.getKey()) + sizeOf(e.getValue());
      }
      return total;
    }
    throw new IllegalArgumentException("unsupported stored value " + value.getClass());
  }

  static long stringSize(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length + 1L;
  }
}
