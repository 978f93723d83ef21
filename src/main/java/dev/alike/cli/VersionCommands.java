package dev.alike.cli;

import dev.alike.store.ModelInfo;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code alike versions} and {@code alike activate}: list model versions, roll back. */
final class VersionCommands {
  private VersionCommands() {}

  @Command(
      name = "versions",
      mixinStandardHelpOptions = true,
      description = "List finished model versions, oldest first; * marks the current one.")
  static final class ListVersions implements Callable<Integer> {
    @Mixin StoreOption store;

    @Override
    public Integer call() {
      try (ModelStore opened = Stores.open(store.spec)) {
        Optional<String> current = opened.current().map(ModelInfo::version);
        for (ModelInfo v : opened.versions()) {
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
          "Point serving at a finished version (roll back or forward); keeps all versions.")
  static final class Activate implements Callable<Integer> {
    @Mixin StoreOption store;

    @Parameters(index = "0", description = "The version, as listed by `versions`.")
    String version;

    @Override
    public Integer call() {
      try (ModelStore opened = Stores.open(store.spec)) {
        int all = Math.max(1, opened.versions().size());
        opened.activate(version, all);
        System.getLogger(Activate.class.getName())
            .log(System.Logger.Level.INFO, "current version: " + version);
      }
      return 0;
    }
  }
}
