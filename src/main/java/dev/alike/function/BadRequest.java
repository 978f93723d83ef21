package dev.alike.function;

/**
 * Input the client must fix: becomes a 400 with {@code message} and {@code field} in JSON. Messages
 * quote the bad value; one longer than {@link #MAX_MESSAGE} characters is cut there, so a 60 KB
 * parameter is not echoed back whole.
 */
final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;
  static final int MAX_MESSAGE = 300;
  private final String field;

  BadRequest(String field, String message) {
    super(shorten(message), null, false, false);
    this.field = field;
  }

  /** The request field at fault ({@code n}, {@code body}, {@code with}, ...). */
  String field() {
    return field;
  }

  private static String shorten(String message) {
    if (message.length() <= MAX_MESSAGE) {
      return message;
    }
    int end = MAX_MESSAGE;
    if (Character.isHighSurrogate(message.charAt(end - 1))) {
      end--;
    }
    return message.substring(0, end) + "... (" + message.length() + " characters)";
  }
}
