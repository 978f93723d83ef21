package dev.alike.gcs;

/**
 * A parsed {@code gs://bucket/path} location.
 *
 * @param path the object name or prefix; empty for the whole bucket
 */
public record GcsUri(String bucket, String path) {
  private static final String SCHEME = "gs://";

  /** Whether {@code location} is a gs:// URI (anything else is a local path). */
  public static boolean isGcs(String location) {
    return location.startsWith(SCHEME);
  }

  /**
   * Parses {@code gs://bucket[/path]}.
   *
   * @throws IllegalArgumentException naming the location if it is not gs:// or has no bucket
   */
  public static GcsUri parse(String location) {
    if (!isGcs(location)) {
      throw new IllegalArgumentException("not a gs:// URI: \"" + location + "\"");
    }
    String rest = location.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("no bucket in \"" + location + "\"");
    }
    return new GcsUri(bucket, slash < 0 ? "" : rest.substring(slash + 1));
  }

  @Override
  public String toString() {
    return SCHEME + bucket + "/" + path;
  }
}
