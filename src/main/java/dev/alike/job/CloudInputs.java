package dev.alike.job;

import dev.alike.events.EventInput;
import dev.alike.gcs.CloudStorage;
import dev.alike.gcs.GcsInputs;
import java.util.List;

/** Event inputs under a gs://bucket/prefix. */
final class CloudInputs {
  private CloudInputs() {}

  static List<EventInput> resolve(String location) {
    return GcsInputs.resolve(CloudStorage.client(), location);
  }
}
