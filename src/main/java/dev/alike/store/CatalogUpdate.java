package dev.alike.store;

import java.time.Instant;
import java.util.Map;

/**
 * Records one catalog update (a file given to {@code alike catalog-update}, or the body of {@code
 * POST /catalog}) in a store, whole or not at all: an input with any bad line records nothing, so
 * an operator never wonders which half landed. Each recorded update is logged with its counts.
 */
public final class CatalogUpdate {
  private static final System.Logger LOG = System.getLogger(CatalogUpdate.class.getName());

  private CatalogUpdate() {}

  /**
   * What an update changed.
   *
   * @param skus SKUs changed
   * @param unavailable of them, made unavailable
   * @param available made available again
   * @param prices given a new price
   */
  public record Summary(int skus, long unavailable, long available, long prices) {
    static Summary of(Map<String, Catalog.Change> changes) {
      long off = 0;
      long on = 0;
      long prices = 0;
      for (Catalog.Change c : changes.values()) {
        off += c.hides() ? 1 : 0;
        on += Boolean.TRUE.equals(c.available()) ? 1 : 0;
        prices += c.price() != null ? 1 : 0;
      }
      return new Summary(changes.size(), off, on, prices);
    }
  }

  /** The input had bad lines or no change: nothing was recorded. */
  public static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * Records {@code read} (from {@link CatalogReader#readChanges}) made at {@code at}.
   *
   * @param source the input's name for the log
   * @throws Refused naming the count of bad lines and the first bad one (with its value), or saying
   *     the input changes nothing
   * @throws StoreException when the store fails
   */
  public static Summary record(
      ModelStore store, CatalogReader.Changes read, String source, Instant at) {
    if (read.badLines() > 0) {
      throw new Refused(
          String.format(
              "%,d of %,d lines of %s are bad, nothing was recorded; first: %s",
              read.badLines(), read.lines(), source, read.examples().get(0)));
    }
    if (read.changes().isEmpty()) {
      throw new Refused(source + " holds no change (" + read.lines() + " lines)");
    }
    store.updateCatalog(read.changes(), at);
    Summary s = Summary.of(read.changes());
    LOG.log(
        System.Logger.Level.INFO,
        String.format(
            "catalog update from %s recorded: %,d SKUs (%,d made unavailable, %,d available, %,d"
                + " prices); serving shows it within its check interval",
            source, s.skus(), s.unavailable(), s.available(), s.prices()));
    return s;
  }
}
