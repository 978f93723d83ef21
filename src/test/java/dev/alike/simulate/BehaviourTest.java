package dev.alike.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.experiment.Outcome;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BehaviourTest {
  @Test
  void react_withoutNoise_clicksOnlyTheFuture_andTheFoundSkuLeavesIt() {
    Set<String> future = new HashSet<>(Set.of("b", "x"));
    List<Behaviour.Act> acts =
        new Behaviour(1, 0, 0, 0).react(List.of("a", "b", "c"), future, new SplittableRandom(1));

    assertEquals(List.of(new Behaviour.Act("b", Outcome.Kind.CLICK)), acts);
    assertEquals(Set.of("x"), future);
  }

  @Test
  void react_certainFunnel_clicksCartsAndBuysInThatOrder() {
    List<Behaviour.Act> acts =
        new Behaviour(1, 1, 1, 0)
            .react(List.of("a", "b"), new HashSet<>(Set.of("b")), new SplittableRandom(1));

    assertEquals(
        List.of(
            new Behaviour.Act("b", Outcome.Kind.CLICK),
            new Behaviour.Act("b", Outcome.Kind.CART),
            new Behaviour.Act("b", Outcome.Kind.PURCHASE)),
        acts);
  }

  @Test
  void react_noiseClick_goesNoFurther_andLeavesTheFutureAlone() {
    Set<String> future = new HashSet<>(Set.of("x"));
    List<Behaviour.Act> acts =
        new Behaviour(0, 1, 1, 1).react(List.of("a", "x"), future, new SplittableRandom(1));

    assertEquals(List.of(new Behaviour.Act("a", Outcome.Kind.CLICK)), acts);
    assertEquals(Set.of("x"), future);
  }

  @Test
  void react_clicksAHitWithTheGivenProbability() {
    Behaviour behaviour = new Behaviour(0.3, 0, 0, 0);
    SplittableRandom random = new SplittableRandom(7);
    int clicks = 0;
    int trials = 20_000;
    for (int t = 0; t < trials; t++) {
      clicks += behaviour.react(List.of("a"), new HashSet<>(Set.of("a")), random).size();
    }
    // 20,000 Bernoulli(0.3) draws: the standard error is 0.0032, so 0.02 is over 6 of them.
    assertTrue(Math.abs(clicks / (double) trials - 0.3) < 0.02, "click rate " + clicks);
  }

  @Test
  void probabilityOutsideZeroToOne_isRefusedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Behaviour(0.5, 1.5, 0.5, 0));
    assertEquals("cart probability must be in [0, 1], was 1.5", e.getMessage());
  }
}
