package dev.alike.events;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The weight each event type adds to a customer's score for a SKU. Defaults: browse 0.5, cart 2,
 * purchase 6 (a purchase says far more about taste than a view; a cart sits between); a click on a
 * recommended item weighs as a browse unless given its own weight.
 *
 * @param browse weight of a browse event, finite and &gt; 0
 * @param cart weight of an add-to-cart event, finite and &gt; 0
 * @param purchase weight of a purchase event, finite and &gt; 0
 * @param click weight of a click event, finite and &gt; 0
 */
public record EventWeights(double browse, double cart, double purchase, double click) {
  /** browse=0.5, cart=2, purchase=6. */
  public static final EventWeights DEFAULT = new EventWeights(0.5, 2, 6);

  /** {@link #DEFAULT} as {@link #parse} reads it, for help texts and flag defaults. */
  public static final String DEFAULT_SPEC = "browse=0.5,cart=2,purchase=6";

  /**
   * @throws IllegalArgumentException naming the type when a weight is not finite and &gt; 0
   */
  public EventWeights {
    check("browse", browse);
    check("cart", cart);
    check("purchase", purchase);
    check("click", click);
  }

  /** Weights with clicks weighing as browses. */
  public EventWeights(double browse, double cart, double purchase) {
    this(browse, cart, purchase, browse);
  }

  private static void check(String name, double w) {
    if (!(w > 0) || Double.isInfinite(w)) {
      throw new IllegalArgumentException(name + " weight must be finite and > 0, was " + w);
    }
  }

  /**
   * Parses {@code "browse=0.5,cart=2,purchase=6"}; types not named keep their default, type names
   * may be any alias of {@link EventType} ({@code view=1}). An empty or blank spec gives the
   * defaults.
   *
   * @throws IllegalArgumentException naming the bad part (no '=', unknown type, bad number)
   */
  public static EventWeights parse(String spec) {
    Map<EventType, Double> w = new EnumMap<>(EventType.class);
    w.put(EventType.BROWSE, DEFAULT.browse);
    w.put(EventType.CART, DEFAULT.cart);
    w.put(EventType.PURCHASE, DEFAULT.purchase);
    boolean clickGiven = false;
    if (spec != null && !spec.isBlank()) {
      for (String part : spec.split(",")) {
        int eq = part.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException(
              "bad weight \"" + part.trim() + "\" in \"" + spec + "\": expected type=number");
        }
        EventType type = EventType.parse(part.substring(0, eq));
        if (type == null) {
          throw new IllegalArgumentException(
              "unknown event type \""
                  + part.substring(0, eq).trim()
                  + "\" in \""
                  + spec
                  + "\": expected browse, cart, purchase or click");
        }
        clickGiven |= type == EventType.CLICK;
        try {
          w.put(type, Double.parseDouble(part.substring(eq + 1).trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "bad number \"" + part.substring(eq + 1).trim() + "\" in \"" + spec + "\"");
        }
      }
    }
    double browse = w.get(EventType.BROWSE);
    return new EventWeights(
        browse,
        w.get(EventType.CART),
        w.get(EventType.PURCHASE),
        clickGiven ? w.get(EventType.CLICK) : browse);
  }

  /** The weight of {@code type}. */
  public double of(EventType type) {
    return switch (type) {
      case BROWSE -> browse;
      case CART -> cart;
      case PURCHASE -> purchase;
      case CLICK -> click;
    };
  }

  /**
   * {@code "browse=0.5,cart=2.0,purchase=6.0"} (and {@code ",click=..."} when clicks weigh apart
   * from browses); {@link #parse} reads it back.
   */
  @Override
  public String toString() {
    String text =
        String.format(Locale.ROOT, "browse=%s,cart=%s,purchase=%s", browse, cart, purchase);
    return click == browse ? text : text + String.format(Locale.ROOT, ",click=%s", click);
  }
}
