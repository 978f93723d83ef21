package dev.alike.gcs;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Reads and writes whole files at a location that is either a local path or a gs:// URI: the
 * catalog, the build report. The Storage client is asked for only when a gs:// location is used.
 */
public final class Locations {
  private Locations() {}

  /**
   * The content of {@code location}, decompressed when it starts with the gzip magic bytes
   * (whatever its name). The caller closes the stream.
   *
   * @throws IOException naming the location when it cannot be read
   */
  public static InputStream open(String location, Supplier<Storage> storage) throws IOException {
    InputStream raw;
    if (GcsUri.isGcs(location)) {
      GcsUri uri = GcsUri.parse(location);
      BlobId id = BlobId.of(uri.bucket(), uri.path());
      if (storage.get().get(id) == null) {
        throw new IOException("no such object: " + location);
      }
      raw =
          Channels.newInputStream(
              storage.get().reader(id, Storage.BlobSourceOption.shouldReturnRawInputStream(true)));
    } else {
      raw = Files.newInputStream(Path.of(location));
    }
    return maybeGunzip(new BufferedInputStream(raw, 1 << 16));
  }

  /** {@code in}, decompressed if it starts with the gzip magic bytes 1f 8b. */
  public static InputStream maybeGunzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /**
   * Writes {@code text} (UTF-8) to {@code location}, replacing it; local parent directories are
   * created. A gs:// object gets content type {@code application/json}, {@code text/html} or {@code
   * text/plain} by extension.
   *
   * @throws IOException naming the location when it cannot be written
   */
  public static void write(String location, String text, Supplier<Storage> storage)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (GcsUri.isGcs(location)) {
      GcsUri uri = GcsUri.parse(location);
      if (uri.path().isEmpty() || uri.path().endsWith("/")) {
        throw new IOException("not an object name: " + location);
      }
      // text/html: an authenticated browser URL shows the dashboard as a page, not its source.
      String type =
          uri.path().endsWith(".json")
              ? "application/json"
              : uri.path().endsWith(".html")
                  ? "text/html; charset=utf-8"
                  : "text/plain; charset=utf-8";
      try {
        storage
            .get()
            .create(
                BlobInfo.newBuilder(uri.bucket(), uri.path()).setContentType(type).build(), bytes);
      } catch (RuntimeException e) {
        throw new IOException("cannot write " + location + ": " + e.getMessage(), e);
      }
    } else {
      Path path = Path.of(location);
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      Files.write(path, bytes);
    }
  }
}
