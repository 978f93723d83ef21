package dev.alike.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens event inputs as byte streams: gzip by name, and gzip content under another name refused.
 */
final class EventStreams {
  private EventStreams() {}

  /**
   * Opens the input at {@code from}, decompressing .gz, and refusing gzip content in a file not
   * named .gz (it would otherwise look like 100% malformed lines).
   */
  static InputStream open(EventInput input, long from, boolean whole) throws IOException {
    String name = input.name();
    InputStream raw = whole ? input.open() : input.openRange(from, input.size());
    if (EventFormat.gzipped(name)) {
      try {
        return new GZIPInputStream(raw, 1 << 16);
      } catch (ZipException | java.io.EOFException e) {
        raw.close();
        throw new IngestException(name + " is named .gz but is not gzip-compressed", e);
      }
    }
    if (from != 0) {
      return raw;
    }
    PushbackInputStream in = new PushbackInputStream(raw, 2);
    byte[] magic = in.readNBytes(2);
    if (magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      in.close();
      throw new IngestException(name + " looks gzip-compressed; name it " + name + ".gz");
    }
    in.unread(magic);
    return in;
  }
}
