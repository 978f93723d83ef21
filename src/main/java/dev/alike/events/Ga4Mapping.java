package dev.alike.events;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a Google Analytics 4 event (a row of the BigQuery export, or a Measurement Protocol event) is
 * read: which id is the customer, whether {@code item_variant} is part of the SKU, and what each
 * event name counts as. Names not mapped are skipped and counted by name, never rejected.
 *
 * @param customerFields the id columns tried in order, the first non-blank one wins: {@code
 *     user_id} (the shop's own customer id, set once someone logs in) and/or {@code user_pseudo_id}
 *     (the browser's GA client id, {@code client_id} in the Measurement Protocol)
 * @param variantSeparator null to use {@code item_id} alone; else the SKU is {@code item_id +
 *     separator + item_variant} when a variant is set
 * @param events event name (lower case) to an {@link EventType} name ({@code browse}, {@code cart},
 *     {@code purchase}) or a fixed weight as text
 */
public record Ga4Mapping(
    List<String> customerFields, String variantSeparator, Map<String, String> events)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The customer columns GA4 has. */
  public static final List<String> CUSTOMER_COLUMNS = List.of("user_id", "user_pseudo_id");

  /** The logged-in id when there is one, else the browser's. */
  public static final String DEFAULT_CUSTOMER = "user_id,user_pseudo_id";

  /**
   * GA4's recommended e-commerce events that say most about taste. {@code select_item}, {@code
   * view_item_list}, {@code add_to_wishlist}, {@code begin_checkout} and the rest are skipped by
   * default: a list view or a checkout step mostly repeats a view or cart already counted.
   */
  public static final String DEFAULT_EVENTS = "view_item=browse,add_to_cart=cart,purchase=purchase";

  /** Defaults: {@link #DEFAULT_CUSTOMER}, no variant, {@link #DEFAULT_EVENTS}. */
  public static final Ga4Mapping DEFAULT = of(DEFAULT_CUSTOMER, null, DEFAULT_EVENTS);

  /**
   * @throws IllegalArgumentException naming the bad value
   */
  public Ga4Mapping {
    customerFields = List.copyOf(customerFields);
    if (customerFields.isEmpty()) {
      throw new IllegalArgumentException("no GA4 customer column given; use " + CUSTOMER_COLUMNS);
    }
    for (String f : customerFields) {
      if (!CUSTOMER_COLUMNS.contains(f)) {
        throw new IllegalArgumentException(
            "unknown GA4 customer column \"" + f + "\"; use " + CUSTOMER_COLUMNS);
      }
    }
    if (variantSeparator != null && variantSeparator.isEmpty()) {
      variantSeparator = null;
    }
    events = Map.copyOf(events);
    for (Map.Entry<String, String> e : events.entrySet()) {
      target(e.getKey(), e.getValue());
    }
  }

  /**
   * Reads the three settings as the CLI gives them.
   *
   * @param customer e.g. {@code user_id,user_pseudo_id} or {@code user_pseudo_id}
   * @param variantSeparator e.g. {@code -}; null or empty: variants are not appended
   * @param events e.g. {@code view_item=browse,add_to_cart=cart,purchase=purchase,
   *     add_to_wishlist=1}; a name not listed is skipped
   * @throws IllegalArgumentException naming the bad part
   */
  public static Ga4Mapping of(String customer, String variantSeparator, String events) {
    List<String> fields = new ArrayList<>();
    for (String f : customer.split(",")) {
      if (!f.isBlank()) {
        fields.add(f.trim().toLowerCase(Locale.ROOT));
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (String part : events.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "bad GA4 event mapping \"" + part.trim() + "\": expected name=browse|cart|purchase|N");
      }
      names.put(
          part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
    }
    return new Ga4Mapping(fields, variantSeparator, names);
  }

  /** What an event of this name counts as, or null when it is skipped. */
  Target target(String eventName) {
    String to = events.get(eventName.toLowerCase(Locale.ROOT));
    return to == null ? null : target(eventName, to);
  }

  /** {@code events} as {@link #of} reads it back, names sorted. */
  public String eventsSpec() {
    StringBuilder b = new StringBuilder();
    events.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                b.append(b.length() > 0 ? "," : "")
                    .append(e.getKey())
                    .append('=')
                    .append(e.getValue()));
    return b.toString();
  }

  /** An event type, or a fixed weight when {@code type} is null. */
  record Target(EventType type, double weight) {}

  private static Target target(String name, String to) {
    EventType type = EventType.parse(to);
    if (type != null) {
      return new Target(type, 0);
    }
    double w;
    try {
      w = Double.parseDouble(to);
    } catch (NumberFormatException e) {
      w = Double.NaN;
    }
    if (!(w > 0) || Double.isInfinite(w)) {
      throw new IllegalArgumentException(
          "GA4 event \""
              + name
              + "\" maps to \""
              + to
              + "\": expected browse, cart, purchase or a weight > 0");
    }
    return new Target(null, w);
  }
}
