package dev.alike.events;

import static dev.alike.events.TestFiles.read;
import static dev.alike.events.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventReaderRejectionsTest {
  @TempDir Path dir;

  private static final String GOOD = "{\"customer\":\"c\",\"sku\":\"s\",\"event\":\"view\"}\n";

  @Test
  void everyReason_isCountedAndSampledWithFileAndLine() {
    String bad =
        """
        {"customer":"c1","sku":"s1","event":"view"}
        {"customer":"c1","sku":
        {"customer":"c1","event":"view"}
        {"customer":"c1","sku":"s1","event":"wishlist"}
        {"customer":"  ","sku":"s1","event":"view"}
        {"customer":"c1","sku":"s1","event":"view","weight":-2}
        {"customer":"c1","sku":"s1","event":"view","ts":"yesterday"}
        {"customer":"c1","sku":"s1"}
        {"customer":"c1","sku":"","event":"view"}
        {"customer":"c1","sku":"s1","weight":"NaN"}
        {"customer":"c1","sku":"s1","event":"view","ts":true}
        {"customer":true,"sku":"s1","event":"view"}
        """;
    IngestResult r =
        read(TestFiles.options().withMaxRejectedShare(1), write(dir, "bad.jsonl", bad));
    Map<String, Long> rejected = r.report().rejected();
    assertEquals(2, rejected.get("malformed"));
    assertEquals(2, rejected.get("missing_field"));
    assertEquals(1, rejected.get("unknown_event"));
    assertEquals(2, rejected.get("empty_id"));
    assertEquals(2, rejected.get("bad_weight"));
    assertEquals(2, rejected.get("bad_timestamp"));
    assertEquals(1, r.report().accepted());
    List<String> samples = r.report().samples();
    String file = dir.resolve("bad.jsonl").toString();
    assertTrue(samples.get(0).startsWith(file + ":2: malformed (not valid JSON: "), samples.get(0));
    assertTrue(samples.get(0).endsWith("): {\"customer\":\"c1\",\"sku\":"), samples.get(0));
    assertTrue(samples.get(1).startsWith(file + ":3: missing_field: "));
    assertTrue(samples.get(2).startsWith(file + ":4: unknown_event: "), samples.get(2));
    assertTrue(samples.get(3).startsWith(file + ":5: empty_id: "));
    assertTrue(samples.get(4).startsWith(file + ":6: bad_weight: "));
    assertTrue(samples.get(5).startsWith(file + ":7: bad_timestamp: "));
    assertEquals(ChunkSink.MAX_SAMPLES, samples.size());
  }

  @Test
  void csvReasons_includingBrokenQuoteAndShortRecord() {
    String csv =
        """
        customer,sku,event,weight,ts
        c1,s1,view,,
        "c1"x,s1,view,,
        c1
        c1,s1,like,,
        ,s1,view,,
        c1,s1,,abc,
        c1,s1,view,,13/13/2025
        """;
    IngestResult r = read(TestFiles.options().withMaxRejectedShare(1), write(dir, "bad.csv", csv));
    assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), List.copyOf(r.report().rejected().values()));
    String file = dir.resolve("bad.csv").toString();
    assertEquals(file + ":3: malformed: \"c1\"x,s1,view,,", r.report().samples().get(0));
    assertEquals(file + ":8: bad_timestamp: c1,s1,view,,13/13/2025", r.report().samples().get(5));
  }

  @Test
  void rejectedShareAtThreshold_passes_aboveThreshold_failsWithCountsAndFirstSample() {
    String lines = GOOD.repeat(99) + "{\"customer\":\"c\",\"sku\":\"s\",\"event\":\"like\"}\n";
    Path file = write(dir, "one-percent.jsonl", lines);
    IngestResult ok = read(file);
    assertEquals(99, ok.report().accepted());
    assertEquals(0.01, ok.report().rejectedShare(), 1e-12);

    IngestException e =
        assertThrows(
            IngestException.class,
            () -> read(TestFiles.options().withMaxRejectedShare(0.005), file));
    assertTrue(e.getMessage().contains("rejected 1 of 100 events (1.00%)"), e.getMessage());
    assertTrue(e.getMessage().contains("allowed 0.50%"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown_event=1"), e.getMessage());
    assertTrue(e.getMessage().contains(file + ":100: unknown_event"), e.getMessage());
  }

  @Test
  void noEventsAtAll_fails() {
    IngestException e =
        assertThrows(IngestException.class, () -> read(write(dir, "empty.jsonl", "\n\n")));
    assertTrue(e.getMessage().contains("no events found"), e.getMessage());
  }

  @Test
  void unreadableFile_failsNamingIt() {
    Path missing = dir.resolve("gone.jsonl");
    IngestException e = assertThrows(IngestException.class, () -> new LocalEventInput(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

    EventInput broken =
        new EventInput() {
          @Override
          public String name() {
            return "gs://bucket/broken.jsonl";
          }

          @Override
          public long size() {
            return -1;
          }

          @Override
          public java.io.InputStream open() throws java.io.IOException {
            throw new java.io.IOException("permission denied");
          }
        };
    IngestException e2 =
        assertThrows(
            IngestException.class,
            () -> new EventReader(TestFiles.options()).read(List.of(broken)));
    assertEquals("cannot read gs://bucket/broken.jsonl: permission denied", e2.getMessage());
  }

  @Test
  void contentNotMatchingExtension_failsClearly() {
    assertMessage(
        write(dir, "a.jsonl", "customer,sku,event\nc,s,view\n"),
        "does not look like JSON Lines: line 1 does not start with '{'");
    byte[] garbage = new byte[256];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 37 + 11);
    }
    assertMessage(write(dir, "b.jsonl", garbage), "does not look like JSON Lines");
    assertMessage(write(dir, "c.jsonl.gz".replace(".gz", ".gz.txt.gz"), GOOD), "cannot tell");
    Path notGzip = dir.resolve("d.jsonl.gz");
    write(dir, "d.jsonl", GOOD).toFile().renameTo(notGzip.toFile());
    assertMessage(notGzip, "is named .gz but is not gzip-compressed");
    Path gzipped = dir.resolve("e.jsonl");
    write(dir, "e.jsonl.gz", GOOD).toFile().renameTo(gzipped.toFile());
    assertMessage(gzipped, "looks gzip-compressed; name it " + gzipped + ".gz");
    assertMessage(
        write(dir, "f.csv", "user,item,action\nc,s,view\n"),
        "CSV columns missing: customer, sku, event (or weight); found header [user,item,action]");
    assertMessage(write(dir, "g.csv", GOOD), "does not look like CSV");
    assertMessage(
        write(dir, "h.json", "{\"user\":\"c\",\"item\":\"s\"}\n"),
        "h.json: no known event format in its first 1 line(s)");
    assertMessage(write(dir, "i.json", "[{\"customer\": \"c\",]"), "invalid JSON");
    assertMessage(
        write(dir, "j.parquet", GOOD),
        "supported: .jsonl, .ndjson, .json, .csv, each optionally followed by .gz, and .avro");
  }

  private static void assertMessage(Path file, String expected) {
    IngestException e = assertThrows(IngestException.class, () -> read(file));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
  }

  @Test
  void csvHeaderless_withColumnOption() {
    Path file = write(dir, "h.csv", "1,s1,x,pv,1762000000\n2,s2,y,fav,1762000001\n");
    IngestResult r =
        read(
            TestFiles.options()
                .withCsvColumns("customer,sku,-,event,timestamp")
                .withMaxRejectedShare(1),
            file);
    assertEquals(List.of("1|s1|0.5|1762000000"), TestFiles.events(r.log()));
    assertEquals(1, r.report().rejected().get("unknown_event"));
    assertTrue(r.report().samples().get(0).startsWith(file + ":2: unknown_event"));
  }

  @Test
  void blankLines_areNotRejected() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lines.add(GOOD.strip());
      lines.add("");
      lines.add(" \t ");
    }
    IngestResult r =
        read(write(dir, "blank.jsonl", String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    assertEquals(0, r.report().rejectedTotal());
    assertEquals(5, r.report().accepted());
  }
}
