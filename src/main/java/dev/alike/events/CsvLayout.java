package dev.alike.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which CSV column holds which field. From a header (names matched case-insensitively after
 * trimming: {@code customer}, {@code sku}, {@code event}, {@code weight}, {@code timestamp}, {@code
 * ts} or {@code time}, and the optional {@code order}, {@code transaction_id} or {@code InvoiceNo},
 * {@code price}, {@code quantity} and {@code attribution}) or from an explicit column list for
 * header-less files such as Taobao's UserBehavior.csv ({@code customer,sku,,event,timestamp}: blank
 * or {@code -} skips a column).
 *
 * @param hasHeader whether the first record of a file is the header (to be skipped)
 */
record CsvLayout(
    int customer,
    int sku,
    int event,
    int weight,
    int time,
    int order,
    int price,
    int quantity,
    int attribution,
    boolean hasHeader) {
  /**
   * The layout named by a header.
   *
   * @throws IngestException naming the missing columns and the header found
   */
  static CsvLayout fromHeader(List<String> names, String file) {
    return of(names, true, file);
  }

  /**
   * A layout for header-less files from column names in order.
   *
   * @throws IllegalArgumentException naming the missing columns
   */
  static CsvLayout fromColumns(List<String> names) {
    try {
      return of(names, false, "--csv-columns");
    } catch (IngestException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static CsvLayout of(List<String> names, boolean header, String source) {
    int[] at = {-1, -1, -1, -1, -1, -1, -1, -1, -1};
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i).trim().toLowerCase(Locale.ROOT);
      int field =
          switch (n) {
            case "customer" -> 0;
            case "sku" -> 1;
            case "event" -> 2;
            case "weight" -> 3;
            case "timestamp", "ts", "time" -> 4;
            case "order", "transaction_id", "invoiceno" -> 5;
            case "price" -> 6;
            case "quantity" -> 7;
            case "attribution" -> 8;
            default -> -1;
          };
      if (field >= 0 && at[field] < 0) {
        at[field] = i;
      }
    }
    List<String> missing = new ArrayList<>();
    if (at[0] < 0) {
      missing.add("customer");
    }
    if (at[1] < 0) {
      missing.add("sku");
    }
    if (at[2] < 0 && at[3] < 0) {
      missing.add("event (or weight)");
    }
    if (!missing.isEmpty()) {
      throw new IngestException(
          source
              + ": CSV columns missing: "
              + String.join(", ", missing)
              + "; found "
              + (header ? "header " : "")
              + "["
              + String.join(",", names)
              + "]");
    }
    return new CsvLayout(at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7], at[8], header);
  }
}
