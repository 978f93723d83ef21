package dev.alike.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import dev.alike.events.EventInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Locale;

/**
 * One Cloud Storage object as an {@link EventInput}. Bytes are returned as stored (no decompressive
 * transcoding), so a gzipped object reads as gzip whether it is named {@code .gz} or only carries
 * {@code Content-Encoding: gzip}; {@link #gzipped()} tells which. Uncompressed objects are {@link
 * #splittable()} through ranged reads.
 */
public final class GcsEventInput implements EventInput {
  private final Storage storage;
  private final BlobId id;
  private final long size;
  private final boolean gzipped;

  /** An input for {@code blob} read through {@code storage}. */
  public GcsEventInput(Storage storage, Blob blob) {
    this(
        storage,
        BlobId.of(blob.getBucket(), blob.getName()),
        blob.getSize() == null ? -1 : blob.getSize(),
        "gzip".equalsIgnoreCase(blob.getContentEncoding())
            || blob.getName().toLowerCase(Locale.ROOT).endsWith(".gz"));
  }

  GcsEventInput(Storage storage, BlobId id, long size, boolean gzipped) {
    this.storage = storage;
    this.id = id;
    this.size = size;
    this.gzipped = gzipped;
  }

  @Override
  public String name() {
    return "gs://" + id.getBucket() + "/" + id.getName();
  }

  @Override
  public long size() {
    return size;
  }

  /** Whether the stored bytes are gzip (by name or Content-Encoding). */
  public boolean gzipped() {
    return gzipped;
  }

  @Override
  public InputStream open() throws IOException {
    return Channels.newInputStream(reader());
  }

  @Override
  public boolean splittable() {
    return !gzipped && size >= 0;
  }

  @Override
  public InputStream openRange(long start, long end) throws IOException {
    if (!splittable()) {
      throw new UnsupportedOperationException(name() + " cannot be read by range");
    }
    if (start < 0 || end < start || end > size) {
      throw new IllegalArgumentException(
          "range [" + start + ", " + end + ") outside " + name() + " of " + size + " bytes");
    }
    ReadChannel channel = reader();
    channel.seek(start);
    channel.limit(end);
    return Channels.newInputStream(channel);
  }

  private ReadChannel reader() {
    return storage.reader(id, Storage.BlobSourceOption.shouldReturnRawInputStream(true));
  }
}
