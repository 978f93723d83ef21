package dev.alike.events;

import com.google.gson.stream.JsonReader;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the hand-written parser is measured against: the same JSON Lines read on one thread with the
 * well-kept libraries (a BufferedReader, Gson's streaming {@link JsonReader} per line, ids interned
 * through {@code HashMap<String, Integer>}, event names through {@link EventType}) into the same
 * int/float/long columns, versus {@link EventReader} on one thread.
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
      int events = gson(file);
      long t1 = System.nanoTime();
      IngestResult ours =
          new EventReader(IngestOptions.defaults().withThreads(1))
              .read(LocalInputs.resolve(List.of(file.toString())));
      long t2 = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "run %d: gson+HashMap %,d events in %,d ms; EventReader (1 thread) %,d events in %,d ms;"
              + " ratio %.2f%n",
          r,
          events,
          (t1 - t0) / 1_000_000,
          ours.log().size(),
          (t2 - t1) / 1_000_000,
          (t1 - t0) / (double) (t2 - t1));
    }
  }

  private static int gson(Path file) throws Exception {
    Map<String, Integer> customers = new HashMap<>();
    Map<String, Integer> skus = new HashMap<>();
    int cap = 1 << 20;
    int[] customer = new int[cap];
    int[] sku = new int[cap];
    float[] weight = new float[cap];
    long[] time = new long[cap];
    int n = 0;
    EventWeights weights = EventWeights.DEFAULT;
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
        if (n == customer.length) {
          cap = n * 2;
          customer = java.util.Arrays.copyOf(customer, cap);
          sku = java.util.Arrays.copyOf(sku, cap);
          weight = java.util.Arrays.copyOf(weight, cap);
          time = java.util.Arrays.copyOf(time, cap);
        }
        customer[n] = customers.computeIfAbsent(c, k -> customers.size());
        sku[n] = skus.computeIfAbsent(s, k -> skus.size());
        weight[n] = (float) weights.of(EventType.parse(e));
        time[n] = ts;
        n++;
      }
    }
    return n;
  }
}
