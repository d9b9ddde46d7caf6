package io.ccoin.store.mapdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers for the store's tests. */
final class TestFiles {
  private TestFiles() {}

  static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A copy of {@code from} (files only, one level) in a new temporary directory. */
  static Path copy(Path from) throws IOException {
    Path to = Files.createTempDirectory("ccoin-mapdb-copy");
    try (Stream<Path> files = Files.list(from)) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
    return to;
  }

  /**
   * Flips one byte in the middle of the one place {@code file} holds {@code record} (a block
   * record's bytes, say), as a disk that damaged it would.
   *
   * @throws AssertionError unless the bytes occur exactly once
   */
  static void damage(Path file, byte[] record) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int at = -1;
    for (int i = 0; i + record.length <= all.length; i++) {
      if (java.util.Arrays.equals(all, i, i + record.length, record, 0, record.length)) {
        if (at >= 0) {
          throw new AssertionError("the record occurs more than once in " + file);
        }
        at = i;
      }
    }
    if (at < 0) {
      throw new AssertionError("the record is not in " + file);
    }
    int pos = at + record.length / 2;
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (all[pos] ^ 0x5a)}), pos);
    }
  }
}
