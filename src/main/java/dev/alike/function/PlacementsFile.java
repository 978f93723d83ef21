package dev.alike.function;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import dev.alike.serving.Placements;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The placements file the function serves with ({@value FunctionConfig#PLACEMENTS}: a local path or
 * a gs:// object). Its stamp (modification time and size, or the object's generation) is checked at
 * most once per interval, the model's check interval, by one request while the others use what is
 * loaded; a changed file is read and parsed whole. A file that fails to read or parse is logged
 * with its error and the last good placements stay in use, so an edit reaches serving within the
 * interval without a rebuild or a redeploy, and a broken edit changes nothing.
 */
final class PlacementsFile {
  /**
   * The demo storefront's placements, in the jar: used when the demo is on and no file is given, so
   * the demo's rows ask for placements as a shop's would.
   */
  static final String DEMO = "classpath:/demo/placements.json";

  private static final String CLASSPATH = "classpath:";
  private static final String GS = "gs://";

  private final String location;
  private final Supplier<Storage> storage;
  private final Supplier<? extends Collection<String>> listTypes;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final RequestLog log;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile Placements current = Placements.NONE;
  private volatile String error;
  private volatile Object stamp;
  private volatile long checkedAt;
  private volatile boolean checked;

  /**
   * @param location null: no placements (every request names none)
   * @param listTypes the list types placements may name (asked at each load)
   */
  PlacementsFile(
      String location,
      Supplier<Storage> storage,
      Supplier<? extends Collection<String>> listTypes,
      long intervalNanos,
      LongSupplier clock,
      RequestLog log) {
    this.location = location;
    this.storage = storage;
    this.listTypes = listTypes;
    this.intervalNanos = intervalNanos;
    this.clock = clock;
    this.log = log;
  }

  /** The placements last loaded without error (none before the first good load). */
  Placements get() {
    if (location == null) {
      return Placements.NONE;
    }
    long now = clock.getAsLong();
    boolean due = !checked || now - checkedAt >= intervalNanos;
    // the first load waits; later checks are made by one request while the others go on
    if (due && (checked ? checking.tryLock() : lock())) {
      try {
        if (!checked || now - checkedAt >= intervalNanos) {
          check();
          checkedAt = now;
          checked = true;
        }
      } finally {
        checking.unlock();
      }
    }
    return current;
  }

  /** Why the file last failed to load, or null when the last load succeeded. */
  String error() {
    return error;
  }

  private boolean lock() {
    checking.lock();
    return true;
  }

  private void check() {
    Object now = null;
    try {
      now = stamp();
      if (now.equals(stamp)) {
        return;
      }
      String text;
      try (InputStream in = open()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Placements loaded = Placements.parse(text, location, listTypes.get());
      current = loaded;
      stamp = now;
      error = null;
      log.info("placements " + location + ": " + loaded.names().size() + " loaded");
    } catch (Placements.Invalid e) {
      // the file itself is wrong: parsed again only when it changes, reported once
      stamp = now;
      failed(e.getMessage());
    } catch (IOException | RuntimeException e) {
      // unreadable now (or the store behind the list types failed): tried again next interval
      stamp = null;
      failed(
          e instanceof java.nio.file.NoSuchFileException
              ? "no such file: " + location
              : String.valueOf(e.getMessage()));
    }
  }

  private void failed(String why) {
    if (!why.equals(error)) {
      log.warning("placements " + location + " not loaded, serving the last good ones: " + why);
    }
    error = why;
  }

  private InputStream open() throws IOException {
    if (location.startsWith(GS)) {
      try {
        return new ByteArrayInputStream(storage.get().readAllBytes(blob()));
      } catch (RuntimeException e) {
        throw new IOException("cannot read " + location + ": " + e.getMessage(), e);
      }
    }
    if (!location.startsWith(CLASSPATH)) {
      return Files.newInputStream(Path.of(location));
    }
    InputStream in =
        PlacementsFile.class.getResourceAsStream(location.substring(CLASSPATH.length()));
    if (in == null) {
      throw new IOException("no such resource: " + location);
    }
    return in;
  }

  /**
   * What changes when the file does: local modification time and size, or gs:// generation (a
   * resource in the jar never changes).
   */
  private Object stamp() throws IOException {
    if (location.startsWith(CLASSPATH)) {
      return location;
    }
    if (location.startsWith(GS)) {
      Blob blob = storage.get().get(blob());
      if (blob == null) {
        throw new IOException("no such object: " + location);
      }
      return blob.getGeneration();
    }
    Path path = Path.of(location);
    return Files.getLastModifiedTime(path).toMillis() + ":" + Files.size(path);
  }

  /** The object of a {@code gs://bucket/object} location. */
  private BlobId blob() throws IOException {
    int slash = location.indexOf('/', GS.length());
    if (slash <= GS.length() || slash == location.length() - 1) {
      throw new IOException("not a gs://bucket/object location: " + location);
    }
    return BlobId.of(location.substring(GS.length(), slash), location.substring(slash + 1));
  }
}
