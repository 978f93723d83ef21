package dev.alike.events;

/**
 * A unit of parsing work: the lines of one input whose first byte lies in {@code [start, end)}. A
 * whole-file chunk has start 0 and end {@link Long#MAX_VALUE}.
 *
 * @param skipPartial whether the line containing byte {@code start - 1} belongs to the previous
 *     chunk and must be skipped (true for split chunks after the first; false for a re-parse that
 *     starts exactly at a record boundary)
 * @param layout the CSV layout when known before parsing, else null (read from the header)
 */
record Chunk(
    int file,
    EventInput input,
    EventFormat format,
    long start,
    long end,
    boolean whole,
    boolean skipPartial,
    CsvLayout layout) {
  /** The same range, re-parsed from {@code from}, a known record start. */
  Chunk resumeAt(long from) {
    return new Chunk(file, input, format, from, end, false, false, layout);
  }
}
