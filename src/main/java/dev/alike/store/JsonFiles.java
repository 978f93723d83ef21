package dev.alike.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Gzipped JSON Lines and small JSON files for the local store; replacement is atomic. */
final class JsonFiles {
  static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /** 64 KiB buffers: large enough that gzip, not the syscalls, dominates. */
  private static final int BUFFER = 1 << 16;

  private JsonFiles() {}

  /** A gzipped JSON Lines writer to {@code target}'s temp file, moved into place by commit. */
  static final class LinesWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final Writer out;
    private boolean committed;

    LinesWriter(Path target) throws IOException {
      this.target = target;
      this.temp = target.resolveSibling(target.getFileName() + ".tmp");
      this.out =
          new BufferedWriter(
              new OutputStreamWriter(
                  new GZIPOutputStream(Files.newOutputStream(temp), BUFFER),
                  StandardCharsets.UTF_8),
              BUFFER);
    }

    void write(Map<String, Object> record) throws IOException {
      out.write(GSON.toJson(record));
      out.write('\n');
    }

    /** Closes the file and atomically replaces {@code target} with it. */
    void commit() throws IOException {
      out.close();
      moveAtomically(temp, target);
      committed = true;
    }

    @Override
    public void close() throws IOException {
      if (!committed) {
        out.close();
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Calls {@code each} with (line number, parsed object) for every line of a gzipped JSON Lines
   * file; a line that is not a JSON object is passed as null so the caller can log and count it.
   */
  static void readLines(Path file, BiConsumer<Long, Map<String, Object>> each) throws IOException {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), BUFFER), StandardCharsets.UTF_8),
            BUFFER)) {
      long lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        each.accept(lineNo, parseObject(line));
      }
    }
  }

  /** The JSON object in {@code text}, or null when it is not one. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String text) {
    try {
      Object value = GSON.fromJson(text, Object.class);
      return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    } catch (JsonParseException e) {
      return null;
    }
  }

  /** Writes {@code record} as JSON to {@code target} through a temp file and an atomic move. */
  static void writeAtomically(Path target, Object record) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(temp, GSON.toJson(record), StandardCharsets.UTF_8);
    moveAtomically(temp, target);
  }

  static void moveAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
