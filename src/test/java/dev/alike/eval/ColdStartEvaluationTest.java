package dev.alike.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.SharedData;
import dev.alike.model.ColdStart;
import dev.alike.model.FitOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdStartEvaluationTest {
  @Test
  void category_isTheTitlesLastWord() {
    assertEquals("HOLDER", ColdStartEvaluation.category("WHITE HANGING HEART T-LIGHT HOLDER"));
    assertEquals("SET", ColdStartEvaluation.category("TRADTIONAL ALPHABET STAMP SET "));
    assertNull(ColdStartEvaluation.category(" "));
    assertNull(ColdStartEvaluation.category(null));
  }

  @Test
  void onlineRetail_contentFindsNewSkus_betterThanPopularInCategoryAndRandom() throws Exception {
    Path retail = SharedData.require("online-retail/online_retail.csv.gz");
    OnlineRetail.Loaded loaded = OnlineRetail.read(retail, OnlineRetail.Weight.LINES);
    Map<String, String> titles = OnlineRetail.titles(retail);
    assertEquals("WHITE HANGING HEART T-LIGHT HOLDER", titles.get("85123A"));
    ColdStartEvaluation.Report r =
        ColdStartEvaluation.run(
            loaded.events(),
            titles,
            new ColdStartEvaluation.Settings(
                0.75, 10, FitOptions.defaults(), List.of(ColdStart.DEFAULT_WEIGHT)));
    assertEquals(70, r.newSkus());
    Map<String, ColdStartEvaluation.Row> rows =
        r.rows().stream()
            .collect(java.util.stream.Collectors.toMap(ColdStartEvaluation.Row::name, x -> x));
    assertEquals(0, rows.get("alike without cold start, for-you list").pairRecall());
    double alike = rows.get("alike content weight 0.15, new-arrivals row").pairRecall();
    double category = rows.get("popular-in-category, new-arrivals row").pairRecall();
    double random = rows.get("random, new-arrivals row").pairRecall();
    assertTrue(alike > 1.5 * category && category > random, alike + " " + category + " " + random);
    ColdStartEvaluation.Row forYou = rows.get("alike content weight 0.15, for-you list");
    assertTrue(forYou.pairRecall() > 0.1, "new SKUs reach the for-you list: " + forYou);
    assertTrue(
        forYou.allRecall() >= rows.get("alike without cold start, for-you list").allRecall(),
        "the default weight costs known SKUs nothing: " + forYou);
  }
}
