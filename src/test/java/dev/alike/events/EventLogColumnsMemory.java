package dev.alike.events;

import dev.alike.experiment.AttributionToken;
import dev.alike.model.EventLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What the attribution and revenue columns cost an {@link EventLog}, run by hand:
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.alike.events.EventLogColumnsMemory [events]
 * </pre>
 *
 * <p>Writes two JSON Lines files of the same events (200k customers, 100k SKUs, a sixth of them
 * purchases): one plain, one where every answer's token is on the three events after it and every
 * purchase has a price and a quantity. Reads each with {@link EventReader} and prints the heap the
 * log retains (used heap after full GCs, with the log held, minus before) and whether each optional
 * column exists. Memory does not depend on machine load.
 */
public final class EventLogColumnsMemory {
  private static final String[] EVENTS = {"view", "view", "view", "click", "cart", "buy"};

  private EventLogColumnsMemory() {}

  public static void main(String[] args) throws IOException {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path plain = Files.createTempFile("alike-plain", ".jsonl");
    Path attributed = Files.createTempFile("alike-attributed", ".jsonl");
    try {
      write(plain, events, false);
      write(attributed, events, true);
      long bytesPlain = retained(plain, "plain");
      long bytesAttributed = retained(attributed, "attribution + price + quantity");
      System.out.printf(
          Locale.ROOT,
          "difference: %.1f MB (%.1f bytes per event)%n",
          (bytesAttributed - bytesPlain) / 1e6,
          (bytesAttributed - bytesPlain) / (double) events);
    } finally {
      Files.deleteIfExists(plain);
      Files.deleteIfExists(attributed);
    }
  }

  private static void write(Path file, int events, boolean extras) throws IOException {
    Random rng = new Random(42);
    String token = null;
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (int i = 0; i < events; i++) {
        String event = EVENTS[rng.nextInt(EVENTS.length)];
        w.write(
            "{\"customer\":\"c" + rng.nextInt(200_000) + "\",\"sku\":\"s" + rng.nextInt(100_000));
        w.write("\",\"event\":\"" + event + "\",\"ts\":" + (1_762_000_000 + i));
        if (extras) {
          if (i % 3 == 0) {
            token = AttributionToken.mint("home", "ease", "v" + (i % 7)).toString();
          }
          w.write(",\"attribution\":\"" + token + "\"");
          if (event.equals("buy")) {
            w.write(",\"price\":" + (1 + rng.nextInt(9999)) / 100.0 + ",\"quantity\":2");
          }
        }
        w.write("}\n");
      }
    }
  }

  private static long retained(Path file, String what) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = used(memory);
    EventLog log =
        new EventReader(IngestOptions.defaults().withThreads(1))
            .read(List.of(new LocalEventInput(file)))
            .log();
    long after = used(memory);
    System.out.printf(
        Locale.ROOT,
        "%s: %,d events, log retains %.1f MB; attribution column: %s, revenue column: %s%n",
        what,
        log.size(),
        (after - before) / 1e6,
        log.hasAttributions(),
        log.hasRevenue());
    return after - before;
  }

  private static long used(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
