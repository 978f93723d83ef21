package dev.alike.store;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A content hash of a customer profile: how a rebuild tells a changed profile from an unchanged
 * one.
 *
 * <p>SHA-256 over a format tag, the customer id, the (sku, score) pairs sorted by SKU, and the
 * times and purchases ({@link CustomerProfile#seen}, {@link CustomerProfile#bought}) likewise (so
 * the map's iteration order does not matter), each string length-prefixed so that no two different
 * profiles serialize to the same bytes. Lengths and scores are hashed big-endian (Guava's {@code
 * putInt}/{@code putLong} are little-endian, hence the byte reversal): the bytes of the format's
 * first version, so hashes stored by earlier releases still match. The first 16 bytes (128 bits)
 * are kept, base64url: 22 characters, small enough to read back for every customer, and a false
 * "unchanged" needs a 2^-128 collision. Changing the format tag makes every profile look changed
 * once.
 */
public final class ProfileHash {
  private static final String FORMAT = "alike-profile-v1";

  private ProfileHash() {}

  /** The hash of {@code profile}, 22 base64url characters. */
  public static String of(CustomerProfile profile) {
    Hasher h = Hashing.sha256().newHasher();
    put(h, FORMAT);
    put(h, profile.customer());
    @SuppressWarnings("unchecked")
    Map.Entry<String, Double>[] entries = profile.scores().entrySet().toArray(new Map.Entry[0]);
    Arrays.sort(entries, Map.Entry.comparingByKey());
    for (Map.Entry<String, Double> e : entries) {
      put(h, e.getKey());
      h.putLong(Long.reverseBytes(Double.doubleToRawLongBits(e.getValue())));
    }
    // Times and purchases likewise only when present: profiles without them keep their hashes.
    put(h, "seen:", profile.seen());
    put(h, "bought:", profile.bought());
    // Real-time update keys (none in what a build writes, so a build's hashes are unchanged): a
    // profile holding updates never equals the build's recomputed one, so the build rewrites it.
    if (!profile.updates().isEmpty()) {
      put(h, "updates:" + profile.updates().size());
      for (String key : profile.updates()) {
        put(h, key);
      }
    }
    byte[] digest = h.hash().asBytes();
    return BaseEncoding.base64Url().omitPadding().encode(digest, 0, 16);
  }

  /** Hashes a non-empty SKU -> time map as its tag and size, then its pairs sorted by SKU. */
  private static void put(Hasher h, String tag, Map<String, Long> times) {
    if (times.isEmpty()) {
      return;
    }
    put(h, tag + times.size());
    String[] skus = times.keySet().toArray(new String[0]);
    Arrays.sort(skus);
    for (String sku : skus) {
      put(h, sku);
      h.putLong(Long.reverseBytes(times.get(sku)));
    }
  }

  /** Hashes {@code s} as its UTF-8 length (4 bytes, big-endian) and bytes. */
  private static void put(Hasher h, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    h.putInt(Integer.reverseBytes(b.length)).putBytes(b);
  }
}
