package dev.alike.job;

import dev.alike.gcs.CloudStorage;
import dev.alike.gcs.Locations;
import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Writes the build report beside the model and, when configured, to an extra location. */
final class Reports {
  private Reports() {}

  static void write(BuildReport report, ModelStore store, String extra, Consumer<String> log) {
    String json = report.toJson();
    try {
      if (store instanceof LocalModelStore local) {
        String beside =
            local
                .directory()
                .resolve("reports")
                .resolve(report.count("model_version") + ".json")
                .toString();
        Locations.write(beside, json, CloudStorage::client);
        log.accept("report: " + beside);
      }
      if (extra != null) {
        Locations.write(extra, json, CloudStorage::client);
        log.accept("report: " + extra);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write build report: " + e.getMessage(), e);
    }
  }
}
