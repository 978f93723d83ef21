package dev.alike.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

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

  /** Per thread: a digest and the buffer the hashed bytes are laid out in (one update call). */
  private static final ThreadLocal<ProfileHash> SCRATCH = ThreadLocal.withInitial(ProfileHash::new);

  private final MessageDigest sha;
  private ByteBuffer bytes = ByteBuffer.allocate(1024);

  private ProfileHash() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }

  /** The hash of {@code profile}, 22 base64url characters. */
  public static String of(CustomerProfile profile) {
    ProfileHash h = SCRATCH.get();
    h.bytes.clear();
    h.put(FORMAT);
    h.put(profile.customer());
    String[] skus = profile.scores().keySet().toArray(new String[0]);
    Arrays.sort(skus);
    for (String sku : skus) {
      h.put(sku);
      h.room(Double.BYTES).putDouble(profile.scores().get(sku));
    }
    // Real-time update keys (none in what a build writes, so a build's hashes are unchanged): a
    // profile holding updates never equals the build's recomputed one, so the build rewrites it.
    if (!profile.updates().isEmpty()) {
      h.put("updates:" + profile.updates().size());
      for (String key : profile.updates()) {
        h.put(key);
      }
    }
    h.sha.update(h.bytes.array(), 0, h.bytes.position());
    byte[] digest = h.sha.digest();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
  }

  /** Appends {@code s} as its UTF-8 length (4 bytes, big-endian) and bytes. */
  private void put(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    room(Integer.BYTES + b.length).putInt(b.length).put(b);
  }

  private ByteBuffer room(int n) {
    if (bytes.remaining() < n) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(bytes.capacity() * 2, bytes.position() + n));
      bigger.put(bytes.array(), 0, bytes.position());
      bytes = bigger;
    }
    return bytes;
  }
}
