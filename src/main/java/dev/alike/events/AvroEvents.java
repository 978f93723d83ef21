package dev.alike.events;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads an Avro container file as BigQuery's export writes it (codec none, deflate or snappy):
 * records of the GA4 export schema ({@code event_name}, {@code event_timestamp}, {@code user_id},
 * {@code user_pseudo_id}, {@code ecommerce.transaction_id}, {@code items}), or flat events ({@code
 * customer}, {@code sku}, {@code event}/{@code weight}, {@code ts}/{@code timestamp}/{@code time}).
 * The schema, which every record shares, decides which; a schema of neither fails the file naming
 * its fields. GA4 rows go through the same {@link Ga4Row} as JSON rows.
 */
final class AvroEvents {
  private AvroEvents() {}

  /**
   * Reads every record of {@code in} into {@code sink}; record numbers (from 1) stand for lines.
   *
   * @param e scratch event
   * @return the number of records
   * @throws IngestException naming the file when it is not Avro or its records are not events
   */
  static long read(InputStream in, String name, Ga4Mapping ga4, ChunkSink sink, RawEvent e)
      throws IOException {
    DataFileStream<GenericRecord> records;
    try {
      records = new DataFileStream<>(in, new GenericDatumReader<>());
    } catch (IOException notAvro) {
      throw new IngestException(
          name + " is named .avro but is not an Avro container file: " + notAvro.getMessage(),
          notAvro);
    }
    try (records) {
      Schema schema = records.getSchema();
      boolean isGa4 = schema.getType() == Schema.Type.RECORD && field(schema, "event_name") != null;
      Flat flat = isGa4 ? null : Flat.of(schema, name);
      Ga4Row row = new Ga4Row();
      GenericRecord r = null;
      long n = 0;
      while (records.hasNext()) {
        r = records.next(r);
        n++;
        sink.at(n, "record " + n);
        if (isGa4) {
          ga4Row(r, row);
          RejectReason reason = row.resolve(ga4, e);
          if (reason != null) {
            sink.reject(reason, row.detail);
          } else if (row.skipped()) {
            sink.skip(row.eventName);
          } else {
            for (int i = 0; i < row.size(); i++) {
              row.fill(i, ga4, e);
              sink.offer(e);
            }
          }
        } else {
          flat.read(r, e);
          sink.offer(e);
        }
      }
      return n;
    }
  }

  private static Schema.Field field(Schema record, String name) {
    return record.getType() == Schema.Type.RECORD ? record.getField(name) : null;
  }

  /** The field's value, or null when the record has no such field. */
  private static Object get(GenericRecord r, String name) {
    return r.hasField(name) ? r.get(name) : null;
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }

  private static void ga4Row(GenericRecord r, Ga4Row row) {
    row.clear();
    row.eventName = text(get(r, "event_name"));
    if (get(r, "event_timestamp") instanceof Number micros) {
      row.micros(micros.longValue());
    }
    row.userId = text(get(r, "user_id"));
    row.pseudoId = text(get(r, "user_pseudo_id"));
    if (get(r, "ecommerce") instanceof GenericRecord ecommerce) {
      row.transaction(text(get(ecommerce, "transaction_id")));
    }
    if (get(r, "items") instanceof List<?> items) {
      row.hasItems = true;
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof GenericRecord item)) {
          row.malformed = "items[" + i + "] is not a record";
          return;
        }
        Object q = get(item, "quantity");
        Object price = get(item, "price");
        row.item(
            text(get(item, "item_id")),
            text(get(item, "item_variant")),
            q instanceof Number number ? Double.valueOf(number.doubleValue()) : null,
            price instanceof Number number ? Double.valueOf(number.doubleValue()) : null);
      }
    }
  }

  /** Where a flat record's fields are, by lower-case name, found once from the schema. */
  private record Flat(
      String customer, String sku, String event, String weight, String time, double perSecond) {
    static Flat of(Schema schema, String file) {
      String customer = null;
      String sku = null;
      String event = null;
      String weight = null;
      String time = null;
      List<String> names = new ArrayList<>();
      if (schema.getType() == Schema.Type.RECORD) {
        for (Schema.Field f : schema.getFields()) {
          names.add(f.name());
          switch (f.name().toLowerCase(Locale.ROOT)) {
            case "customer" -> customer = f.name();
            case "sku" -> sku = f.name();
            case "event" -> event = f.name();
            case "weight" -> weight = f.name();
            case "ts", "timestamp", "time" -> time = f.name();
            default -> {}
          }
        }
      }
      if (customer == null || sku == null || (event == null && weight == null)) {
        throw new IngestException(
            file
                + ": its Avro records have the fields "
                + names
                + " (schema "
                + schema.getFullName()
                + "), neither GA4 export rows (event_name, event_timestamp, items, ...) nor flat"
                + " events (customer, sku, event or weight, ts)");
      }
      return new Flat(customer, sku, event, weight, time, unitsPerSecond(schema, time));
    }

    /**
     * A numeric time column's units per second: BigQuery exports TIMESTAMP as microseconds (logical
     * type {@code timestamp-micros}); 0 when the column is read like JSON numbers.
     */
    private static double unitsPerSecond(Schema schema, String time) {
      if (time == null) {
        return 0;
      }
      Schema s = schema.getField(time).schema();
      for (Schema branch : s.getType() == Schema.Type.UNION ? s.getTypes() : List.of(s)) {
        LogicalType t = branch.getLogicalType();
        if (t != null && t.getName().equals("timestamp-micros")) {
          return 1e6;
        }
        if (t != null && t.getName().equals("timestamp-millis")) {
          return 1e3;
        }
      }
      return 0;
    }

    void read(GenericRecord r, RawEvent e) {
      e.clear();
      Object c = r.get(customer);
      if (c != null) {
        e.customer(c.toString());
      }
      Object s = r.get(sku);
      if (s != null) {
        e.sku(s.toString());
      }
      Object w = weight == null ? null : r.get(weight);
      if (w instanceof Number n) {
        e.weight(n.doubleValue());
      } else if (w != null) {
        e.weight(w.toString());
      }
      Object ev = event == null ? null : r.get(event);
      if (ev != null) {
        e.event(EventType.parse(ev.toString()));
      }
      Object t = time == null ? null : r.get(time);
      if (t instanceof Number n) {
        try {
          e.time =
              perSecond > 0
                  ? Math.floorDiv(n.longValue(), (long) perSecond)
                  : Timestamps.fromNumber(n.doubleValue());
        } catch (DateTimeException ex) {
          e.badTime = true;
        }
      } else if (t != null) {
        e.time(t.toString());
      }
    }
  }
}
