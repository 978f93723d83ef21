package dev.alike.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alike.eval.Split;
import dev.alike.eval.SplitMethod;
import dev.alike.events.EventReader;
import dev.alike.events.EventType;
import dev.alike.events.IngestOptions;
import dev.alike.events.LocalInputs;
import dev.alike.events.OrderKeys;
import dev.alike.model.EventLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopHistoryTest {
  @Test
  void of_writesTheTrainingEventsAsTheBuildReadsThem_andKeepsTheFutureOfKnownCustomers(
      @TempDir Path dir) throws Exception {
    EventLog log = new EventLog();
    log.add("c1", "a", 4, 100);
    log.add("c1", "b", 5, 200);
    log.add("c1", "c", 3, 300);
    log.add("c1", "d", 1, 400);
    int c2 = log.customers().add("c2");
    byte purchase = EventType.PURCHASE.code();
    log.add(c2, log.skus().add("a"), 1, 100, OrderKeys.of("o1"), purchase);
    log.add(c2, log.skus().add("e"), 1, 500, OrderKeys.of("o2"), purchase);
    log.add("c3", "a", 2, 600); // one pair: all of it held out, no training profile
    Split split = SplitMethod.TEMPORAL.apply(log, 0.5, 1);

    ShopHistory history = ShopHistory.of(split, dir.resolve("train.jsonl"));

    assertEquals(Map.of("c1", List.of("c", "d"), "c2", List.of("e")), history.futures());
    EventLog read =
        new EventReader(IngestOptions.defaults())
            .read(LocalInputs.resolve(List.of(history.trainEvents().toString())))
            .log();
    assertEquals(describe(split.train()), describe(read));
  }

  @Test
  void of_refusesASplitWithNobodyToSimulate(@TempDir Path dir) {
    EventLog log = new EventLog();
    log.add("c1", "a", 1, 100);
    Split split = SplitMethod.TEMPORAL.apply(log, 0.5, 1);

    assertThrows(IllegalArgumentException.class, () -> ShopHistory.of(split, dir.resolve("t")));
  }

  /** Each event as customer, SKU, weight or type, time, whether it has an order, in log order. */
  private static List<String> describe(EventLog log) {
    List<String> out = new ArrayList<>();
    for (int e = 0; e < log.size(); e++) {
      EventType type = EventType.of(log.type(e));
      out.add(
          log.customers().id(log.customer(e))
              + " "
              + log.skus().id(log.sku(e))
              + " "
              + (type == null ? log.weight(e) : type)
              + " "
              + log.time(e)
              + " "
              + (log.order(e) != EventLog.NO_ORDER));
    }
    return out;
  }
}
