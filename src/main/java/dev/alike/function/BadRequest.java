package dev.alike.function;

/** Input the client must fix: becomes a 400 with {@code message} and {@code field} in JSON. */
final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  BadRequest(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  /** The request field at fault ({@code n}, {@code body}, {@code with}, ...). */
  String field() {
    return field;
  }
}
