package dev.alike.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * GA4 export rows shaped as the BigQuery export schema documents them (the sample: {@code
 * view_item}, {@code add_to_cart}, {@code purchase} by a logged-in customer {@code C42} and an
 * anonymous browser {@code 999.1}, SKUs {@code SKU-1}..{@code SKU-3}, one transaction), plus a
 * {@code page_view} the default mapping skips. The same rows as BigQuery's JSON export writes them
 * (INT64 as strings, nested records and repeated fields as objects and arrays) and as its Avro
 * export writes them (nullable columns as unions with null, repeated ones as arrays).
 */
public final class Ga4Samples {
  private Ga4Samples() {}

  /** Epoch seconds of the first row; rows are a minute apart. */
  public static final long T0 = 1_765_100_000L;

  /** The events the default mapping makes of the rows: customer|sku|weight|time. */
  public static final List<String> EVENTS =
      List.of(
          "999.1|SKU-1|0.5|" + T0,
          "999.1|SKU-2|2.0|" + (T0 + 60),
          "C42|SKU-1|12.0|" + (T0 + 120),
          "C42|SKU-3|6.0|" + (T0 + 120),
          "C42|SKU-2|0.5|" + (T0 + 180));

  /** One row: id columns may be null; items as {id, variant, quantity} (each may be null). */
  record Row(
      String name, long seconds, String userId, String pseudoId, String txn, String[][] items) {}

  static final List<Row> ROWS =
      List.of(
          new Row("view_item", T0, null, "999.1", null, new String[][] {{"SKU-1", null, null}}),
          new Row(
              "add_to_cart", T0 + 60, null, "999.1", null, new String[][] {{"SKU-2", "red", "1"}}),
          new Row(
              "purchase",
              T0 + 120,
              "C42",
              "123.4",
              "T-1001",
              new String[][] {{"SKU-1", null, "2"}, {"SKU-3", "blue", "1"}}),
          new Row(
              "view_item", T0 + 180, "C42", "123.4", null, new String[][] {{"SKU-2", null, "0"}}),
          new Row("page_view", T0 + 240, "C42", "123.4", null, new String[0][]));

  /** The rows as JSON Lines, as BigQuery's {@code EXPORT DATA ... format = 'JSON'} writes them. */
  public static String jsonLines() {
    StringBuilder b = new StringBuilder();
    for (Row r : ROWS) {
      b.append("{\"event_date\":\"20261207\",\"event_timestamp\":\"")
          .append(r.seconds * 1_000_000 + 123_456)
          .append("\",\"event_name\":\"")
          .append(r.name)
          .append("\",\"event_params\":[{\"key\":\"page_location\",\"value\":{\"string_value\":")
          .append("\"https://shop.example/p\",\"int_value\":null}},{\"key\":\"ga_session_id\",")
          .append("\"value\":{\"int_value\":\"1765100000\"}}],");
      if (r.userId != null) {
        b.append("\"user_id\":\"").append(r.userId).append("\",");
      }
      b.append("\"user_pseudo_id\":\"").append(r.pseudoId).append("\",");
      b.append("\"user_properties\":[],\"device\":{\"category\":\"desktop\"},");
      b.append("\"geo\":{\"country\":\"Germany\"},\"platform\":\"WEB\",");
      b.append("\"ecommerce\":{\"transaction_id\":")
          .append(r.txn == null ? "null" : "\"" + r.txn + "\"")
          .append(",\"purchase_revenue\":")
          .append(r.txn == null ? "null" : "8.85")
          .append("},\"items\":[");
      for (int i = 0; i < r.items.length; i++) {
        String[] it = r.items[i];
        b.append(i > 0 ? "," : "")
            .append("{\"item_id\":\"")
            .append(it[0])
            .append("\",\"item_name\":\"Item ")
            .append(it[0])
            .append("\",\"item_variant\":")
            .append(it[1] == null ? "null" : "\"" + it[1] + "\"")
            .append(",\"price\":2.95,\"quantity\":")
            .append(it[2] == null ? "null" : "\"" + it[2] + "\"")
            .append(",\"item_params\":[]}");
      }
      b.append("]}\n");
    }
    return b.toString();
  }

  private static Schema nullable(Schema s) {
    return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
  }

  private static final Schema STRING = Schema.create(Schema.Type.STRING);
  private static final Schema LONG = Schema.create(Schema.Type.LONG);
  private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);

  static final Schema PARAM =
      SchemaBuilder.record("event_params")
          .fields()
          .name("key")
          .type(nullable(STRING))
          .noDefault()
          .name("value")
          .type(
              nullable(
                  SchemaBuilder.record("value")
                      .fields()
                      .name("string_value")
                      .type(nullable(STRING))
                      .noDefault()
                      .name("int_value")
                      .type(nullable(LONG))
                      .noDefault()
                      .endRecord()))
          .noDefault()
          .endRecord();

  static final Schema ITEM =
      SchemaBuilder.record("items")
          .fields()
          .name("item_id")
          .type(nullable(STRING))
          .noDefault()
          .name("item_name")
          .type(nullable(STRING))
          .noDefault()
          .name("item_variant")
          .type(nullable(STRING))
          .noDefault()
          .name("price")
          .type(nullable(DOUBLE))
          .noDefault()
          .name("quantity")
          .type(nullable(LONG))
          .noDefault()
          .endRecord();

  static final Schema ECOMMERCE =
      SchemaBuilder.record("ecommerce")
          .fields()
          .name("transaction_id")
          .type(nullable(STRING))
          .noDefault()
          .name("purchase_revenue")
          .type(nullable(DOUBLE))
          .noDefault()
          .endRecord();

  /** The export's columns alike reads, and some it skips, as BigQuery's Avro export types them. */
  static final Schema ROW =
      SchemaBuilder.record("Root")
          .fields()
          .name("event_date")
          .type(nullable(STRING))
          .noDefault()
          .name("event_timestamp")
          .type(nullable(LONG))
          .noDefault()
          .name("event_name")
          .type(nullable(STRING))
          .noDefault()
          .name("event_params")
          .type(Schema.createArray(PARAM))
          .noDefault()
          .name("user_id")
          .type(nullable(STRING))
          .noDefault()
          .name("user_pseudo_id")
          .type(nullable(STRING))
          .noDefault()
          .name("ecommerce")
          .type(nullable(ECOMMERCE))
          .noDefault()
          .name("items")
          .type(Schema.createArray(ITEM))
          .noDefault()
          .endRecord();

  /** The rows as an Avro container file written with {@code codec}, as BigQuery's export does. */
  public static byte[] avro(CodecFactory codec) {
    List<GenericRecord> records = new ArrayList<>();
    for (Row r : ROWS) {
      GenericRecord row = new GenericData.Record(ROW);
      row.put("event_date", "20261207");
      row.put("event_timestamp", r.seconds * 1_000_000 + 123_456);
      row.put("event_name", r.name);
      GenericRecord param = new GenericData.Record(PARAM);
      param.put("key", "page_location");
      row.put("event_params", List.of(param));
      row.put("user_id", r.userId);
      row.put("user_pseudo_id", r.pseudoId);
      GenericRecord ecommerce = new GenericData.Record(ECOMMERCE);
      ecommerce.put("transaction_id", r.txn);
      row.put("ecommerce", ecommerce);
      List<GenericRecord> items = new ArrayList<>();
      for (String[] it : r.items) {
        GenericRecord item = new GenericData.Record(ITEM);
        item.put("item_id", it[0]);
        item.put("item_variant", it[1]);
        item.put("price", 2.95);
        item.put("quantity", it[2] == null ? null : Long.valueOf(it[2]));
        items.add(item);
      }
      row.put("items", items);
      records.add(row);
    }
    return container(ROW, records, codec);
  }

  /** {@code records} in an Avro container file. */
  static byte[] container(Schema schema, List<GenericRecord> records, CodecFactory codec) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      w.setCodec(codec);
      w.create(schema, out);
      for (GenericRecord r : records) {
        w.append(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
