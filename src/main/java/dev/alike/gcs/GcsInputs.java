package dev.alike.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Storage;
import dev.alike.events.EventInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Resolves a {@code gs://bucket/prefix} event source into one input per object. */
public final class GcsInputs {
  private GcsInputs() {}

  /**
   * The objects a gs:// location names, sorted by name: the object itself if one is named exactly
   * {@code path}; otherwise every object whose name starts with {@code path} (a plain string
   * prefix, so {@code gs://b/events/} lists a folder and {@code gs://b/events-2024} matches {@code
   * events-2024-01.csv}). Folder placeholders (names ending in {@code /}) are skipped. Empty when
   * nothing matches; the caller decides whether that is an error.
   *
   * @throws com.google.cloud.storage.StorageException if the bucket cannot be listed
   */
  public static List<EventInput> resolve(Storage storage, String location) {
    GcsUri uri = GcsUri.parse(location);
    if (!uri.path().isEmpty() && !uri.path().endsWith("/")) {
      Blob exact = storage.get(uri.bucket(), uri.path());
      if (exact != null) {
        return List.of(new GcsEventInput(storage, exact));
      }
    }
    List<Blob> blobs = new ArrayList<>();
    Page<Blob> page =
        uri.path().isEmpty()
            ? storage.list(uri.bucket())
            : storage.list(uri.bucket(), Storage.BlobListOption.prefix(uri.path()));
    for (Blob blob : page.iterateAll()) {
      if (!blob.getName().endsWith("/")) {
        blobs.add(blob);
      }
    }
    blobs.sort(Comparator.comparing(Blob::getName));
    List<EventInput> inputs = new ArrayList<>(blobs.size());
    for (Blob blob : blobs) {
      inputs.add(new GcsEventInput(storage, blob));
    }
    return inputs;
  }
}
