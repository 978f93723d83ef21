package dev.alike.cli;

import dev.alike.events.IdShape;
import dev.alike.events.SyntheticEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alike generate}: synthetic shop events plus a catalog, for demos and benchmarks. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write realistic synthetic events (JSON Lines) and a catalog.")
final class GenerateCommand implements Callable<Integer> {
  @Option(
      names = "--customers",
      defaultValue = "10000",
      description = "Customers (default ${DEFAULT-VALUE}).")
  int customers;

  @Option(names = "--skus", defaultValue = "2000", description = "SKUs (default ${DEFAULT-VALUE}).")
  int skus;

  @Option(
      names = "--categories",
      defaultValue = "50",
      description = "Categories (default ${DEFAULT-VALUE}).")
  int categories;

  @Option(
      names = "--events-per-customer",
      defaultValue = "10",
      description = "Mean events per customer (default ${DEFAULT-VALUE}).")
  double eventsPerCustomer;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--ids",
      defaultValue = "short",
      description =
          "Id shape: short (c42), digits8 (10000042), codes (C-10000042, SKU-100042-BLK), uuid,"
              + " hash40 (SHA-1 hex) or unicode (kunde-ü/42) (default ${DEFAULT-VALUE}).")
  String ids;

  @Option(names = "--out", required = true, description = "Events file to write (.jsonl).")
  Path out;

  @Option(
      names = "--catalog",
      description = "Catalog file to write (default: <out without .jsonl>.catalog.jsonl).")
  Path catalog;

  @Override
  public Integer call() throws Exception {
    SyntheticEvents generator =
        new SyntheticEvents(
            customers, skus, categories, eventsPerCustomer, seed, IdShape.parse(ids));
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    long start = System.nanoTime();
    long events = generator.writeEvents(out);
    Path catalogPath = catalog != null ? catalog : defaultCatalog(out);
    generator.writeCatalog(catalogPath);
    System.getLogger(GenerateCommand.class.getName())
        .log(
            System.Logger.Level.INFO,
            String.format(
                "generated %,d events for %,d customers and %,d SKUs in %,d ms: %s (%,d bytes),"
                    + " catalog %s",
                events,
                customers,
                skus,
                (System.nanoTime() - start) / 1_000_000,
                out,
                Files.size(out),
                catalogPath));
    return 0;
  }

  static Path defaultCatalog(Path events) {
    String name = events.getFileName().toString();
    String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
    return events.resolveSibling(base + ".catalog.jsonl");
  }
}
