package dev.alike.events;

import com.google.gson.stream.JsonReader;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What the hand-written parser is measured against: the same file read on one thread with the
 * well-kept libraries (a BufferedReader and Gson's streaming {@link JsonReader} per line for JSON
 * Lines, commons-csv's {@link CSVParser} for a {@code .csv} with a customer,sku,event,ts header;
 * ids interned through {@code HashMap<String, Integer>}, event names through {@link EventType})
 * into the same int/float/long columns, versus {@link EventReader} on one thread.
 *
 * <p>Run: {@code java -Xmx8g -cp target/classes:target/test-classes:$(cat target/cp.txt)
 * dev.alike.events.LibraryParseBenchmark FILE [runs]}.
 */
public final class LibraryParseBenchmark {
  private LibraryParseBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      boolean csv = file.toString().endsWith(".csv");
      int events = csv ? commonsCsv(file) : gson(file);
      long t1 = System.nanoTime();
      IngestResult ours =
          new EventReader(IngestOptions.defaults().withThreads(1))
              .read(LocalInputs.resolve(List.of(file.toString())));
      long t2 = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "run %d: %s+HashMap %,d events in %,d ms; EventReader (1 thread) %,d events in %,d ms;"
              + " ratio %.2f%n",
          r,
          csv ? "commons-csv" : "gson",
          events,
          (t1 - t0) / 1_000_000,
          ours.log().size(),
          (t2 - t1) / 1_000_000,
          (t1 - t0) / (double) (t2 - t1));
    }
  }

  private static int commonsCsv(Path file) throws Exception {
    Columns columns = new Columns();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, format)) {
      for (CSVRecord record : parser) {
        columns.add(
            record.get("customer"),
            record.get("sku"),
            record.get("event"),
            Long.parseLong(record.get("ts")));
      }
    }
    return columns.n;
  }

  /** The columns both library readers fill, ids interned through HashMaps. */
  private static final class Columns {
    final Map<String, Integer> customers = new HashMap<>();
    final Map<String, Integer> skus = new HashMap<>();
    int[] customer = new int[1 << 20];
    int[] sku = new int[1 << 20];
    float[] weight = new float[1 << 20];
    long[] time = new long[1 << 20];
    int n;

    void add(String c, String s, String e, long ts) {
      if (n == customer.length) {
        customer = Arrays.copyOf(customer, n * 2);
        sku = Arrays.copyOf(sku, n * 2);
        weight = Arrays.copyOf(weight, n * 2);
        time = Arrays.copyOf(time, n * 2);
      }
      customer[n] = customers.computeIfAbsent(c, k -> customers.size());
      sku[n] = skus.computeIfAbsent(s, k -> skus.size());
      weight[n] = (float) EventWeights.DEFAULT.of(EventType.parse(e));
      time[n] = ts;
      n++;
    }
  }

  private static int gson(Path file) throws Exception {
    Columns columns = new Columns();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        String c = null;
        String s = null;
        String e = null;
        long ts = -1;
        try (JsonReader json = new JsonReader(new StringReader(line))) {
          json.beginObject();
          while (json.hasNext()) {
            switch (json.nextName()) {
              case "customer" -> c = json.nextString();
              case "sku" -> s = json.nextString();
              case "event" -> e = json.nextString();
              case "ts" -> ts = json.nextLong();
              default -> json.skipValue();
            }
          }
        }
        columns.add(c, s, e, ts);
      }
    }
    return columns.n;
  }
}
