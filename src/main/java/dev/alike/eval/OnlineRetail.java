package dev.alike.eval;

import dev.alike.events.EventType;
import dev.alike.events.OrderKeys;
import dev.alike.model.EventLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads UCI Online Retail invoice lines ({@code InvoiceNo,StockCode,Description,Quantity,
 * InvoiceDate,UnitPrice,CustomerID,Country}) as purchase events: customer = CustomerID, SKU =
 * StockCode, weight 1 per invoice line (or the quantity, see {@link Weight}), time = InvoiceDate in
 * UK local time, order = InvoiceNo.
 *
 * <p>Dropped and counted: cancellations (invoice numbers starting with {@code C}), lines with
 * quantity <= 0, and lines without a customer id.
 */
public final class OnlineRetail {
  private static final ZoneId UK = ZoneId.of("Europe/London");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** What an invoice line weighs. */
  public enum Weight {
    /** Each invoice line counts 1: how often a customer bought the SKU. */
    LINES,
    /** The quantity: wholesalers' cartons of 1,000 dominate; kept for comparison. */
    QUANTITY
  }

  /** The events and what was dropped. */
  public record Loaded(
      EventLog events, long lines, long cancelled, long nonPositiveQuantity, long noCustomer) {}

  private OnlineRetail() {}

  /**
   * Each StockCode's most frequent non-blank {@code Description} (ties: the first seen), over every
   * line, cancelled ones too: the product's title for content neighbours.
   *
   * @throws IOException when unreadable
   */
  public static java.util.Map<String, String> titles(Path file) throws IOException {
    java.util.Map<String, java.util.Map<String, Integer>> counts = new java.util.HashMap<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (BufferedReader in = MovieLens.open(file)) {
      for (CSVRecord r : format.parse(in)) {
        String title = r.get("Description").trim();
        if (!title.isEmpty()) {
          counts
              .computeIfAbsent(r.get("StockCode").trim(), c -> new java.util.LinkedHashMap<>())
              .merge(title, 1, Integer::sum);
        }
      }
    }
    java.util.Map<String, String> titles = new java.util.HashMap<>();
    counts.forEach(
        (sku, byTitle) -> {
          String best = null;
          for (java.util.Map.Entry<String, Integer> e : byTitle.entrySet()) {
            if (best == null || e.getValue() > byTitle.get(best)) {
              best = e.getKey();
            }
          }
          titles.put(sku, best);
        });
    return titles;
  }

  /**
   * Reads {@code file} (CSV, {@code .gz} decompressed).
   *
   * @throws IOException when unreadable, or a kept line has a bad quantity or date (naming the
   *     line)
   */
  public static Loaded read(Path file, Weight weight) throws IOException {
    EventLog log = new EventLog();
    long lines = 0;
    long cancelled = 0;
    long nonPositive = 0;
    long noCustomer = 0;
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (BufferedReader in = MovieLens.open(file)) {
      for (CSVRecord r : format.parse(in)) {
        lines++;
        if (r.get("InvoiceNo").startsWith("C")) {
          cancelled++;
          continue;
        }
        try {
          double quantity = Double.parseDouble(r.get("Quantity"));
          if (!(quantity > 0)) {
            nonPositive++;
            continue;
          }
          String customer = r.get("CustomerID").trim();
          if (customer.isEmpty()) {
            noCustomer++;
            continue;
          }
          long time = LocalDateTime.parse(r.get("InvoiceDate"), DATE).atZone(UK).toEpochSecond();
          double w = weight == Weight.QUANTITY ? quantity : 1.0;
          log.add(
              log.customers().add(customer),
              log.skus().add(r.get("StockCode").trim()),
              w,
              time,
              OrderKeys.of(r.get("InvoiceNo").trim()),
              EventType.PURCHASE.code());
        } catch (RuntimeException e) {
          throw new IOException(
              file + ":" + r.getRecordNumber() + ": " + e.getMessage() + " in " + r, e);
        }
      }
    }
    return new Loaded(log, lines, cancelled, nonPositive, noCustomer);
  }
}
