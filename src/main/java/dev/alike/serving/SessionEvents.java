package dev.alike.serving;

import dev.alike.events.EventType;
import dev.alike.events.EventWeights;

/**
 * Weights of session interactions ({@code with=sku:event}): the same event names and aliases as the
 * batch build ({@link EventType}), with the design's default weights.
 */
public final class SessionEvents {
  private SessionEvents() {}

  /**
   * The weight of event type {@code name} (any alias, any case).
   *
   * @throws IllegalArgumentException naming the value when it is no known alias
   */
  public static double weight(String name) {
    EventType type = EventType.parse(name);
    if (type == null) {
      throw new IllegalArgumentException(
          "unknown event type \"" + name + "\" (use browse, cart or purchase)");
    }
    return EventWeights.DEFAULT.of(type);
  }
}
