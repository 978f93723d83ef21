package dev.alike.cli;

import dev.alike.gcs.CloudStorage;
import dev.alike.gcs.Locations;
import dev.alike.store.CatalogReader;
import dev.alike.store.CatalogUpdate;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alike catalog-update}: records changes of availability, price, category, attributes, title
 * or description for the current model without a rebuild (docs/cli.md). The file has the catalog's
 * lines, read as partial changes ({@link CatalogReader#readChanges}); a file with any bad line
 * records nothing and the command exits 1 naming the first.
 */
@Command(
    name = "catalog-update",
    mixinStandardHelpOptions = true,
    description =
        "Change availability, price and attributes of SKUs in the served model, without a"
            + " rebuild; serving shows it within a second.")
final class CatalogUpdateCommand implements Callable<Integer> {
  @Mixin StoreOption store;

  @Option(
      names = "--file",
      required = true,
      description =
          "Changed SKUs in the catalog's JSON Lines (local path or gs://, gzip detected): a field"
              + " present replaces that field, an absent one is unchanged.")
  String file;

  @Override
  public Integer call() {
    CatalogReader.Changes read;
    try (InputStream in = Locations.open(file, CloudStorage::client)) {
      read = CatalogReader.readChanges(in, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try (ModelStore opened = Stores.open(store.spec)) {
      CatalogUpdate.Summary s = CatalogUpdate.record(opened, read, file, Instant.now());
      System.out.printf(
          "%,d SKUs changed (%,d made unavailable, %,d available, %,d prices)%n",
          s.skus(), s.unavailable(), s.available(), s.prices());
    }
    return 0;
  }
}
