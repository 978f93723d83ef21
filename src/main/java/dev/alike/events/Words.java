package dev.alike.events;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Bytes read eight at a time as little-endian longs, for the parser's hot paths. */
final class Words {
  /** {@code long} views of byte arrays at any offset (unaligned reads). */
  static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Words() {}

  /**
   * The {@code n <= 8} bytes at {@code off} as a little-endian long, zero above them: one read when
   * eight bytes are there to read, else byte by byte (near the end of the array).
   */
  static long of(byte[] b, int off, int n) {
    if (n == 0) {
      return 0;
    }
    if (off + 8 <= b.length) {
      return (long) LONGS.get(b, off) & (-1L >>> (64 - 8 * n));
    }
    long w = 0;
    for (int i = 0; i < n; i++) {
      w |= (b[off + i] & 0xffL) << (8 * i);
    }
    return w;
  }
}
