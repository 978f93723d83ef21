package dev.alike.events;

/**
 * The event input cannot become a trustworthy event log: a file cannot be read, its content does
 * not match its extension, or too many lines were rejected. The message names the file or gives the
 * counts; it is meant to be shown to the user as is.
 */
public final class IngestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IngestException(String message) {
    super(message);
  }

  public IngestException(String message, Throwable cause) {
    super(message, cause);
  }
}
