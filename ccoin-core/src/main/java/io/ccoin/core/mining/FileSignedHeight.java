package io.ccoin.core.mining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A {@link SignedHeight} in a small text file holding the decimal number, replaced atomically and
 * synced to disk before {@link #record} returns, so a crash can never let the miner sign the same
 * height twice. A file that exists but does not hold a number is an error, never read as "none".
 */
public final class FileSignedHeight implements SignedHeight {
  private final Path file;
  private long highest;

  /**
   * Opens (or starts) the record in {@code file}.
   *
   * @throws IllegalArgumentException if the file exists and is not a valid record
   */
  public FileSignedHeight(Path file) {
    this.file = file;
    this.highest = read(file);
  }

  private static long read(Path file) {
    if (!Files.exists(file)) {
      return -1;
    }
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      long n = Long.parseLong(text);
      if (n < -1) {
        throw new NumberFormatException("negative");
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the signed-height file " + file, e);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the signed-height file " + file + " is damaged (not a block number); "
          + "restore it or set it to the highest block this miner signed", e);
    }
  }

  @Override
  public synchronized long highest() {
    return highest;
  }

  @Override
  public synchronized void record(long number) {
    if (number <= highest) {
      throw new IllegalStateException("refusing to sign block #" + number + ": already signed up to #" + highest);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap((number + "\n").getBytes(StandardCharsets.US_ASCII)));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record signed height in " + file, e);
    }
    highest = number;
  }
}
