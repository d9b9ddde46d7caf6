package io.ccoin.store.mapdb.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The redo journal of a {@link JournaledVolume}: one record that lists every byte range a commit
 * writes into the store file, and the file's new length. It is written and forced to disk before
 * the store file is touched, so that a commit interrupted while it writes in place is finished from
 * the journal at the next open, and one interrupted before the journal was complete never happened.
 *
 * <p>Layout (big-endian): {@code magic:8 version:4 length:8 count:4 payloadBytes:8}, then
 * {@code count} times {@code offset:8 size:4 bytes:size}, then {@code crc32c:4} over everything
 * before it and {@code endMagic:8}. A record is valid only when the magics, the sizes and the
 * CRC-32C all agree; anything else (a torn write, an invalidated or empty file) reads as no record.
 * Not thread-safe: the volume serialises access.
 */
final class Journal implements Closeable {
  static final long MAGIC = 0x43434a4e4c5f3031L; // "CCJNL_01"
  static final long END_MAGIC = 0x454e444f464a4e4cL; // "ENDOFJNL"
  static final int VERSION = 1;
  private static final int HEADER = 8 + 4 + 8 + 4 + 8;
  private static final int EXTENT_HEADER = 8 + 4;
  private static final int TRAILER = 4 + 8;

  /** One byte range to write at {@code offset} of the store file. */
  record Extent(long offset, byte[] data, int from, int size) {}

  /** A valid journal record: the store file's length and the ranges to write. */
  record Contents(long length, List<Extent> extents, long bytes) {}

  private final Path path;
  private final FileChannel channel;
  private ByteBuffer buffer = ByteBuffer.allocate(0);

  Journal(Path path) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  Path path() {
    return path;
  }

  /**
   * Writes one record at the start of the file; {@code force} then makes it durable. {@code extents}
   * must be in file order without overlaps; those that continue each other (one starts where the
   * one before ends) become one range of the record, so a caller may pass its dirty pages one by
   * one without copying them together first.
   *
   * @return the record's ranges, as views of this journal's buffer: valid until the next write
   */
  List<Extent> write(long length, List<Extent> extents) throws IOException {
    long payload = 0;
    int runs = 0;
    long end = -1;
    for (Extent e : extents) {
      if (e.offset() != end) {
        runs++;
        payload += EXTENT_HEADER;
      }
      payload += e.size();
      end = e.offset() + e.size();
    }
    long total = HEADER + payload + TRAILER;
    if (total > Integer.MAX_VALUE - 16) {
      throw new IOException("a commit of " + total + " bytes is too large for the journal " + path);
    }
    if (buffer.capacity() < total) {
      buffer = ByteBuffer.allocate((int) Math.max(total, buffer.capacity() * 3L / 2));
    }
    ByteBuffer b = buffer;
    b.clear();
    b.putLong(MAGIC).putInt(VERSION).putLong(length).putInt(runs).putLong(payload);
    List<Extent> written = new ArrayList<>(runs);
    int i = 0;
    while (i < extents.size()) {
      long offset = extents.get(i).offset();
      int sizeAt = b.position() + 8;
      b.putLong(offset).putInt(0);
      int from = b.position();
      long next = offset;
      while (i < extents.size() && extents.get(i).offset() == next) {
        Extent e = extents.get(i++);
        b.put(e.data(), e.from(), e.size());
        next += e.size();
      }
      int size = b.position() - from;
      b.putInt(sizeAt, size);
      written.add(new Extent(offset, b.array(), from, size));
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue()).putLong(END_MAGIC);
    b.flip();
    long pos = 0;
    while (b.hasRemaining()) {
      pos += channel.write(b, pos);
    }
    return written;
  }

  void force() throws IOException {
    channel.force(false);
  }

  /**
   * Marks the record as applied by zeroing its magic. Not forced: replaying an applied record again
   * is harmless, because no later change reaches the store file before a newer record is forced.
   */
  void invalidate(boolean force) throws IOException {
    if (channel.size() >= 8) {
      ByteBuffer zero = ByteBuffer.allocate(8);
      while (zero.hasRemaining()) {
        channel.write(zero, zero.position());
      }
      if (force) {
        channel.force(false);
      }
    }
  }

  /** The record in the file if it is complete and intact; empty otherwise. */
  Optional<Contents> read() throws IOException {
    long size = channel.size();
    if (size < HEADER + TRAILER) {
      return Optional.empty();
    }
    ByteBuffer head = readAt(0, HEADER);
    if (head.getLong() != MAGIC || head.getInt() != VERSION) {
      return Optional.empty();
    }
    long length = head.getLong();
    int count = head.getInt();
    long payload = head.getLong();
    if (length < 0 || count < 0 || payload < 0 || payload > size - HEADER - TRAILER
        || (long) count * EXTENT_HEADER > payload) {
      return Optional.empty();
    }
    ByteBuffer all = readAt(0, (int) (HEADER + payload + TRAILER));
    CRC32C crc = new CRC32C();
    crc.update(all.array(), 0, (int) (HEADER + payload));
    all.position((int) (HEADER + payload));
    if (all.getInt() != (int) crc.getValue() || all.getLong() != END_MAGIC) {
      return Optional.empty();
    }
    all.position(HEADER);
    List<Extent> extents = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long offset = all.getLong();
      int n = all.getInt();
      if (offset < 0 || n < 0 || n > all.remaining() - TRAILER) {
        return Optional.empty();
      }
      extents.add(new Extent(offset, all.array(), all.position(), n));
      all.position(all.position() + n);
    }
    return Optional.of(new Contents(length, extents, HEADER + payload + TRAILER));
  }

  private ByteBuffer readAt(long pos, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (channel.read(b, pos + b.position()) < 0) {
        throw new IOException("unexpected end of " + path);
      }
    }
    b.flip();
    return b;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
