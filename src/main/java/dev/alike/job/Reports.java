package dev.alike.job;

import com.google.cloud.storage.Storage;
import dev.alike.gcs.Locations;
import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Writes the build report beside the model and, when configured, to an extra location. */
final class Reports {
  private Reports() {}

  static void write(
      BuildReport report,
      ModelStore store,
      String extra,
      Supplier<Storage> storage,
      Consumer<String> log) {
    String json = report.toJson();
    try {
      if (store instanceof LocalModelStore local) {
        String beside =
            local
                .directory()
                .resolve("reports")
                .resolve(report.count("model_version") + ".json")
                .toString();
        Locations.write(beside, json, storage);
        log.accept("report: " + beside);
      }
      if (extra != null) {
        Locations.write(extra, json, storage);
        log.accept("report: " + extra);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write build report: " + e.getMessage(), e);
    }
  }
}
