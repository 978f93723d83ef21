package dev.alike.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alike.model.BoughtTogether;
import dev.alike.model.CosineSimilarity;
import dev.alike.model.EventLog;
import dev.alike.model.FitOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BasketEvaluation} on a log whose answers are known. */
class BasketEvaluationTest {
  private static final byte PURCHASE = 2;

  private static void order(EventLog log, long order, long time, String customer, String... skus) {
    for (String sku : skus) {
      log.add(log.customers().add(customer), log.skus().add(sku), 1, time, order, PURCHASE);
    }
  }

  /**
   * Before the cut: cup+saucer and pen+ink bought together in 4 orders each; the bestseller alone
   * in 20. After it: one cup+saucer order and one pen+ink order, and a single-SKU order (not
   * asked).
   */
  @Test
  void togetherHitsWherePopularCannot_singleSkuOrdersNotAsked() {
    EventLog log = new EventLog();
    long t = 1_000;
    long o = 1;
    for (int i = 0; i < 4; i++) {
      order(log, o++, t++, "u" + i, "cup", "saucer");
      order(log, o++, t++, "v" + i, "pen", "ink");
    }
    for (int i = 0; i < 20; i++) {
      order(log, o++, t++, "w" + i, "bestseller");
    }
    order(log, o++, t++, "x", "cup", "saucer");
    order(log, o++, t++, "y", "pen", "ink");
    order(log, o++, t++, "z", "bestseller");
    double ratio = 36.0 / 41; // the 36 earlier events train
    BasketEvaluation.Report report =
        BasketEvaluation.run(
            log,
            ratio,
            1,
            List.of(BoughtTogether.DEFAULT),
            FitOptions.defaults().withSimilarity(new CosineSimilarity()).withThreads(1));
    assertEquals(2, report.testOrders());
    assertEquals(36, report.trainEvents());
    BasketEvaluation.Result popular = report.results().get(0);
    assertEquals("popular", popular.name());
    assertEquals(0, popular.hits());
    BasketEvaluation.Result together = report.results().get(2);
    assertEquals("together " + BoughtTogether.DEFAULT, together.name());
    assertEquals(2, together.hits());
    assertEquals(2, together.listed());
  }

  @Test
  void logWithoutOrderIds_isRejectedNamingWhatIsMissing() {
    EventLog log = new EventLog();
    log.add("u", "a", 1, 10);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BasketEvaluation.run(log, 0.5, 10, List.of(), FitOptions.defaults()));
    assertEquals(
        "the bought-together evaluation needs events with times and order ids", e.getMessage());
  }
}
