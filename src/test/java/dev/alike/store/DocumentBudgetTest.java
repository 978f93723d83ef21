package dev.alike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DocumentBudgetTest {
  private static String id(SplittableRandom random) {
    String[] pieces = {"a", "é", "日", "\uD83D\uDE00", "/", "_", "9"};
    StringBuilder sb = new StringBuilder();
    int n = 1 + random.nextInt(40);
    for (int i = 0; i < n; i++) {
      sb.append(pieces[random.nextInt(pieces.length)]);
    }
    return sb.toString();
  }

  private static SkuDocument document(SplittableRandom random) {
    List<Neighbor> similar = new ArrayList<>();
    for (int i = random.nextInt(60); i > 0; i--) {
      similar.add(
          new Neighbor(
              id(random),
              random.nextDouble(0.01, 1),
              random.nextBoolean() ? null : id(random),
              random.nextBoolean() ? Map.of() : Map.of(id(random), id(random))));
    }
    return new SkuDocument(id(random), id(random), Map.of("g", id(random)), similar, similar);
  }

  @Test
  void upperBound_isNeverBelowTheExactSize_forRandomUnicodeDocuments() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 2_000; i++) {
      SkuDocument doc = document(random);
      long exact = DocumentBudget.fieldsSize(StoreCodec.write(doc));
      long bound = DocumentBudget.upperBound(doc);
      assertTrue(bound >= exact, () -> "bound " + bound + " < exact " + exact + " for " + doc);
    }
  }

  @Test
  void fit_cutsWhatTheExactSizesSay_whenTheBoundIsOver() {
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 300; i++) {
      SkuDocument doc = document(random);
      long exact = DocumentBudget.fieldsSize(StoreCodec.write(doc));
      DocumentBudget budget = new DocumentBudget((int) Math.max(64, exact));
      assertEquals(0, budget.fit(doc).cut(), "a document exactly at the budget fits");
      assertEquals(doc, budget.fit(doc).value());
    }
  }
}
