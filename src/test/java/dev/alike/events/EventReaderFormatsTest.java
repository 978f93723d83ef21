package dev.alike.events;

import static dev.alike.events.TestFiles.events;
import static dev.alike.events.TestFiles.read;
import static dev.alike.events.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alike.model.EventLog;
import dev.alike.model.InteractionMatrix;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventReaderFormatsTest {
  /** The same four events in every format: browse, weight-only, weight+event, ISO timestamp. */
  private static final List<String> EXPECTED =
      List.of("c1|s1|0.5|1762000000", "c1|s2|3.0|-", "c2|s1|1.5|-", "c2|s3|6.0|1761955200");

  private static final String JSONL =
      """
      {"customer":"c1","sku":"s1","event":"view","ts":1762000000}
      {"customer":"c1","sku":"s2","weight":3}
      {"customer":"c2","sku":"s1","event":"Purchased","weight":1.5}
      {"customer":"c2","sku":"s3","event":"BUY","ts":"2025-11-01T00:00:00Z"}
      """;

  private static final String CSV =
      """
      Customer,SKU,Event,Weight,Timestamp
      c1,s1,view,,1762000000
      c1,s2,,3,
      "c2","s1",Purchased,1.5,
      c2,s3,BUY,,2025-11-01T00:00:00Z
      """;

  private static final String JSON_ARRAY =
      "[\n" + String.join(",\n", JSONL.strip().split("\n")) + "\n]";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"e.jsonl", "e.jsonl.gz", "e.ndjson", "e.NDJSON.GZ"})
  void jsonLines_plainAndGzipped(String name) {
    assertEquals(EXPECTED, events(read(write(dir, name, JSONL)).log()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"e.csv", "e.csv.gz"})
  void csv_plainAndGzipped_headerAnyCase(String name) {
    assertEquals(EXPECTED, events(read(write(dir, name, CSV)).log()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"e.json", "e.json.gz"})
  void jsonArrayOfFlatEvents_plainAndGzipped(String name) {
    assertEquals(EXPECTED, events(read(write(dir, name, JSON_ARRAY)).log()));
  }

  @Test
  void timestamps_epochSecondsMillisIsoWithOffsetLocalAndDate() {
    String lines =
        """
        {"customer":"c","sku":"a","event":"view","ts":1762000000}
        {"customer":"c","sku":"a","event":"view","ts":1762000000123}
        {"customer":"c","sku":"a","event":"view","ts":"1762000000"}
        {"customer":"c","sku":"a","event":"view","ts":1762000000.9}
        {"customer":"c","sku":"a","event":"view","ts":"2025-11-01T13:26:40+01:00"}
        {"customer":"c","sku":"a","event":"view","timestamp":"2025-11-01 12:26:40"}
        {"customer":"c","sku":"a","event":"view","time":"2025-11-01"}
        {"customer":"c","sku":"a","event":"view","ts":null}
        """;
    EventLog log = read(write(dir, "t.jsonl", lines)).log();
    long[] expected = {
      1762000000,
      1762000000,
      1762000000,
      1762000000,
      1762000000,
      1762000000,
      1761955200,
      EventLog.NO_TIME
    };
    for (int e = 0; e < expected.length; e++) {
      assertEquals(expected[e], log.time(e), "event " + e);
    }
  }

  @Test
  void workedExample1_sessionFormat_mergesSessionsAndKeepsRepeatedKeys() {
    String sessions =
        """
        [
          {"customer0": [{"sku0": "Browsed"}]},
          {"customer1": [{"sku1": "Browsed", "sku1": "AddedToCart", "sku1": "Purchased"},
                         {"sku2": "Browsed"}]},
          {"customer2": [{"sku1": "Browsed", "sku2": "Browsed", "sku1": "AddedToCart"}]},
          {"customer2": [{"sku2": "AddedToCart", "sku2": "Purchased"}]}
        ]
        """;
    String sessionLines =
        """
        {"customer0": [{"sku0": "Browsed"}]}
        {"customer1": [{"sku1": "Browsed", "sku1": "AddedToCart", "sku1": "Purchased"}, {"sku2": "Browsed"}]}
        {"customer2": [{"sku1": "Browsed", "sku2": "Browsed", "sku1": "AddedToCart"}]}
        {"customer2": [{"sku2": "AddedToCart", "sku2": "Purchased"}]}
        """;
    for (Path file :
        List.of(
            write(dir, "sessions.json", sessions), write(dir, "sessions.jsonl", sessionLines))) {
      IngestResult result = read(file);
      EventLog log = result.log();
      assertEquals(
          List.of("customer0", "customer1", "customer2"), log.customers().ids(), file.toString());
      assertEquals(List.of("sku0", "sku1", "sku2"), log.skus().ids());
      InteractionMatrix m = InteractionMatrix.build(log, 0, Integer.MAX_VALUE);
      assertEquals(3, m.nnz() - 2, "customer0 has 1 entry, the others 2 each");
      assertEquals(0.5f, m.value(0, 0));
      assertEquals(8.5f, m.value(1, 1));
      assertEquals(0.5f, m.value(1, 2));
      assertEquals(2.5f, m.value(2, 1));
      assertEquals(8.5f, m.value(2, 2));
      assertEquals(10, result.report().accepted());
    }
  }

  @Test
  void sessionValues_mayBeWeights_andSessionAndFlatLinesMix() {
    String lines =
        """
        {"c1": [{"s1": 4.5, "s2": "cart"}]}
        {"customer":"c2","sku":"s1","event":"pv"}
        """;
    assertEquals(
        List.of("c1|s1|4.5|-", "c1|s2|2.0|-", "c2|s1|0.5|-"),
        events(read(write(dir, "mix.jsonl", lines)).log()));
  }

  @Test
  void oddIds_roundTripExactly_inJsonLinesAndCsv() {
    String jsonl =
        """
        {"customer":"Zoë 李","sku":"a/b.c d","event":"view"}
        {"customer":"say \\"hi\\"","sku":"tab\\there\\u00e9\\ud83d\\ude00","event":"view"}
        {"customer":"back\\\\slash","sku":"a\\/b.c d","event":"view"}
        {"customer":12345,"sku":"😀","event":"view"}
        """;
    EventLog log = read(write(dir, "ids.jsonl", jsonl)).log();
    assertEquals(List.of("Zoë 李", "say \"hi\"", "back\\slash", "12345"), log.customers().ids());
    assertEquals(List.of("a/b.c d", "tab\there\u00e9\ud83d\ude00", "😀"), log.skus().ids());
    String csv =
        """
        customer,sku,event
        Zoë 李,a/b.c d,view
        "say ""hi""\","x, y",view
        " padded ", plain trimmed ,view
        """;
    EventLog fromCsv = read(write(dir, "ids.csv", csv)).log();
    assertEquals(List.of("Zoë 李", "say \"hi\"", " padded "), fromCsv.customers().ids());
    assertEquals(List.of("a/b.c d", "x, y", "plain trimmed"), fromCsv.skus().ids());
  }

  @Test
  void crlfLineEndings_blankLinesAndNoFinalNewline_areHandled() {
    String jsonl =
        "\uFEFF{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"view\"}\r\n\r\n   \r\n"
            + "{\"customer\":\"c2\",\"sku\":\"s2\",\"event\":\"cart\"}";
    IngestResult r = read(write(dir, "crlf.jsonl", jsonl));
    assertEquals(List.of("c1|s1|0.5|-", "c2|s2|2.0|-"), events(r.log()));
    assertEquals(0, r.report().rejectedTotal());
    assertEquals(4, r.report().lines());
    String csv = "customer,sku,event\r\nc1,s1,view\r\n\r\nc2,s2,cart";
    assertEquals(
        List.of("c1|s1|0.5|-", "c2|s2|2.0|-"), events(read(write(dir, "crlf.csv", csv)).log()));
  }

  @Test
  void csvQuotedFieldWithNewline_isOneRecord() {
    String csv = "customer,sku,event\n\"multi\nline\",s1,view\nc2,s2,buy\n";
    IngestResult r = read(write(dir, "nl.csv", csv));
    assertEquals(List.of("multi\nline|s1|0.5|-", "c2|s2|6.0|-"), events(r.log()));
  }

  @Test
  void extraFieldsOfAnyShape_areIgnored() {
    String jsonl =
        """
        {"id":7,"customer":"c1","flag":true,"sku":"s1","meta":{"a":[1,2]},"event":"view","n":null}
        {"customer":"c1","sku":"s2","event":"view","price":-1.5e3,"note":"x\\"y"}
        """;
    assertEquals(
        List.of("c1|s1|0.5|-", "c1|s2|0.5|-"), events(read(write(dir, "x.jsonl", jsonl)).log()));
  }

  @Test
  void configuredWeights_applyToEventsWithoutExplicitWeight() {
    String jsonl =
        """
        {"customer":"c1","sku":"s1","event":"view"}
        {"customer":"c1","sku":"s2","event":"cart","weight":7}
        """;
    IngestOptions o = TestFiles.options().withWeights(EventWeights.parse("browse=1.25"));
    assertEquals(
        List.of("c1|s1|1.25|-", "c1|s2|7.0|-"),
        events(read(o, write(dir, "w.jsonl", jsonl)).log()));
  }

  @Test
  void manyFiles_keepTheGivenOrder_forIds() {
    Path b = write(dir, "b.jsonl", "{\"customer\":\"cb\",\"sku\":\"sb\",\"event\":\"view\"}\n");
    Path a = write(dir, "a.csv", "customer,sku,event\nca,sa,view\n");
    IngestResult r = read(b, a);
    assertEquals(List.of("cb", "ca"), r.log().customers().ids());
    assertEquals(2, r.report().files());
  }
}
