package dev.alike.events;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Parses one {@link Chunk} into a {@link ChunkSink}. One instance per chunk; not thread-safe. */
final class ChunkParser {
  /** Read buffer; lines longer than this grow it. 1 MiB keeps system calls rare and fits L2. */
  private static final int BUFFER_BYTES = 1 << 20;

  /**
   * A JSON Lines file whose first this many non-blank lines are all of no known shape fails whole:
   * it is some other data, and reading it would reject every line or, worse, take a few by chance.
   * Five lets a file start with a stray bad line or two and still be read.
   */
  static final int PROBE_LINES = 5;

  private final Chunk chunk;
  private final ChunkSink sink;
  private final RawEvent event = new RawEvent();
  private final CsvSplitter csv = new CsvSplitter();
  private final JsonObjects json;
  private final Ga4Mapping ga4;

  /** Whether lines are JSON objects (a .jsonl file, or a .json file that is not an array). */
  private boolean jsonLines;

  /** Non-blank lines at the file's start still to prove the file is events; 0 once one did. */
  private int probe;

  /** What the first unrecognised line at the file's start was, for the error. */
  private String firstSeen;

  /**
   * The chunk's JSON Lines parser: non-blocking, so one parser is fed line after line (a blocking
   * one reads a stream as it likes and cannot be told where a line ends); replaced after a line it
   * could not finish, which would otherwise run on into the next line.
   */
  private JsonParser lineParser;

  /** Bytes fed to {@link #lineParser} before the current line (its locations count from there). */
  private long fed;

  private ChunkParser(Chunk chunk, IngestOptions options, ChunkSink recycled) {
    EventWeights weights = options.weights();
    this.chunk = chunk;
    this.ga4 = options.ga4();
    this.json = new JsonObjects(ga4);
    this.jsonLines = chunk.format() == EventFormat.JSON_LINES;
    long size = chunk.whole() ? chunk.input().size() : chunk.end() - chunk.start();
    this.sink =
        recycled != null
            ? recycled.reset()
            : new ChunkSink(weights, EventFormat.gzipped(chunk.input().name()) ? -1 : size);
  }

  /**
   * Parses {@code chunk}.
   *
   * @throws IngestException naming the input when it cannot be read or its content does not match
   *     its format
   */
  static ChunkSink parse(Chunk chunk, IngestOptions options) {
    return parse(chunk, options, null);
  }

  /**
   * As {@link #parse(Chunk, IngestOptions)}, filling {@code recycled} (a sink the caller is done
   * with, made with the same options) instead of a new one when it is not null.
   */
  static ChunkSink parse(Chunk chunk, IngestOptions options, ChunkSink recycled) {
    ChunkParser parser = new ChunkParser(chunk, options, recycled);
    String name = chunk.input().name();
    long from = chunk.skipPartial() ? chunk.start() - 1 : chunk.start();
    try (InputStream raw = EventStreams.open(chunk.input(), from, chunk.whole())) {
      InputStream in = raw;
      if (chunk.format() == EventFormat.AVRO) {
        parser.sink.lines = AvroEvents.read(in, name, options.ga4(), parser.sink, parser.event);
        return parser.sink;
      }
      if (chunk.format() == EventFormat.JSON) {
        // BigQuery's JSON export writes one object per line into files it names .json.
        in = new BufferedInputStream(raw, BUFFER_BYTES);
        parser.jsonLines = firstSignificantByte(in) == '{';
      }
      if (chunk.format() == EventFormat.JSON && !parser.jsonLines) {
        parser.jsonArray(in);
      } else {
        parser.lines(new LineReader(in, from, BUFFER_BYTES));
      }
    } catch (IOException e) {
      throw new IngestException("cannot read " + name + ": " + e.getMessage(), e);
    }
    return parser.sink;
  }

  /**
   * The layout named by the header of a CSV input (its first non-blank record), read before the
   * file is split so that every chunk knows the columns.
   *
   * @throws IngestException when the input cannot be read or the header lacks required columns
   */
  static CsvLayout readHeader(EventInput input) {
    try (InputStream in = EventStreams.open(input, 0, true)) {
      LineReader lr = new LineReader(in, 0, 1 << 16);
      CsvSplitter csv = new CsvSplitter();
      boolean first = true;
      while (lr.next()) {
        int bom = first && hasBom(lr.buf, lr.start, lr.end) ? 3 : 0;
        first = false;
        if (blank(lr.buf, lr.start + bom, lr.end)) {
          continue;
        }
        int n;
        while ((n = csv.split(lr.buf, lr.start + bom, lr.end)) == CsvSplitter.UNCLOSED
            && lr.extend()) {
          // a header name with a quoted newline: keep reading
        }
        if (n < 0) {
          throw new IngestException(
              input.name()
                  + ": does not look like CSV, the header has a broken quote: "
                  + snippet(lr.buf, lr.start, lr.end));
        }
        return CsvLayout.fromHeader(csv.texts(lr.buf, n), input.name());
      }
      throw new IngestException(input.name() + ": CSV file has no header line");
    } catch (IOException e) {
      throw new IngestException("cannot read " + input.name() + ": " + e.getMessage(), e);
    }
  }

  private void lines(LineReader lr) throws IOException {
    if (chunk.skipPartial() && !lr.next()) {
      sink.firstOffset = sink.resumeOffset = lr.nextOffset();
      return;
    }
    sink.firstOffset = lr.nextOffset();
    boolean atFileStart = chunk.start() == 0;
    boolean sniff = atFileStart && jsonLines;
    probe = sniff ? PROBE_LINES : 0;
    boolean header =
        atFileStart
            && chunk.format() == EventFormat.CSV
            && (chunk.layout() == null || chunk.layout().hasHeader());
    CsvLayout layout = chunk.layout();
    long line = 0;
    while (true) {
      if (!lr.next()) {
        sink.resumeOffset = lr.nextOffset();
        break;
      }
      if (lr.lineOffset() >= chunk.end()) {
        sink.resumeOffset = lr.lineOffset();
        break;
      }
      line++;
      int bom = atFileStart && line == 1 && hasBom(lr.buf, lr.start, lr.end) ? 3 : 0;
      if (blank(lr.buf, lr.start + bom, lr.end)) {
        continue;
      }
      if (jsonLines) {
        if (sniff) {
          sniff = false;
          checkLooksLikeJson(lr.buf, lr.start + bom, lr.end, line);
        }
        jsonLine(lr.buf, lr.start + bom, lr.end, line);
        continue;
      }
      long recordLine = line;
      int n;
      while ((n = csv.split(lr.buf, lr.start + bom, lr.end)) == CsvSplitter.UNCLOSED
          && lr.extend()) {
        line++;
      }
      byte[] b = lr.buf;
      int s = lr.start + bom;
      if (header) {
        header = false;
        if (n < 0) {
          throw new IngestException(
              chunk.input().name()
                  + ": does not look like CSV, the header has a broken quote: "
                  + snippet(b, s, lr.end));
        }
        if (layout == null) {
          layout = CsvLayout.fromHeader(csv.texts(b, n), chunk.input().name());
        }
      } else if (n < 0) {
        sink.reject(RejectReason.MALFORMED, recordLine, b, s, lr.end - s);
      } else {
        csvRecord(b, n, layout, recordLine, s, lr.end);
      }
    }
    if (probe > 0 && firstSeen != null) {
      failUnrecognised(line);
    }
    sink.lines = line;
  }

  private void jsonLine(byte[] b, int s, int end, long line) {
    JsonObjects.Shape shape;
    String syntax = null;
    try {
      shape = jsonObject(b, s, end);
    } catch (JsonProcessingException e) {
      shape = JsonObjects.Shape.REJECTED;
      String why = e.getOriginalMessage().lines().findFirst().orElse("");
      syntax = "not valid JSON: " + (why.length() > 80 ? why.substring(0, 80) + "..." : why);
    } catch (IOException e) {
      throw new IllegalStateException("reading bytes in memory", e); // never: no I/O here
    }
    if (shape == JsonObjects.Shape.REJECTED) {
      lineParser = null;
    }
    if (probe > 0) {
      probe(syntax == null && json.recognised(), line, syntax, b, s, end);
    }
    sink.at(line, b, s, end - s);
    if (syntax != null) {
      sink.reject(RejectReason.MALFORMED, syntax);
    } else {
      json.commit(shape, sink);
    }
  }

  /**
   * Counts one of the first non-blank lines: a recognised one ends probing, {@link #PROBE_LINES}
   * unrecognised ones fail the file.
   */
  private void probe(boolean recognised, long line, String syntax, byte[] b, int s, int end) {
    if (recognised) {
      probe = 0;
      return;
    }
    if (firstSeen == null) {
      firstSeen =
          "line "
              + line
              + (syntax != null ? " is " + syntax : " has " + json.detail())
              + ": "
              + snippet(b, s, end);
    }
    if (--probe == 0) {
      failUnrecognised(line);
    }
  }

  private void failUnrecognised(long lines) {
    throw new IngestException(
        chunk.input().name()
            + ": no known event format in its first "
            + Math.min(lines, PROBE_LINES)
            + " line(s) (a flat event, a session, a GA4 export row); "
            + firstSeen);
  }

  /** Reads the line {@code b[s, end)}, which must hold one JSON object and nothing else. */
  private JsonObjects.Shape jsonObject(byte[] b, int s, int end) throws IOException {
    if (lineParser == null) {
      lineParser = JsonObjects.JSON.createNonBlockingByteArrayParser();
      fed = 0;
    }
    JsonParser p = lineParser;
    ((ByteArrayFeeder) p.getNonBlockingInputFeeder()).feedInput(b, s, end);
    long lineStart = fed;
    fed += end - s;
    JsonToken first = p.nextToken();
    if (first == null || first == JsonToken.NOT_AVAILABLE) {
      throw new JsonParseException(p, "no complete value");
    }
    JsonObjects.Shape shape = json.read(p, b, s - lineStart);
    int after = s + (int) (p.currentLocation().getByteOffset() - lineStart);
    if (skipWs(b, after, end) < end || p.nextToken() != JsonToken.NOT_AVAILABLE) {
      throw new JsonParseException(p, "more after the object");
    }
    return shape;
  }

  private void csvRecord(byte[] b, int n, CsvLayout layout, long line, int s, int end) {
    RawEvent e = event;
    e.clear();
    if (layout.customer() < n) {
      e.customer(
          b, csv.off[layout.customer()], csv.len[layout.customer()], kind(layout.customer()));
    }
    if (layout.sku() < n) {
      e.sku(b, csv.off[layout.sku()], csv.len[layout.sku()], kind(layout.sku()));
    }
    int f = layout.event();
    if (f >= 0 && f < n && csv.len[f] > 0) {
      e.event(EventType.parse(csv.text(b, f)));
    }
    f = layout.weight();
    if (f >= 0 && f < n && csv.len[f] > 0) {
      e.weight(csv.text(b, f));
    }
    f = layout.time();
    if (f >= 0 && f < n && csv.len[f] > 0) {
      e.time(csv.text(b, f));
    }
    f = layout.order();
    if (f >= 0 && f < n && csv.len[f] > 0) {
      e.order =
          csv.doubled[f] ? OrderKeys.of(csv.text(b, f)) : OrderKeys.of(b, csv.off[f], csv.len[f]);
    }
    f = layout.attribution();
    if (f >= 0 && f < n && csv.len[f] > 0) {
      e.attribution(csv.text(b, f));
    }
    f = layout.price();
    if (f >= 0 && f < n && csv.len[f] > 0) {
      e.price(RawEvent.number(csv.text(b, f)));
    }
    f = layout.quantity();
    if (f >= 0 && f < n && csv.len[f] > 0) {
      e.quantity = RawEvent.number(csv.text(b, f));
      if (!RawEvent.goodQuantity(e.quantity)) {
        sink.reject(RejectReason.MALFORMED, line, "quantity is not a number > 0", b, s, end - s);
        return;
      }
    }
    sink.offer(e, line, b, s, end - s);
  }

  private byte kind(int field) {
    return csv.doubled[field] ? ByteIdTable.CSV_QUOTED : ByteIdTable.UTF8;
  }

  private void jsonArray(InputStream in) throws IOException {
    String name = chunk.input().name();
    try (JsonParser p = JsonObjects.JSON.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        throw new IngestException(
            name
                + " holds a JSON object, expected a JSON array of events or sessions"
                + " (for one object per line, name the file .jsonl)");
      }
      if (first != JsonToken.START_ARRAY) {
        throw new IngestException(
            name + " does not look like a JSON array: it starts with " + first);
      }
      for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
        long line = p.currentTokenLocation().getLineNr();
        JsonObjects.Shape shape = json.read(p, null, 0);
        sink.at(line, "element $[" + i + "]");
        json.commit(shape, sink);
      }
      sink.lines = p.currentLocation().getLineNr();
    } catch (JsonProcessingException e) {
      throw new IngestException(name + ": invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private void checkLooksLikeJson(byte[] b, int s, int end, long line) {
    int i = skipWs(b, s, end);
    if (i < end && b[i] != '{') {
      throw new IngestException(
          chunk.input().name()
              + " does not look like JSON Lines: line "
              + line
              + " does not start with '{': "
              + snippet(b, s, end));
    }
  }

  /**
   * The first byte after a byte order mark and white space, left unread in {@code in} (which
   * supports mark), or -1 at the end.
   */
  private static int firstSignificantByte(InputStream in) throws IOException {
    in.mark(BUFFER_BYTES);
    byte[] head = in.readNBytes(BUFFER_BYTES);
    in.reset();
    int i = hasBom(head, 0, head.length) ? 3 : skipWs(head, 0, head.length);
    i = skipWs(head, i, head.length);
    return i < head.length ? head[i] : -1;
  }

  private static String snippet(byte[] b, int s, int end) {
    String text = new String(b, s, Math.min(end - s, 60), StandardCharsets.UTF_8);
    return text.replaceAll("[^\\p{Print}]", "?");
  }

  private static int skipWs(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    return i;
  }

  private static boolean hasBom(byte[] b, int s, int end) {
    return end - s >= 3
        && (b[s] & 0xff) == 0xef
        && (b[s + 1] & 0xff) == 0xbb
        && (b[s + 2] & 0xff) == 0xbf;
  }

  private static boolean blank(byte[] b, int s, int end) {
    for (int i = s; i < end; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }
}
