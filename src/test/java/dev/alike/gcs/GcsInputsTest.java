package dev.alike.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.alike.events.EventInput;
import dev.alike.events.EventReader;
import dev.alike.events.Ga4Samples;
import dev.alike.events.IngestOptions;
import dev.alike.events.IngestResult;
import dev.alike.model.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcsInputsTest {
  private Storage storage;

  @BeforeEach
  void fakeStorage() {
    storage = LocalStorageHelper.getOptions().getService();
  }

  private void put(String name, byte[] bytes) {
    storage.create(BlobInfo.newBuilder("bkt", name).build(), bytes);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void prefix_listsEveryObjectUnderIt_sortedAndWithoutFolderPlaceholders() {
    put("events/b.csv", "b".getBytes(StandardCharsets.UTF_8));
    put("events/a.csv", "a".getBytes(StandardCharsets.UTF_8));
    put("events/", new byte[0]);
    put("events/sub/c.csv.gz", new byte[] {1});
    put("other/d.csv", new byte[] {1});
    List<EventInput> inputs = GcsInputs.resolve(storage, "gs://bkt/events/");
    assertEquals(
        List.of("gs://bkt/events/a.csv", "gs://bkt/events/b.csv", "gs://bkt/events/sub/c.csv.gz"),
        inputs.stream().map(EventInput::name).toList());
    assertEquals(1, inputs.get(0).size());
  }

  @Test
  void exactObjectName_resolvesToThatObjectOnly() throws IOException {
    put("e.csv", "x,y\n".getBytes(StandardCharsets.UTF_8));
    put("e.csv.bak", "old".getBytes(StandardCharsets.UTF_8));
    List<EventInput> inputs = GcsInputs.resolve(storage, "gs://bkt/e.csv");
    assertEquals(1, inputs.size());
    assertEquals("x,y\n", read(inputs.get(0).open()));
  }

  @Test
  void unknownPrefix_resolvesToNothing() {
    assertEquals(List.of(), GcsInputs.resolve(storage, "gs://bkt/nothing-here/"));
  }

  @Test
  void gzippedObject_isReadRawAndNotSplittable() throws IOException {
    byte[] bytes = gzip("a,b\n");
    put("in/e.csv.gz", bytes);
    GcsEventInput input = (GcsEventInput) GcsInputs.resolve(storage, "gs://bkt/in/").get(0);
    assertTrue(input.gzipped());
    assertFalse(input.splittable());
    try (InputStream in = input.open()) {
      assertArrayEquals(bytes, in.readAllBytes());
    }
    assertThrows(UnsupportedOperationException.class, () -> input.openRange(0, 1));
  }

  @Test
  void rangedReads_reassembleTheObject() throws IOException {
    String text = "line1\nline2\nline3\n".repeat(1000);
    put("big.csv", text.getBytes(StandardCharsets.UTF_8));
    EventInput input = GcsInputs.resolve(storage, "gs://bkt/big.csv").get(0);
    assertTrue(input.splittable());
    long size = input.size();
    long mid = size / 3;
    String joined =
        read(input.openRange(0, mid))
            + read(input.openRange(mid, size - 7))
            + read(input.openRange(size - 7, size));
    assertEquals(text, joined);
  }

  @Test
  void locations_writeAndReadBack_localAndGcs_gunzippingByMagicBytes(@TempDir Path dir)
      throws IOException {
    Locations.write("gs://bkt/reports/build.json", "{\"ok\":true}", () -> storage);
    assertEquals(
        "{\"ok\":true}", read(Locations.open("gs://bkt/reports/build.json", () -> storage)));
    Path local = dir.resolve("a/b/report.txt");
    Locations.write(local.toString(), "hello", () -> null);
    assertEquals("hello", Files.readString(local));
    put("catalog.jsonl", gzip("{\"sku\":\"s\"}\n"));
    assertEquals(
        "{\"sku\":\"s\"}\n", read(Locations.open("gs://bkt/catalog.jsonl", () -> storage)));
    IOException missing =
        assertThrows(IOException.class, () -> Locations.open("gs://bkt/missing", () -> storage));
    assertTrue(missing.getMessage().contains("gs://bkt/missing"));
  }

  @Test
  void badUri_isRejectedWithTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GcsUri.parse("gs:///x"));
    assertTrue(e.getMessage().contains("gs:///x"));
  }

  @Test
  void ga4ExportShards_inABucket_readAsTheLocalFiles_jsonGzippedAndAvro() throws IOException {
    String rows = Ga4Samples.jsonLines();
    int half = rows.indexOf('\n', rows.length() / 2) + 1;
    put("ga4/20261207/events-000000000000.json.gz", gzip(rows.substring(0, half)));
    put(
        "ga4/20261207/events-000000000001.json",
        rows.substring(half).getBytes(StandardCharsets.UTF_8));
    put("ga4/avro/events-000000000000.avro", Ga4Samples.avro(CodecFactory.snappyCodec()));
    EventReader reader = new EventReader(IngestOptions.defaults().withThreads(2));
    for (String prefix : List.of("gs://bkt/ga4/20261207/", "gs://bkt/ga4/avro/")) {
      IngestResult r = reader.read(GcsInputs.resolve(storage, prefix));
      List<String> events = new java.util.ArrayList<>();
      EventLog log = r.log();
      for (int e = 0; e < log.size(); e++) {
        events.add(
            log.customers().id(log.customer(e))
                + "|"
                + log.skus().id(log.sku(e))
                + "|"
                + log.weight(e)
                + "|"
                + log.time(e));
      }
      assertEquals(Ga4Samples.EVENTS, events, prefix);
      assertEquals(java.util.Map.of("page_view", 1L), r.report().skipped(), prefix);
    }
  }
}
