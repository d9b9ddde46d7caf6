package io.ccoin.bench;

import io.ccoin.api.Bytes;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.BadKeyException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The load generator's sender keys, kept between runs so that a run with thousands of senders does
 * not spend minutes making RSA-2048 keys: the file {@value #FILE} in the cache folder holds, after
 * the line {@link #HEADER}, one key a line as base64 of its PKCS#8 DER encoding
 * ({@link AccountKey#exportPkcs8}). These are throwaway benchmark keys and the file is NOT
 * encrypted: never put a key of value in it. A run takes the first {@code count} keys and makes
 * (in parallel on all cores) and appends only the missing ones. A file that is not such a cache, or
 * has a line that is not such a key among those needed, is refused with a {@link CorruptCache}
 * naming the file and line, and is left as it was.
 */
final class SenderKeyCache {
  /** The cache file's name in its folder. */
  static final String FILE = "senders.keys";

  /** The first line of a cache file. */
  static final String HEADER = "# ccoin load generator sender keys v1: UNENCRYPTED base64 PKCS#8 RSA-2048, throwaway benchmark keys";

  /** A cache file that is not one, or a bad key in it: the message names the file and says what is wrong. */
  static final class CorruptCache extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptCache(String message) {
      super(message);
    }
  }

  /** The keys of a run and how they were obtained. */
  record Keys(List<AccountKey> keys, int reused, int generated, double seconds) {
    /** The progress line. */
    String format(Path file) {
      return String.format("Sender keys: %,d reused and %,d generated in %.1f s (cache %s)", reused, generated, seconds, file);
    }
  }

  private SenderKeyCache() {}

  /**
   * The first {@code count} keys of the cache in {@code dir} (created if missing), generating and
   * appending the missing ones.
   *
   * @throws CorruptCache if the file is not a cache or a needed line is not a key (nothing is written then)
   */
  static Keys take(Path dir, int count) throws IOException {
    long started = System.nanoTime();
    Path file = dir.resolve(FILE);
    List<String> lines = read(file, count);
    AccountKey[] keys = new AccountKey[count];
    int reused = Math.min(count, lines.size());
    int[] firstBad = {Integer.MAX_VALUE};
    String[] why = new String[1];
    IntStream.range(0, reused).parallel().forEach(i -> {
      try {
        keys[i] = AccountKey.fromPkcs8(Bytes.of(Base64.getDecoder().decode(lines.get(i))));
      } catch (IllegalArgumentException e) { // bad base64, or a BadKeyException
        synchronized (firstBad) {
          if (i < firstBad[0]) {
            firstBad[0] = i;
            why[0] = e instanceof BadKeyException ? e.getMessage() : "not base64";
          }
        }
      }
    });
    if (why[0] != null) {
      throw new CorruptCache(file + " line " + (firstBad[0] + 2) + " is not a sender key (" + why[0]
          + "); delete the file to start a new cache");
    }
    int generated = count - reused;
    if (generated > 0) {
      IntStream.range(reused, count).parallel().forEach(i -> keys[i] = AccountKey.generate(new SecureRandom()));
      StringBuilder text = new StringBuilder();
      if (!Files.exists(file)) {
        Files.createDirectories(dir);
        text.append(HEADER).append('\n');
      }
      for (int i = reused; i < count; i++) {
        text.append(Base64.getEncoder().encodeToString(keys[i].exportPkcs8().toArray())).append('\n');
      }
      Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return new Keys(List.of(keys), reused, generated, (System.nanoTime() - started) / 1e9);
  }

  /** Up to {@code count} key lines of {@code file} (none when it does not exist), after checking its header. */
  private static List<String> read(Path file, int count) throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.exists(file)) {
      return lines;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      String header = in.readLine();
      if (!HEADER.equals(header)) {
        throw new CorruptCache(file + " is not a load generator key cache (its first line is not \"" + HEADER
            + "\"); give another --key-cache folder or delete the file");
      }
      for (String line = in.readLine(); line != null && lines.size() < count; line = in.readLine()) {
        lines.add(line.strip());
      }
      if (lines.size() < count && Files.size(file) > 0 && !endsWithNewline(file)) {
        throw new CorruptCache(file + " ends in the middle of a line (an interrupted write?); delete the file to start a new cache");
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new CorruptCache(file + " is not a load generator key cache (not ASCII text); give another --key-cache folder or"
          + " delete the file");
    }
    return lines;
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (var channel = Files.newByteChannel(file)) {
      channel.position(channel.size() - 1);
      java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
      channel.read(last);
      return last.get(0) == '\n';
    }
  }
}
