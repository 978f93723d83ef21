package dev.alike.store;

import java.util.Locale;

/**
 * Firestore list prices per 100,000 operations, and the estimated cost of a run's {@link
 * ModelStore.StoreStats}.
 *
 * <p>{@link #STANDARD} is the Standard edition price in us-central1 as published on
 * https://firebase.google.com/docs/firestore/standard-edition ("Billing and limits", checked 2025):
 * reads $0.03, writes $0.09, deletes $0.01 per 100,000 documents. Other regions and multi-region
 * locations cost more (up to about 2x): pass their prices instead. The estimate ignores the daily
 * free tier (50k reads, 20k writes, 20k deletes), storage and network.
 */
public record FirestoreCost(
    String prices, double readsPer100k, double writesPer100k, double deletesPer100k) {
  /** Standard edition, us-central1 (see the class comment for the source). */
  public static final FirestoreCost STANDARD =
      new FirestoreCost("Standard edition, us-central1", 0.03, 0.09, 0.01);

  /** Estimated US dollars for the operations counted in {@code stats}. */
  public double estimateUsd(ModelStore.StoreStats stats) {
    return (stats.reads() * readsPer100k
            + stats.writes() * writesPer100k
            + stats.deletes() * deletesPer100k)
        / 100_000.0;
  }

  /** One report line: the counts and the estimated cost. */
  public String describe(ModelStore.StoreStats stats) {
    return String.format(
        Locale.ROOT,
        "Firestore: %,d reads, %,d writes, %,d deletes; estimated cost $%.4f"
            + " (%s list prices $%.2f/$%.2f/$%.2f per 100k, free tier not deducted)",
        stats.reads(),
        stats.writes(),
        stats.deletes(),
        estimateUsd(stats),
        prices,
        readsPer100k,
        writesPer100k,
        deletesPer100k);
  }
}
