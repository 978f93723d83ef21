package dev.alike.events;

import java.io.IOException;
import java.io.InputStream;

/**
 * One readable input (a local file, a Cloud Storage object): its name for messages ({@code
 * file:line}), its size, and its bytes. Inputs that support {@link #openRange} can be split on line
 * boundaries and parsed in parallel; compressed inputs cannot.
 */
public interface EventInput {
  /** Name used in reports and errors: a path or a gs:// URI. */
  String name();

  /** Size in bytes as stored (compressed size for .gz), or -1 if unknown. */
  long size();

  /** The raw stored bytes (not decompressed); the caller closes the stream. */
  InputStream open() throws IOException;

  /** Whether {@link #openRange} is supported. */
  default boolean splittable() {
    return false;
  }

  /**
   * The raw bytes in [start, end) of the stored object.
   *
   * @throws UnsupportedOperationException unless {@link #splittable()}
   */
  default InputStream openRange(long start, long end) throws IOException {
    throw new UnsupportedOperationException(name() + " cannot be read by range");
  }
}
