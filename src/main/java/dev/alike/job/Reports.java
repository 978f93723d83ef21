package dev.alike.job;

import com.google.cloud.storage.Storage;
import dev.alike.gcs.Locations;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** Writes the build report beside the model and, when configured, to an extra location. */
final class Reports {
  private Reports() {}

  /**
   * @param extra a file or gs:// object, or a folder / prefix ending in {@code /} (the report is
   *     then named {@code <version>.json} inside it); null for none
   */
  static void write(BuildReport report, ModelStore store, String extra, Supplier<Storage> storage) {
    String json = report.toJson();
    String version = String.valueOf(report.count("model_version"));
    try {
      store.writeReport(version, json).ifPresent(where -> BuildRunner.log("report: " + where));
      if (extra != null) {
        String target = extra.endsWith("/") ? extra + version + ".json" : extra;
        Locations.write(target, json, storage);
        BuildRunner.log("report: " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write build report: " + e.getMessage(), e);
    }
  }
}
