package dev.alike.store;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns any SKU, customer or version id into a Firestore document id (and a safe file name), and
 * back.
 *
 * <p>Firestore document ids must be at most 1,500 bytes of UTF-8, must not contain {@code /}, must
 * not be {@code .} or {@code ..} and must not match {@code __.*__}. The encoding has three forms:
 *
 * <ol>
 *   <li><b>plain</b>: an id of 1 to 1,500 characters from {@code [A-Za-z0-9._-]} that is not {@code
 *       .} or {@code ..} and does not start with {@code __} is used as is (most real SKU ids,
 *       readable in the console);
 *   <li><b>{@code ~b} + base64url(UTF-8 bytes), no padding</b>: every other id whose encoding fits
 *       in 1,500 bytes ({@code ~} is outside the plain alphabet, so the forms never collide);
 *   <li><b>{@code ~h} + base64url(SHA-256(UTF-8 bytes))</b>: ids whose base64 form would exceed
 *       1,500 bytes (ids over about 1,123 bytes). Not reversible by itself: every document also
 *       stores its original id in a field, and readers compare that field with the id they asked
 *       for, so a hash collision or a wrong document reads as "missing".
 * </ol>
 */
public final class DocIds {
  /** Firestore's limit on a document id, in UTF-8 bytes. */
  public static final int MAX_ID_BYTES = 1500;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,1500}");
  private static final String BASE64 = "~b";
  private static final String HASHED = "~h";
  private static final BaseEncoding BASE64URL = BaseEncoding.base64Url().omitPadding();

  private DocIds() {}

  /** The document id for {@code id}; deterministic, injective except for hashed ids. */
  public static String encode(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("id must be non-empty");
    }
    if (isPlain(id)) {
      return id;
    }
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    String b64 = BASE64 + BASE64URL.encode(utf8);
    if (b64.length() <= MAX_ID_BYTES) {
      return b64;
    }
    return HASHED + BASE64URL.encode(Hashing.sha256().hashBytes(utf8).asBytes());
  }

  /**
   * The original id of a plain or base64 document id; empty for hashed ids (read the document's id
   * field instead) and for strings that are not valid encodings.
   */
  public static Optional<String> decode(String docId) {
    if (docId.startsWith(BASE64)) {
      try {
        byte[] utf8 = BASE64URL.decode(docId.substring(BASE64.length()));
        String id = new String(utf8, StandardCharsets.UTF_8);
        return encode(id).equals(docId) ? Optional.of(id) : Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return isPlain(docId) ? Optional.of(docId) : Optional.empty();
  }

  private static boolean isPlain(String id) {
    return PLAIN.matcher(id).matches()
        && !id.equals(".")
        && !id.equals("..")
        && !id.startsWith("__");
  }
}
