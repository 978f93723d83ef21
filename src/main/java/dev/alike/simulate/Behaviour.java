package dev.alike.simulate;

import dev.alike.experiment.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How a simulated customer answers a list: a served SKU that is in the customer's held-out future
 * is clicked with probability {@code click}, a clicked one put in the cart with probability {@code
 * cart}, a carted one bought with probability {@code purchase}; any other served SKU is clicked
 * with probability {@code noise} (people click what they will not buy too, and without it a list
 * that never hits the future would show no clicks at all) and goes no further.
 */
public record Behaviour(double click, double cart, double purchase, double noise) {
  /** Half of the hits clicked, 30% of clicks carted, half of the carts bought, 1% noise. */
  public static final Behaviour DEFAULT = new Behaviour(0.5, 0.3, 0.5, 0.01);

  public Behaviour {
    probability("click", click);
    probability("cart", cart);
    probability("purchase", purchase);
    probability("noise", noise);
  }

  /** One thing the customer did with a served SKU. */
  public record Act(String sku, Outcome.Kind kind) {}

  /**
   * What the customer does with {@code served}, in the order done (a SKU's click before its cart
   * before its purchase). A SKU of {@code future} that is clicked is removed from it: the customer
   * has found it, and the same held-out interest is not counted twice.
   */
  public List<Act> react(List<String> served, Set<String> future, SplittableRandom random) {
    List<Act> acts = new ArrayList<>();
    for (String sku : served) {
      if (future.contains(sku)) {
        if (random.nextDouble() >= click) {
          continue;
        }
        future.remove(sku);
        acts.add(new Act(sku, Outcome.Kind.CLICK));
        if (random.nextDouble() < cart) {
          acts.add(new Act(sku, Outcome.Kind.CART));
          if (random.nextDouble() < purchase) {
            acts.add(new Act(sku, Outcome.Kind.PURCHASE));
          }
        }
      } else if (random.nextDouble() < noise) {
        acts.add(new Act(sku, Outcome.Kind.CLICK));
      }
    }
    return acts;
  }

  private static void probability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " probability must be in [0, 1], was " + p);
    }
  }
}
