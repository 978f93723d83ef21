package dev.alike.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads the GA4 fields of a JSON object into a {@link Ga4Row}: the BigQuery export's columns
 * ({@code event_name}, {@code event_timestamp}, {@code user_id}, {@code user_pseudo_id}, {@code
 * ecommerce.transaction_id}, {@code items[].item_id/item_variant/quantity/price}) and a Measurement
 * Protocol event's ({@code name}, {@code params.items}, {@code params.transaction_id}, {@code
 * params.attribution}). Each method returns what is wrong with the field (a column of the wrong
 * type), or null. Part of {@link JsonObjects}, the one JSON event reader.
 */
final class Ga4Json {
  private Ga4Json() {}

  /**
   * Whether {@code key} (lower case) is a top-level GA4 field, read or skipped as GA4's ({@code
   * event_params} and {@code user_properties} are arrays that must not be taken for sessions).
   */
  static boolean column(String key, boolean measurementProtocol) {
    return switch (key) {
      case "event_name",
          "event_timestamp",
          "user_id",
          "user_pseudo_id",
          "items",
          "ecommerce",
          "event_params",
          "user_properties" ->
          true;
      case "name", "params", "timestamp_micros" -> measurementProtocol;
      default -> false;
    };
  }

  /** Reads one GA4 column into {@code row}; what is wrong with it, or null. */
  static String field(JsonParser p, String key, JsonToken t, Ga4Row row) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    boolean scalar = t == JsonToken.VALUE_STRING || t.isNumeric();
    switch (key) {
      case "event_name", "name" -> {
        if (t != JsonToken.VALUE_STRING) {
          break;
        }
        row.eventName = p.getText();
        return null;
      }
      case "event_timestamp", "timestamp_micros" -> {
        if (!scalar) {
          break;
        }
        row.micros(p.getText());
        return null;
      }
      case "user_id", "user_pseudo_id" -> {
        if (!scalar) {
          break;
        }
        if (key.equals("user_id")) {
          row.userId = p.getText();
        } else {
          row.pseudoId = p.getText();
        }
        return null;
      }
      case "items" -> {
        return t == JsonToken.START_ARRAY ? readItems(p, row) : skip(p, key, t);
      }
      case "ecommerce", "params" -> {
        return t == JsonToken.START_OBJECT ? readNested(p, key, row) : skip(p, key, t);
      }
      default -> {
        p.skipChildren(); // event_params, user_properties: nothing alike uses
        return null;
      }
    }
    return skip(p, key, t);
  }

  private static String skip(JsonParser p, String key, JsonToken t) throws IOException {
    p.skipChildren();
    return "GA4 " + key + " is " + JsonObjects.kind(t);
  }

  /**
   * Reads {@code ecommerce} ({@code transaction_id}) or a Measurement Protocol event's {@code
   * params} ({@code transaction_id}, {@code items}, {@code attribution}); other fields are skipped.
   */
  private static String readNested(JsonParser p, String parent, Ga4Row row) throws IOException {
    String wrong = null;
    while (JsonObjects.next(p) == JsonToken.FIELD_NAME) {
      String name = p.currentName().toLowerCase(Locale.ROOT);
      JsonToken t = JsonObjects.next(p);
      if (name.equals("transaction_id") && (t == JsonToken.VALUE_STRING || t.isNumeric())) {
        row.transaction(p.getText());
      } else if (name.equals(JsonObjects.ATTRIBUTION) && parent.equals("params")) {
        p.skipChildren();
        if (t != JsonToken.VALUE_NULL) {
          row.attribution(t == JsonToken.VALUE_STRING ? p.getText() : null);
        }
      } else if (name.equals("items") && parent.equals("params") && t == JsonToken.START_ARRAY) {
        String bad = readItems(p, row);
        wrong = wrong == null ? bad : wrong;
      } else if ((name.equals("transaction_id") || name.equals("items"))
          && t != JsonToken.VALUE_NULL) {
        String bad = skip(p, parent + "." + name, t);
        wrong = wrong == null ? bad : wrong;
      } else {
        p.skipChildren();
      }
    }
    return wrong;
  }

  /**
   * Reads {@code items}: {@code item_id}, {@code item_variant}, {@code quantity}, {@code price} of
   * each.
   */
  private static String readItems(JsonParser p, Ga4Row row) throws IOException {
    row.hasItems = true;
    String wrong = null;
    int i = 0;
    for (JsonToken t = JsonObjects.next(p);
        t != JsonToken.END_ARRAY;
        t = JsonObjects.next(p), i++) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        wrong = wrong != null ? wrong : "items[" + i + "] is " + JsonObjects.kind(t);
        continue;
      }
      String id = null;
      String variant = null;
      Double quantity = null;
      Double price = null;
      while (JsonObjects.next(p) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = JsonObjects.next(p);
        boolean scalar = v == JsonToken.VALUE_STRING || v.isNumeric();
        switch (name) {
          case "item_id" -> id = scalar ? p.getText() : id;
          case "item_variant" -> variant = scalar ? p.getText() : variant;
          case "quantity" -> quantity = scalar ? Double.valueOf(number(p, v)) : quantity;
          case "price" -> price = scalar ? Double.valueOf(number(p, v)) : price;
          default -> {
            p.skipChildren();
            continue;
          }
        }
        if (!scalar && v != JsonToken.VALUE_NULL) {
          p.skipChildren();
          wrong = wrong != null ? wrong : "items[" + i + "]." + name + " is " + JsonObjects.kind(v);
        }
      }
      row.item(id, variant, quantity, price);
    }
    return wrong;
  }

  /** A number, or a numeric string (BigQuery's JSON export writes INT64 as one); NaN if neither. */
  static double number(JsonParser p, JsonToken t) throws IOException {
    return t.isNumeric() ? p.getDoubleValue() : RawEvent.number(p.getText());
  }
}
