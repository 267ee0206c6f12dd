package io.heropixel.connect.databricks.buffering;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable byte array that rows are encoded into before they go to disk. */
final class ByteSink {

  private byte[] bytes;
  private int size;

  ByteSink(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  int size() {
    return size;
  }

  int capacity() {
    return bytes.length;
  }

  void writeByte(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  void writeInt(int v) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (v >>> shift);
    }
  }

  void writeLong(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (v >>> shift);
    }
  }

  /** A zig-zag varint: seven bits a byte, the high bit set on all but the last. */
  void writeVarLong(long v) {
    ensure(10);
    long raw = (v << 1) ^ (v >> 63);
    while ((raw & ~0x7fL) != 0) {
      bytes[size++] = (byte) ((raw & 0x7f) | 0x80);
      raw >>>= 7;
    }
    bytes[size++] = (byte) raw;
  }

  void write(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  void write(ByteBuffer source) {
    int length = source.remaining();
    ensure(length);
    source.get(bytes, size, length);
    size += length;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
    }
  }
}
