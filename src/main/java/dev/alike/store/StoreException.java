package dev.alike.store;

/**
 * A failure of the backing store (I/O, Firestore unavailable, ...); the message names what failed.
 */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An id shortened for messages (ids may be kilobytes long). */
  public static String abbreviate(String id) {
    return id.length() <= 80
        ? "\"" + id + "\""
        : "\"" + id.substring(0, 77) + "...\" (" + id.length() + " chars)";
  }
}
