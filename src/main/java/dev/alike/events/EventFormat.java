package dev.alike.events;

import java.util.Locale;

/** The file formats the reader understands, chosen by extension after stripping {@code .gz}. */
public enum EventFormat {
  /** {@code .jsonl}, {@code .ndjson}: one flat event or one session object per line. */
  JSON_LINES,
  /**
   * {@code .json}: one JSON array of events; or, when its first character is <code>{</code>, one
   * object per line, as BigQuery's JSON export writes them.
   */
  JSON,
  /** {@code .csv}: a header row naming the columns, then one event per record. */
  CSV,
  /**
   * {@code .avro}: an Avro container file of GA4 export rows or flat events (BigQuery's export).
   */
  AVRO;

  /** The extensions listed in error messages. */
  public static final String SUPPORTED =
      ".jsonl, .ndjson, .json, .csv, each optionally followed by .gz, and .avro";

  /** Whether {@code name} ends with {@code .gz} (any case). */
  public static boolean gzipped(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  /**
   * The format of the file called {@code name}.
   *
   * @throws IngestException naming the file and the supported extensions when none matches
   */
  public static EventFormat of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
      return JSON_LINES;
    }
    if (n.endsWith(".json")) {
      return JSON;
    }
    if (n.endsWith(".csv")) {
      return CSV;
    }
    if (n.endsWith(".avro") && !EventFormat.gzipped(name)) {
      return AVRO;
    }
    throw new IngestException(
        "cannot tell the format of " + name + " from its extension; supported: " + SUPPORTED);
  }
}
