package dev.alike.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.SharedData;
import dev.alike.eval.Datasets;
import dev.alike.eval.SplitMethod;
import dev.alike.experiment.LiftReport;
import dev.alike.experiment.Outcome;
import dev.alike.experiment.RatioEstimate;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim of docs/quality.md at a smaller size: on MovieLens 100k (per-user temporal split),
 * customers shown their personalized lists click more than the holdout shown popular items, with an
 * interval that excludes zero. Skipped where ../shared/data is absent.
 */
class SimulateMovieLensIT {
  @Test
  void personalizedVariants_beatTheHoldoutOnCtr_withAnIntervalAboveZero(@TempDir Path dir)
      throws Exception {
    Path data = SharedData.require("ml-100k/u.data");
    ShopHistory history =
        ShopHistory.of(
            SplitMethod.TEMPORAL.apply(Datasets.load("movielens", data).events(), 0.8, 42),
            dir.resolve("train.jsonl"));
    ExperimentPlan plan =
        new ExperimentPlan(
            "home", "for-you", 10, 0.2, ExperimentPlan.variants(List.of("ease", "tfidf")));

    Simulation.Result result =
        Simulation.run(
            new Simulation.Settings(
                dir,
                history,
                null,
                Simulation.write(plan, dir),
                new ShopSimulator.Settings(7, 150, 10, "home", Behaviour.DEFAULT, 42),
                dir.resolve("report.json").toString(),
                null));

    assertEquals(7 * 150, result.report().answers());
    for (String variant : List.of("ease", "tfidf")) {
      LiftReport.Variant v = result.report().variants().get(variant);
      assertNotNull(v, variant + " never answered: " + result.report().variants().keySet());
      assertEquals(
          result.sent().variants().get(variant).posted(Outcome.Kind.CLICK), v.total().clicks());
      RatioEstimate.Lift lift = v.ctrLift();
      assertTrue(
          lift != null && lift.interval() != null && lift.interval().low() > 0,
          variant + " lift " + lift);
    }
  }
}
