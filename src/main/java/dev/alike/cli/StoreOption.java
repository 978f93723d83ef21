package dev.alike.cli;

import dev.alike.function.FunctionConfig;
import picocli.CommandLine.Option;

/** The {@code --store} option of every command that reads or writes a model ({@code @Mixin}). */
final class StoreOption {
  @Option(
      names = "--store",
      defaultValue = FunctionConfig.DEFAULT_STORE,
      description = "local:<dir>, firestore or firestore:<database> (default ${DEFAULT-VALUE}).")
  String spec;
}
