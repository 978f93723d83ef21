package dev.alike.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file on the local disk. Splittable (readable by byte range) unless gzipped, since a gzip stream
 * can only be decoded from its start.
 */
public final class LocalEventInput implements EventInput {
  private final Path path;
  private final long size;

  /**
   * @throws IngestException naming the file when it cannot be read
   */
  public LocalEventInput(Path path) {
    this.path = path;
    try {
      this.size = Files.size(path);
    } catch (IOException e) {
      throw new IngestException("cannot read " + path + ": " + e, e);
    }
    if (!Files.isReadable(path) || Files.isDirectory(path)) {
      throw new IngestException("cannot read " + path + ": not a readable file");
    }
  }

  @Override
  public String name() {
    return path.toString();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public InputStream open() throws IOException {
    return Files.newInputStream(path);
  }

  @Override
  public boolean splittable() {
    return !EventFormat.gzipped(name());
  }

  /**
   * Bytes from {@code start} to {@code end}, read lazily; past end of file the stream just ends.
   */
  @Override
  public InputStream openRange(long start, long end) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    channel.position(start);
    InputStream in = Channels.newInputStream(channel);
    return new InputStream() {
      private long remaining = Math.max(0, end - start);

      @Override
      public int read() throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int b = in.read();
        if (b >= 0) {
          remaining--;
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int n = in.read(buf, off, (int) Math.min(len, remaining));
        if (n > 0) {
          remaining -= n;
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  @Override
  public String toString() {
    return name();
  }
}
