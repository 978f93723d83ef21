package dev.alike.cli;

import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alike versions} and {@code alike activate}: list a model's versions, roll it back; {@code
 * --model} names the store's model (an experiment variant's), the default model without it.
 */
final class VersionCommands {
  private VersionCommands() {}

  @Command(
      name = "versions",
      mixinStandardHelpOptions = true,
      description = "List a model's finished versions, oldest first; * marks the current one.")
  static final class ListVersions implements Callable<Integer> {
    @Mixin StoreOption store;

    @Option(
        names = "--model",
        defaultValue = ModelStore.DEFAULT_MODEL,
        description = "The store's model (default ${DEFAULT-VALUE}).")
    String model;

    @Override
    public Integer call() {
      try (ModelStore opened = Stores.open(store.spec)) {
        Optional<String> current = opened.current(model).map(ModelInfo::version);
        for (ModelInfo v : opened.versions(model)) {
          System.out.printf(
              "%s %s  created %s  %,d SKUs%n",
              current.filter(v.version()::equals).isPresent() ? "*" : " ",
              v.version(),
              v.createdAt(),
              v.skus());
        }
      }
      return 0;
    }
  }

  @Command(
      name = "activate",
      mixinStandardHelpOptions = true,
      description =
          "Point serving at a finished version of a model (roll back or forward); keeps all"
              + " versions.")
  static final class Activate implements Callable<Integer> {
    @Mixin StoreOption store;

    @Option(
        names = "--model",
        defaultValue = ModelStore.DEFAULT_MODEL,
        description = "The store's model the version belongs to (default ${DEFAULT-VALUE}).")
    String model;

    @Parameters(index = "0", description = "The version, as listed by `versions`.")
    String version;

    @Override
    public Integer call() {
      try (ModelStore opened = Stores.open(store.spec)) {
        List<ModelInfo> versions = opened.versions(model);
        if (versions.stream().noneMatch(v -> v.version().equals(version))) {
          throw new IllegalArgumentException(
              "no finished version "
                  + version
                  + " of model "
                  + model
                  + " (its versions: "
                  + versions.stream().map(ModelInfo::version).toList()
                  + ")");
        }
        opened.activate(version, Math.max(1, versions.size()));
        System.getLogger(Activate.class.getName())
            .log(System.Logger.Level.INFO, "current version of model " + model + ": " + version);
      }
      return 0;
    }
  }
}
