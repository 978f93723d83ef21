package dev.alike.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Every customer profile in the local store's compact form, in memory and on disk ({@code
 * profiles.bin}): the distinct SKU ids, the customer ids, a 128-bit content fingerprint per profile
 * (see {@link ProfileReplacer}), and the profiles' (SKU, score) lists as CSR arrays. A million
 * profiles are a dozen arrays; {@link #profile} builds a {@link CustomerProfile} on request.
 *
 * <pre>
 * file      : magic (long) format (int) skus customers fingerprints ptr entries scores crc32
 * skus      : {@link Utf8Table} of distinct SKU ids
 * customers : {@link Utf8Table}, one per profile
 * fingerprints : long[2n]
 * ptr       : int[n+1]; entries: int[ptr[n]] SKU indices; scores: {@link Scores}
 * </pre>
 *
 * Reading checks the CRC and structure (a bad file is {@link StoreCodec.Malformed}); a profile with
 * an out-of-range or repeated SKU index, a non-finite score or an empty id is logged and reads as
 * missing.
 */
final class PackedProfiles {
  static final String FILE = "profiles.bin";
  private static final long MAGIC = 0x5250_5f45_4b49_4c41L; // "ALIKE_PR", little-endian
  private static final int FORMAT = 1;
  private static final System.Logger LOG = System.getLogger(PackedProfiles.class.getName());

  final Utf8Table skus;
  final Utf8Table customers;
  final long[] fingerprints;
  final int[] ptr;
  final int[] entries;
  final Scores scores;

  private IdTable byCustomer;
  private boolean[] bad;
  private volatile String[] skuText;

  PackedProfiles(
      Utf8Table skus,
      Utf8Table customers,
      long[] fingerprints,
      int[] ptr,
      int[] entries,
      Scores scores) {
    this.skus = skus;
    this.customers = customers;
    this.fingerprints = fingerprints;
    this.ptr = ptr;
    this.entries = entries;
    this.scores = scores;
  }

  /** No profiles (what a store without a profiles file holds). */
  static PackedProfiles none() {
    PackedProfiles p =
        new PackedProfiles(
            new Utf8Table(0),
            new Utf8Table(0),
            new long[0],
            new int[1],
            new int[0],
            Scores.ofFloats(new float[0], 0));
    p.bad = new boolean[0];
    return p;
  }

  int size() {
    return customers.size();
  }

  void write(Path file) throws IOException {
    int n = customers.size();
    try (BinaryOut out = new BinaryOut(file)) {
      out.putLong(MAGIC);
      out.putInt(FORMAT);
      skus.write(out);
      customers.write(out);
      out.putLongs(fingerprints, 0, 2 * n);
      out.putInts(ptr, 0, n + 1);
      out.putInts(entries, 0, ptr[n]);
      scores.write(out);
      out.commit();
    }
  }

  /**
   * Reads and indexes a profiles file.
   *
   * @throws StoreCodec.Malformed when it is truncated, corrupt or inconsistent
   */
  static PackedProfiles read(Path file) throws IOException {
    BinaryIn in = BinaryIn.open(file);
    if (in.getLong() != MAGIC) {
      throw in.malformed("not a profiles file");
    }
    int format = in.getInt();
    if (format != FORMAT) {
      throw in.malformed("format " + format + ", this reader knows " + FORMAT);
    }
    Utf8Table skus = Utf8Table.read(in, "SKU ids");
    Utf8Table customers = Utf8Table.read(in, "customer ids");
    int n = customers.size();
    long[] fingerprints = in.getLongs(2 * n);
    int[] ptr = in.getInts(n + 1);
    if (ptr[0] != 0) {
      throw in.malformed("profile pointers start at " + ptr[0]);
    }
    for (int i = 0; i < n; i++) {
      if (ptr[i + 1] < ptr[i]) {
        throw in.malformed("profile pointer " + (i + 1) + " is " + ptr[i + 1]);
      }
    }
    int[] entries = in.getInts(ptr[n]);
    Scores scores = Scores.read(in, ptr[n], "profile");
    if (in.remaining() != 0) {
      throw in.malformed(in.remaining() + " unexpected bytes after the scores");
    }
    PackedProfiles p = new PackedProfiles(skus, customers, fingerprints, ptr, entries, scores);
    p.index(file);
    return p;
  }

  private void index(Path file) {
    int n = customers.size();
    bad = new boolean[n];
    byCustomer = new IdTable(n);
    int badCount = 0;
    int[] lastProfile = new int[skus.size()];
    for (int i = 0; i < n; i++) {
      bad[i] = customers.byteLength(i) == 0 || !validEntries(i, lastProfile);
      if (bad[i]) {
        badCount++;
      } else {
        byCustomer.put(i, customers.hash(i));
      }
    }
    if (badCount > 0) {
      LOG.log(Level.WARNING, "{0}: {1} malformed profiles ignored", file, badCount);
    }
  }

  private boolean validEntries(int i, int[] lastProfile) {
    for (int at = ptr[i]; at < ptr[i + 1]; at++) {
      int sku = entries[at];
      if (sku < 0 || sku >= skus.size() || skus.byteLength(sku) == 0) {
        return false;
      }
      // A SKU twice in one profile: the writers never produce it, and no reading could be right.
      if (lastProfile[sku] == i + 1) {
        return false;
      }
      lastProfile[sku] = i + 1;
      if (!Double.isFinite(scores.get(at))) {
        return false;
      }
    }
    return true;
  }

  /** The stored index of {@code customer} (UTF-8), or -1. */
  int find(byte[] utf8, long hash) {
    return byCustomer.find(customers, utf8, hash);
  }

  /** The profile of {@code customer}, or null when none is stored. */
  CustomerProfile profile(String customer) {
    byte[] utf8 = customer.getBytes(StandardCharsets.UTF_8);
    int i = find(utf8, Fingerprint.of(utf8, 0, utf8.length));
    return i < 0 ? null : profileAt(i);
  }

  /** Every valid stored profile, decoded as the iterator advances. */
  Iterator<CustomerProfile> all() {
    return new Iterator<>() {
      private int next = skipBad(0);

      @Override
      public boolean hasNext() {
        return next < size();
      }

      @Override
      public CustomerProfile next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CustomerProfile p = profileAt(next);
        next = skipBad(next + 1);
        return p;
      }
    };
  }

  /** False for a profile that was malformed on disk (it reads as missing). */
  boolean readable(int i) {
    return !bad[i];
  }

  private int skipBad(int i) {
    while (i < size() && bad[i]) {
      i++;
    }
    return i;
  }

  private CustomerProfile profileAt(int i) {
    String[] text = skuText;
    if (text == null) {
      text = skus.decodeAll();
      skuText = text;
    }
    Map<String, Double> map = new LinkedHashMap<>();
    for (int at = ptr[i]; at < ptr[i + 1]; at++) {
      map.put(text[entries[at]], scores.get(at));
    }
    return new CustomerProfile(customers.get(i), map);
  }
}
