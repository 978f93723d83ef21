package dev.alike.job;

import com.google.cloud.storage.Storage;
import dev.alike.gcs.Locations;
import dev.alike.store.Catalog;
import dev.alike.store.CatalogReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** Loads the optional product catalog for a build. */
final class Catalogs {
  private Catalogs() {}

  /**
   * The catalog at {@code location} (local or gs://), or an empty catalog when null. Bad lines are
   * counted and reported, not fatal.
   *
   * @throws UncheckedIOException naming the location when it cannot be read
   */
  static Catalog load(String location, Supplier<Storage> storage) {
    if (location == null) {
      return Catalog.empty();
    }
    try {
      CatalogReader.Result result;
      // The job opens the input (local or gs://, gzip detected); the store only parses it.
      try (InputStream in = Locations.open(location, storage)) {
        result = CatalogReader.read(in, location);
      }
      BuildRunner.log(
          String.format(
              "catalog %s: %,d SKUs from %,d lines, %,d bad lines, %,d duplicates%s",
              location,
              result.catalog().size(),
              result.lines(),
              result.badLines(),
              result.duplicates(),
              result.examples().isEmpty() ? "" : "; first: " + result.examples().get(0)));
      return result.catalog();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalog " + location + ": " + e.getMessage(), e);
    }
  }
}
