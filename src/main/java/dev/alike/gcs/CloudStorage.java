package dev.alike.gcs;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;

/**
 * The process-wide Cloud Storage client, created on first use (never for local-only builds), with
 * credentials and project from the environment.
 */
public final class CloudStorage {
  private CloudStorage() {}

  private static final class Holder {
    static final Storage CLIENT = StorageOptions.getDefaultInstance().getService();
  }

  /** The shared client; thread-safe, created lazily by the holder idiom. */
  public static Storage client() {
    return Holder.CLIENT;
  }
}
