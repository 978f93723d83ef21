package dev.alike.events;

import dev.alike.model.EventLog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes event files for tests (gzipped when the name ends with .gz) and reads them back. */
final class TestFiles {
  private TestFiles() {}

  static Path write(Path dir, String name, String content) {
    return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(Path dir, String name, byte[] content) {
    Path p = dir.resolve(name);
    try {
      Files.createDirectories(p.getParent());
      try (OutputStream out =
          name.toLowerCase(java.util.Locale.ROOT).endsWith(".gz")
              ? new GZIPOutputStream(Files.newOutputStream(p))
              : Files.newOutputStream(p)) {
        out.write(content);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  static IngestOptions options() {
    return IngestOptions.defaults().withThreads(2);
  }

  static IngestResult read(IngestOptions options, Path... files) {
    List<EventInput> inputs = new ArrayList<>();
    for (Path f : files) {
      inputs.add(new LocalEventInput(f));
    }
    return new EventReader(options).read(inputs);
  }

  static IngestResult read(Path... files) {
    return read(options(), files);
  }

  /** Events as "customer|sku|weight|time" strings, in log order. */
  static List<String> events(EventLog log) {
    List<String> out = new ArrayList<>();
    for (int e = 0; e < log.size(); e++) {
      out.add(
          log.customers().id(log.customer(e))
              + "|"
              + log.skus().id(log.sku(e))
              + "|"
              + log.weight(e)
              + "|"
              + (log.time(e) == EventLog.NO_TIME ? "-" : String.valueOf(log.time(e))));
    }
    return out;
  }
}
