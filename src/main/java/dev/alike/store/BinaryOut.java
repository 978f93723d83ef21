package dev.alike.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Writes a little-endian binary file to a {@code .tmp} sibling of its target and moves it into
 * place on {@link #commit}, appending a CRC32 of everything written. Arrays go through a 1 MiB
 * buffer in bulk copies (no per-value stream calls, no synchronized {@code write}), so writing is
 * bounded by memory bandwidth, not by the number of values.
 */
final class BinaryOut implements AutoCloseable {
  /** 1 MiB: large enough that one write syscall moves ~250k ints, small enough to stay in L2/L3. */
  private static final int BUFFER = 1 << 20;

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32 crc = new CRC32();
  private boolean committed;

  BinaryOut(Path target) throws IOException {
    this.target = target;
    this.temp = target.resolveSibling(target.getFileName() + ".tmp");
    this.channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
  }

  void putInt(int v) throws IOException {
    room(Integer.BYTES);
    buf.putInt(v);
  }

  void putLong(long v) throws IOException {
    room(Long.BYTES);
    buf.putLong(v);
  }

  void putInts(int[] values, int from, int to) throws IOException {
    for (int at = from; at < to; ) {
      room(Integer.BYTES);
      int n = Math.min(to - at, buf.remaining() / Integer.BYTES);
      buf.asIntBuffer().put(values, at, n);
      buf.position(buf.position() + n * Integer.BYTES);
      at += n;
    }
  }

  void putLongs(long[] values, int from, int to) throws IOException {
    for (int at = from; at < to; ) {
      room(Long.BYTES);
      int n = Math.min(to - at, buf.remaining() / Long.BYTES);
      buf.asLongBuffer().put(values, at, n);
      buf.position(buf.position() + n * Long.BYTES);
      at += n;
    }
  }

  void putFloats(float[] values, int from, int to) throws IOException {
    for (int at = from; at < to; ) {
      room(Float.BYTES);
      int n = Math.min(to - at, buf.remaining() / Float.BYTES);
      buf.asFloatBuffer().put(values, at, n);
      buf.position(buf.position() + n * Float.BYTES);
      at += n;
    }
  }

  void putDoubles(double[] values, int from, int to) throws IOException {
    for (int at = from; at < to; ) {
      room(Double.BYTES);
      int n = Math.min(to - at, buf.remaining() / Double.BYTES);
      buf.asDoubleBuffer().put(values, at, n);
      buf.position(buf.position() + n * Double.BYTES);
      at += n;
    }
  }

  void putBytes(byte[] values, int from, int to) throws IOException {
    for (int at = from; at < to; ) {
      room(1);
      int n = Math.min(to - at, buf.remaining());
      buf.put(values, at, n);
      at += n;
    }
  }

  private void room(int bytes) throws IOException {
    if (buf.remaining() < bytes) {
      drain();
    }
  }

  private void drain() throws IOException {
    buf.flip();
    crc.update(buf.array(), 0, buf.limit());
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    buf.clear();
  }

  /** Appends the CRC32, closes the file and atomically replaces the target with it. */
  void commit() throws IOException {
    drain();
    buf.putInt((int) crc.getValue()).flip();
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.close();
    JsonFiles.moveAtomically(temp, target);
    committed = true;
  }

  /** Without a commit: closes and deletes the temp file. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      channel.close();
      Files.deleteIfExists(temp);
    }
  }
}
