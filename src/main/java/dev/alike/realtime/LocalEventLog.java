package dev.alike.realtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local stand-in for the Cloud Storage subscription: accepted events appended as JSON Lines to
 * the live file {@code STOREDIR/realtime/events.jsonl}. A build closes the live file first ({@link
 * #rotate}: renamed to {@code events-<millis>-<id>.jsonl}) and reads every closed file, so what it
 * counted is exactly the closed files; afterwards it replays the live file, the events accepted
 * while it ran ({@link RealtimeReplay}). Appends, rotation and the replay's read hold an exclusive
 * lock on {@code realtime/.lock}, so two processes on one store directory never see half lines.
 */
public final class LocalEventLog {
  /** Folder under the store directory. */
  public static final String FOLDER = "realtime";

  /** The live file appended to. */
  public static final String FILE = "events.jsonl";

  private static final String LOCK = ".lock";

  /** One lock per JVM as well: a FileLock is per process, and threads share the process. */
  private static final Object IN_PROCESS = new Object();

  private final Path folder;
  private final Path file;

  /** The log of the local store in {@code storeDirectory}. */
  public LocalEventLog(Path storeDirectory) {
    this.folder = storeDirectory.resolve(FOLDER);
    this.file = folder.resolve(FILE);
  }

  /** The live file events are appended to. */
  public Path file() {
    return file;
  }

  /**
   * Appends {@code lines} (complete lines, each ending in a newline) in one write.
   *
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public void append(String lines) {
    byte[] bytes = lines.getBytes(StandardCharsets.UTF_8);
    locked(
        () -> {
          Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          return null;
        },
        "cannot append events to " + file);
  }

  /**
   * Closes the live file (when it holds anything) and returns every closed file, oldest first: the
   * real-time events a build starting now counts. Empty when the store has no real-time events.
   *
   * @throws UncheckedIOException naming the folder when it cannot be read or renamed in
   */
  public List<Path> rotate() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    return locked(
        () -> {
          if (Files.exists(file) && Files.size(file) > 0) {
            String name =
                "events-"
                    + System.currentTimeMillis()
                    + "-"
                    + UUID.randomUUID().toString().substring(0, 8)
                    + ".jsonl";
            Files.move(file, folder.resolve(name));
          }
          try (Stream<Path> files = Files.list(folder)) {
            return files
                .filter(p -> p.getFileName().toString().startsWith("events-"))
                .filter(Files::isRegularFile)
                .sorted()
                .toList();
          }
        },
        "cannot close the real-time event file in " + folder);
  }

  /** The live file's text: the events appended since the last {@link #rotate}; "" when none. */
  public String live() {
    if (!Files.isDirectory(folder)) {
      return "";
    }
    return locked(
        () -> {
          try {
            return Files.readString(file, StandardCharsets.UTF_8);
          } catch (NoSuchFileException e) {
            return "";
          }
        },
        "cannot read " + file);
  }

  private interface Io<T> {
    T run() throws IOException;
  }

  private <T> T locked(Io<T> action, String failure) {
    synchronized (IN_PROCESS) {
      try {
        Files.createDirectories(folder);
        try (FileChannel ch =
                FileChannel.open(
                    folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.lock()) {
          return action.run();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(failure + ": " + e.getMessage(), e);
      }
    }
  }
}
