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
}
