package dev.alike.events;

import static dev.alike.events.TestFiles.events;
import static dev.alike.events.TestFiles.read;
import static dev.alike.events.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.model.EventLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ga4EventsTest {
  @TempDir Path dir;

  @Test
  void ga4ExportRows_areReadAsWhatTheyAre_oneEventPerItem_pageViewSkippedByName() {
    IngestResult r = read(write(dir, "events-000000000000.jsonl", Ga4Samples.jsonLines()));
    assertEquals(Ga4Samples.EVENTS, events(r.log()));
    assertEquals(List.of("999.1", "C42"), ids(r.log().customers()));
    assertEquals(List.of("SKU-1", "SKU-2", "SKU-3"), ids(r.log().skus()));
    assertEquals(0, r.report().rejectedTotal());
    assertEquals(Map.of("page_view", 1L), r.report().skipped());
    assertTrue(r.report().summary().contains("1 skipped by name {page_view=1}"));
    assertOrdersAndTypes(r.log());
  }

  /** The purchase's two items carry its transaction_id as order; every event its type. */
  static void assertOrdersAndTypes(EventLog log) {
    long t = OrderKeys.of("T-1001");
    long none = EventLog.NO_ORDER;
    assertEquals(
        List.of(none, none, t, t, none),
        java.util.stream.IntStream.range(0, log.size()).mapToObj(log::order).toList());
    assertEquals(
        List.of(
                EventType.BROWSE,
                EventType.CART,
                EventType.PURCHASE,
                EventType.PURCHASE,
                EventType.BROWSE)
            .stream()
            .map(EventType::code)
            .toList(),
        java.util.stream.IntStream.range(0, log.size()).mapToObj(log::type).toList());
  }

  @Test
  void bigQueryJsonExport_shardedGzippedAndNamedJson_readsAsTheSameEvents() {
    String rows = Ga4Samples.jsonLines();
    int half = rows.indexOf('\n', rows.length() / 2) + 1;
    IngestResult r =
        read(
            write(dir, "ga4/events-000000000000.json.gz", rows.substring(0, half)),
            write(dir, "ga4/events-000000000001.json", "\uFEFF" + rows.substring(half)));
    assertEquals(Ga4Samples.EVENTS, events(r.log()));
    IngestResult dirRead =
        new EventReader(TestFiles.options())
            .read(LocalInputs.resolve(List.of(dir.resolve("ga4").toString())));
    assertEquals(Ga4Samples.EVENTS, events(dirRead.log()));
  }

  @Test
  void avroExport_withEachCodecBigQueryWrites_readsAsTheJsonRows() {
    for (CodecFactory codec :
        List.of(
            CodecFactory.nullCodec(), CodecFactory.deflateCodec(6), CodecFactory.snappyCodec())) {
      Path f = write(dir, "events-" + codec + ".avro", Ga4Samples.avro(codec));
      IngestResult r = read(f);
      assertEquals(Ga4Samples.EVENTS, events(r.log()), codec.toString());
      assertOrdersAndTypes(r.log());
      assertEquals(Map.of("page_view", 1L), r.report().skipped());
      assertEquals(5, r.report().lines());
    }
  }

  @Test
  void avroOfFlatEvents_isRead_timestampMicrosAsSeconds() {
    Schema ts = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    Schema schema =
        SchemaBuilder.record("flat")
            .fields()
            .requiredString("customer")
            .requiredString("sku")
            .requiredString("event")
            .name("ts")
            .type(ts)
            .noDefault()
            .endRecord();
    GenericRecord e = new GenericData.Record(schema);
    e.put("customer", "c1");
    e.put("sku", "s1");
    e.put("event", "Purchased");
    e.put("ts", 1_765_100_000_000_000L);
    Path f =
        write(dir, "flat.avro", Ga4Samples.container(schema, List.of(e), CodecFactory.nullCodec()));
    assertEquals(List.of("c1|s1|6.0|1765100000"), events(read(f).log()));
  }

  @Test
  void avroOfNeitherShape_orNotAvro_failsTheFileNamingWhatItSaw() {
    Schema schema =
        SchemaBuilder.record("orders")
            .fields()
            .requiredString("order")
            .requiredLong("amount")
            .endRecord();
    GenericRecord o = new GenericData.Record(schema);
    o.put("order", "o1");
    o.put("amount", 3L);
    Path f =
        write(dir, "o.avro", Ga4Samples.container(schema, List.of(o), CodecFactory.nullCodec()));
    IngestException e = assertThrows(IngestException.class, () -> read(f));
    assertTrue(e.getMessage().contains("o.avro: its Avro records have the fields [order, amount]"));
    IngestException notAvro =
        assertThrows(IngestException.class, () -> read(write(dir, "x.avro", "{\"a\":1}\n")));
    assertTrue(notAvro.getMessage().contains("x.avro is named .avro but is not an Avro container"));
  }

  @Test
  void mapping_isConfigurable_customerColumn_variants_andEventNames() {
    Ga4Mapping m =
        Ga4Mapping.of(
            "user_pseudo_id",
            "-",
            "view_item=browse,add_to_cart=cart,purchase=purchase,page_view=0.25");
    IngestResult r =
        read(
            TestFiles.options().withGa4(m).withMaxRejectedShare(1),
            write(dir, "e.jsonl", Ga4Samples.jsonLines()));
    assertEquals(
        List.of(
            "999.1|SKU-1|0.5|" + Ga4Samples.T0,
            "999.1|SKU-2-red|2.0|" + (Ga4Samples.T0 + 60),
            "123.4|SKU-1|12.0|" + (Ga4Samples.T0 + 120),
            "123.4|SKU-3-blue|6.0|" + (Ga4Samples.T0 + 120),
            "123.4|SKU-2|0.5|" + (Ga4Samples.T0 + 180)),
        events(r.log()));
    // page_view is taken now, but has no items: a row the mapping takes must have some.
    assertEquals(1, r.report().rejected().get("missing_field"));
    assertTrue(
        r.report()
            .samples()
            .get(0)
            .contains(":5: missing_field (GA4 page_view without an entry in items): "),
        r.report().samples().get(0));
  }

  @Test
  void mappingSpec_badValues_areNamed() {
    assertThrows(IllegalArgumentException.class, () -> Ga4Mapping.of("email", null, "a=browse"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Ga4Mapping.of("user_id", null, "select_item=lots"));
    assertEquals(
        "GA4 event \"select_item\" maps to \"lots\": expected browse, cart, purchase or a weight > 0",
        e.getMessage());
  }

  @Test
  void nearMisses_areRejectedWholeWithTheirReason_neverHalfAccepted() {
    String lines =
        String.join(
            "\n",
            "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"view\"}",
            // a GA4 row without items
            "{\"event_name\":\"purchase\",\"event_timestamp\":\"1765100000000000\",\"user_id\":\"C1\"}",
            // an event with an unknown field layout
            "{\"user\":\"c1\",\"product\":\"s1\",\"action\":\"view\"}",
            // a session whose values are not event names (the GA4 items read as a session)
            "{\"items\":[{\"item_id\":\"SKU-1\",\"price\":2.95,\"quantity\":1}]}",
            "{\"c9\":[{\"SKU-1\":\"view\",\"SKU-2\":\"SKU-3\"}]}",
            // fields of two formats in one object
            "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"view\",\"event_name\":\"view_item\"}",
            // a GA4 item without id, next to a good one: the row is refused whole
            "{\"event_name\":\"view_item\",\"user_id\":\"C1\",\"items\":[{\"item_id\":\"A\"},{\"price\":1}]}",
            "{\"event_name\":\"view_item\",\"user_id\":\"C1\",\"items\":[{\"item_id\":\"A\",\"quantity\":\"two\"}]}",
            "{\"event_name\":\"view_item\",\"items\":[{\"item_id\":\"A\"}]}",
            "{}");
    IngestResult r =
        read(TestFiles.options().withMaxRejectedShare(1), write(dir, "near.jsonl", lines));
    assertEquals(List.of("c1|s1|0.5|-"), events(r.log()));
    String f = dir.resolve("near.jsonl") + ":";
    assertEquals(
        List.of(
            f + "2: missing_field (GA4 purchase without items): ",
            f + "3: malformed (no field of a known format, only user, product, action): ",
            f + "4: malformed (GA4 event without a name (event_name)): ",
            f + "5: malformed (session value \"SKU-3\" of \"SKU-2\" is no event name): ",
            f
                + "6: malformed (mixes the fields of a flat event (customer, sku, event, weight, ts)"
                + " and a GA4 event (event_name, items, ...)): ",
            f + "7: missing_field (items[1] has no item_id): ",
            f + "8: malformed (items[0].quantity is not a finite number): ",
            f + "9: missing_field (GA4 view_item without user_id or user_pseudo_id): ",
            f + "10: malformed (an empty object): "),
        r.report().samples().stream().map(s -> s.substring(0, s.indexOf("): ") + 3)).toList());
  }

  @Test
  void fileWhoseFirstLinesMatchNoFormat_failsInOneLineNamingWhatItSaw() {
    String other =
        "{\"id\":\"o1\",\"total\":9.5}\n".repeat(ChunkParser.PROBE_LINES)
            + "{\"customer\":\"c\"}\n";
    IngestException e =
        assertThrows(IngestException.class, () -> read(write(dir, "orders.jsonl", other)));
    assertEquals(
        dir.resolve("orders.jsonl")
            + ": no known event format in its first 5 line(s) (a flat event, a session, a GA4"
            + " export row); line 1 has no field of a known format, only id, total:"
            + " {\"id\":\"o1\",\"total\":9.5}",
        e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
    IngestException shortFile =
        assertThrows(
            IngestException.class, () -> read(write(dir, "short.json", "{\"a\":1}\n{\"b\":2")));
    assertTrue(
        shortFile.getMessage().contains("short.json: no known event format in its first 2 line(s)"),
        shortFile.getMessage());
    // A stray bad first line in an events file is only a rejection.
    IngestResult ok =
        read(
            TestFiles.options().withMaxRejectedShare(0.5),
            write(dir, "ok.jsonl", "{\"x\":1}\n" + Ga4Samples.jsonLines()));
    assertEquals(Ga4Samples.EVENTS, events(ok.log()));
    assertEquals(1, ok.report().rejected().get("malformed"));
  }

  @Test
  void onlySkippedNames_failNoEventsFound_sayingWhatWasSkipped() {
    String pageViews =
        "{\"event_name\":\"page_view\",\"user_pseudo_id\":\"1.2\",\"items\":[]}\n".repeat(3);
    IngestException e =
        assertThrows(IngestException.class, () -> read(write(dir, "pv.jsonl", pageViews)));
    assertTrue(e.getMessage().contains("skipped by name: {page_view=3}"), e.getMessage());
  }

  private static List<String> ids(dev.alike.model.IdIndex index) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < index.size(); i++) {
      out.add(index.id(i));
    }
    out.sort(null);
    return out;
  }
}
