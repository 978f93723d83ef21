package dev.alike.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A content hash of a customer profile: how a rebuild tells a changed profile from an unchanged
 * one.
 *
 * <p>SHA-256 over a format tag, the customer id and the (sku, score) pairs sorted by SKU (so the
 * map's iteration order does not matter), each string length-prefixed so that no two different
 * profiles serialize to the same bytes. The first 16 bytes (128 bits) are kept, base64url: 22
 * characters, small enough to read back for every customer, and a false "unchanged" needs a 2^-128
 * collision. Changing the format tag makes every profile look changed once.
 */
public final class ProfileHash {
  private static final String FORMAT = "alike-profile-v1";

  private ProfileHash() {}

  /** The hash of {@code profile}, 22 base64url characters. */
  public static String of(CustomerProfile profile) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
    update(sha, FORMAT);
    update(sha, profile.customer());
    List<Map.Entry<String, Double>> entries = new ArrayList<>(profile.scores().entrySet());
    entries.sort(Map.Entry.comparingByKey());
    ByteBuffer score = ByteBuffer.allocate(Double.BYTES);
    for (Map.Entry<String, Double> e : entries) {
      update(sha, e.getKey());
      score.clear();
      score.putDouble(e.getValue());
      sha.update(score.array());
    }
    // Real-time update keys (none in what a build writes, so a build's hashes are unchanged): a
    // profile holding updates never equals the build's recomputed one, so the build rewrites it.
    if (!profile.updates().isEmpty()) {
      update(sha, "updates:" + profile.updates().size());
      for (String key : profile.updates()) {
        update(sha, key);
      }
    }
    byte[] digest = sha.digest();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(digest, 16));
  }

  private static void update(MessageDigest sha, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    sha.update(bytes);
  }
}
