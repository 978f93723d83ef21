package dev.alike.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Reads a file written by {@link BinaryOut}: maps it, checks its trailing CRC32 (a truncated or
 * corrupted file fails here), then hands out values and arrays with bounds checks. Every problem is
 * a {@link StoreCodec.Malformed} naming the file, never an index exception.
 */
final class BinaryIn {
  private final Path file;
  private final ByteBuffer buf;

  private BinaryIn(Path file, ByteBuffer buf) {
    this.file = file;
    this.buf = buf;
  }

  /**
   * Maps {@code file} and verifies its checksum.
   *
   * @throws java.nio.file.NoSuchFileException when it does not exist
   * @throws StoreCodec.Malformed when it is too short, too long or fails the CRC
   */
  static BinaryIn open(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < Integer.BYTES || size > Integer.MAX_VALUE) {
        throw new StoreCodec.Malformed(file + " has impossible size " + size);
      }
      ByteBuffer all =
          channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
      int body = (int) size - Integer.BYTES;
      CRC32 crc = new CRC32();
      crc.update(all.duplicate().limit(body));
      if ((int) crc.getValue() != all.getInt(body)) {
        throw new StoreCodec.Malformed(file + " fails its checksum (truncated or corrupt)");
      }
      return new BinaryIn(file, all.limit(body).order(ByteOrder.LITTLE_ENDIAN));
    }
  }

  int getInt() {
    need(Integer.BYTES);
    return buf.getInt();
  }

  long getLong() {
    need(Long.BYTES);
    return buf.getLong();
  }

  /** A count or length: an int in [0, max]. */
  int getCount(String what, int max) {
    int n = getInt();
    if (n < 0 || n > max) {
      throw malformed(what + " is " + n + ", not in [0, " + max + "]");
    }
    return n;
  }

  int[] getInts(int n) {
    need((long) n * Integer.BYTES);
    int[] out = new int[n];
    buf.asIntBuffer().get(out);
    buf.position(buf.position() + n * Integer.BYTES);
    return out;
  }

  long[] getLongs(int n) {
    need((long) n * Long.BYTES);
    long[] out = new long[n];
    buf.asLongBuffer().get(out);
    buf.position(buf.position() + n * Long.BYTES);
    return out;
  }

  float[] getFloats(int n) {
    need((long) n * Float.BYTES);
    float[] out = new float[n];
    buf.asFloatBuffer().get(out);
    buf.position(buf.position() + n * Float.BYTES);
    return out;
  }

  double[] getDoubles(int n) {
    need((long) n * Double.BYTES);
    double[] out = new double[n];
    buf.asDoubleBuffer().get(out);
    buf.position(buf.position() + n * Double.BYTES);
    return out;
  }

  byte[] getBytes(int n) {
    need(n);
    byte[] out = new byte[n];
    buf.get(out);
    return out;
  }

  /** Bytes not yet read (before the checksum). */
  int remaining() {
    return buf.remaining();
  }

  StoreCodec.Malformed malformed(String problem) {
    return new StoreCodec.Malformed(file + ": " + problem);
  }

  private void need(long bytes) {
    if (bytes < 0 || bytes > buf.remaining()) {
      throw malformed(
          "needs " + bytes + " more bytes at offset " + buf.position() + " but has " + remaining());
    }
  }
}
