package dev.alike.simulate;

import com.google.gson.stream.JsonWriter;
import dev.alike.eval.Split;
import dev.alike.events.EventType;
import dev.alike.model.EventLog;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shop's past and future from one split of its events: the training part written as JSON Lines
 * for the build to read, and each test customer's held-out SKUs, the future the simulated customer
 * acts on.
 *
 * @param trainEvents the training events as a JSON Lines file
 * @param futures per customer id with a training profile and at least one held-out SKU, those SKU
 *     ids, in the split's order (insertion order of the map: the log's customer order)
 */
public record ShopHistory(Path trainEvents, Map<String, List<String>> futures) {
  public ShopHistory {
    futures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(futures));
  }

  /**
   * Writes {@code split}'s training events to {@code trainEvents} and collects the futures of its
   * customers who have both sides (a customer without a training event would be a stranger to the
   * model, which is not what the experiment compares).
   *
   * @throws IOException when the file cannot be written
   */
  public static ShopHistory of(Split split, Path trainEvents) throws IOException {
    EventLog train = split.train();
    boolean[] known = new boolean[train.customers().size()];
    write(train, trainEvents, known);
    Map<String, List<String>> futures = new LinkedHashMap<>();
    int[][] heldOut = split.heldOut();
    for (int u = 0; u < heldOut.length; u++) {
      if (heldOut[u].length == 0 || !known[u]) {
        continue;
      }
      List<String> skus = new ArrayList<>(heldOut[u].length);
      for (int j : heldOut[u]) {
        skus.add(train.skus().id(j));
      }
      futures.put(train.customers().id(u), skus);
    }
    if (futures.isEmpty()) {
      throw new IllegalArgumentException(
          "the split left no customer with both training and held-out events: nobody to simulate");
    }
    return new ShopHistory(trainEvents, futures);
  }

  /**
   * One JSON line per event: its type when it has one, else its weight (ratings), its time and its
   * order (the order key in hex: the build hashes it again, and equal keys stay equal). Marks the
   * customers written in {@code known}.
   */
  private static void write(EventLog log, Path file, boolean[] known) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int e = 0; e < log.size(); e++) {
        known[log.customer(e)] = true;
        JsonWriter w = new JsonWriter(out);
        w.beginObject();
        w.name("customer").value(log.customers().id(log.customer(e)));
        w.name("sku").value(log.skus().id(log.sku(e)));
        EventType type = EventType.of(log.type(e));
        if (type == null) {
          w.name("weight").value(log.weight(e));
        } else {
          w.name("event").value(type.aliases().get(0));
        }
        if (log.time(e) != EventLog.NO_TIME) {
          w.name("ts").value(log.time(e));
        }
        if (log.order(e) != EventLog.NO_ORDER) {
          w.name("order").value(Long.toHexString(log.order(e)));
        }
        w.endObject();
        w.flush();
        out.write('\n');
      }
    }
  }
}
