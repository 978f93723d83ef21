package dev.alike.realtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The local stand-in for the Cloud Storage subscription: accepted events appended as JSON Lines to
 * {@code STOREDIR/realtime/events.jsonl}, a file the local {@code build} reads by default with the
 * events it is given ({@link #inputsOf}). Appends hold an exclusive file lock, so two processes
 * serving one store directory never interleave half lines.
 */
public final class LocalEventLog {
  /** Folder under the store directory. */
  public static final String FOLDER = "realtime";

  /** The file appended to. */
  public static final String FILE = "events.jsonl";

  private final Path file;

  /** The log of the local store in {@code storeDirectory}. */
  public LocalEventLog(Path storeDirectory) {
    this.file = storeDirectory.resolve(FOLDER).resolve(FILE);
  }

  /** The file events are appended to. */
  public Path file() {
    return file;
  }

  /**
   * The real-time event folder of a local store directory, when it holds any file: what the build
   * adds to its inputs. Empty otherwise.
   */
  public static java.util.Optional<Path> inputsOf(Path storeDirectory) {
    Path folder = storeDirectory.resolve(FOLDER);
    try (var files = Files.list(folder)) {
      return files.anyMatch(Files::isRegularFile)
          ? java.util.Optional.of(folder)
          : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Appends {@code lines} (complete lines, each ending in a newline) in one write.
   *
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public synchronized void append(String lines) {
    ByteBuffer bytes = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock lock = ch.lock()) {
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append events to " + file, e);
    }
  }
}
