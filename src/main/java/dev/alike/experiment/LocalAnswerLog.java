package dev.alike.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recorded answers of a local store: {@link AnswerRecords} lines appended to {@code
 * STOREDIR/answers/answers-YYYY-MM-DD.jsonl}, one file per UTC day of the answer, beside the
 * real-time events ({@code STOREDIR/realtime/}). Each batch is one append per file; the store
 * directory itself must exist (the store made it), so a mistyped store path loses answers loudly
 * instead of growing a new tree.
 */
public final class LocalAnswerLog implements AnswerRecorder.Sink {
  /** Folder under the store directory. */
  public static final String FOLDER = "answers";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("'answers-'yyyy-MM-dd'.jsonl'").withZone(ZoneOffset.UTC);

  private final Path storeDirectory;
  private final Path folder;

  /** The answer files of the local store in {@code storeDirectory}. */
  public LocalAnswerLog(Path storeDirectory) {
    this.storeDirectory = storeDirectory;
    this.folder = storeDirectory.resolve(FOLDER);
  }

  /** The file of the answers served on the UTC day of {@code at}. */
  public Path file(Instant at) {
    return folder.resolve(DAY.format(at));
  }

  @Override
  public void write(List<Exposure> answers) {
    Map<Path, StringBuilder> byFile = new TreeMap<>();
    for (Exposure e : answers) {
      byFile
          .computeIfAbsent(file(Instant.ofEpochMilli(e.servedMillis())), f -> new StringBuilder())
          .append(AnswerRecords.line(e))
          .append('\n');
    }
    for (Map.Entry<Path, StringBuilder> f : byFile.entrySet()) {
      try {
        if (!Files.isDirectory(folder)) {
          if (!Files.isDirectory(storeDirectory)) {
            throw new IOException("the store directory " + storeDirectory + " does not exist");
          }
          Files.createDirectories(folder);
        }
        Files.write(
            f.getKey(),
            f.getValue().toString().getBytes(StandardCharsets.UTF_8),
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append answers to " + f.getKey() + ": " + e, e);
      }
    }
  }

  @Override
  public String where() {
    return folder.toString();
  }

  @Override
  public void close() {}
}
