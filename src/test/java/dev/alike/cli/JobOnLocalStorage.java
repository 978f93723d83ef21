package dev.alike.cli;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The job's entry point over an in-memory Cloud Storage instead of Google's: puts the events file
 * named by the system property {@code alike.test.events} under the job's {@code ALIKE_EVENTS}
 * location (the answers file {@code alike.test.answers}, when given, under {@code ALIKE_ANSWERS},
 * and the placements file {@code alike.test.placements} at {@code ALIKE_PLACEMENTS} when both are
 * set), then runs {@link BuildJob#run(java.util.Map, java.util.function.Supplier)} with this
 * process's environment unchanged, prints the objects written under {@code ALIKE_EXPERIMENT_REPORT}
 * and exits with its code. Started by TerraformEnvironmentIT with exactly the environment Terraform
 * gives the Cloud Run job.
 */
public final class JobOnLocalStorage {
  private JobOnLocalStorage() {}

  public static void main(String[] args) throws Exception {
    Storage storage = LocalStorageHelper.getOptions().getService();
    URI events = URI.create(System.getenv("ALIKE_EVENTS"));
    Path file = Path.of(System.getProperty("alike.test.events"));
    String object = events.getPath().substring(1) + file.getFileName();
    storage.create(
        BlobInfo.newBuilder(BlobId.of(events.getHost(), object)).build(), Files.readAllBytes(file));
    put(storage, System.getenv("ALIKE_PLACEMENTS"), System.getProperty("alike.test.placements"));
    String answers = System.getProperty("alike.test.answers");
    if (answers != null) {
      URI at = URI.create(System.getenv("ALIKE_ANSWERS"));
      Path records = Path.of(answers);
      storage.create(
          BlobInfo.newBuilder(at.getHost(), at.getPath().substring(1) + records.getFileName())
              .build(),
          Files.readAllBytes(records));
    }
    int code = BuildJob.run(System.getenv(), () -> storage);
    String report = System.getenv("ALIKE_EXPERIMENT_REPORT");
    if (code == 0 && report != null) {
      // The experiment report's objects, for the test to see what the job wrote.
      URI at = URI.create(report);
      storage
          .list(at.getHost(), Storage.BlobListOption.prefix(at.getPath().substring(1)))
          .iterateAll()
          .forEach(b -> System.out.println("written: gs://" + at.getHost() + "/" + b.getName()));
    }
    System.exit(code);
  }

  /** Puts {@code file} at the gs:// object {@code at}; nothing when either is null. */
  private static void put(Storage storage, String at, String file) throws Exception {
    if (at != null && file != null) {
      URI uri = URI.create(at);
      storage.create(
          BlobInfo.newBuilder(uri.getHost(), uri.getPath().substring(1)).build(),
          Files.readAllBytes(Path.of(file)));
    }
  }
}
