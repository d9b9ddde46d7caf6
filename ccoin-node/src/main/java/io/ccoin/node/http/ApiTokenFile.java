package io.ccoin.node.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The API token file of SPEC 12: one line holding the token that {@code POST /wallet/transactions}
 * requires, readable by its owner only (mode 0600). A new token is 32 bytes from a
 * {@link SecureRandom}, written as 64 hex digits. The token never appears in a log or exception
 * message. Stateless.
 */
public final class ApiTokenFile {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private ApiTokenFile() {}

  /**
   * The token in {@code file}, creating the file with a new random token (mode 0600, written
   * completely before it appears under its name) when it does not exist.
   *
   * @throws IOException if the file cannot be read or written, is empty, or (on a POSIX file
   *     system) is readable or writable by anyone but its owner
   */
  public static String loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      try {
        create(file);
      } catch (FileAlreadyExistsException raced) {
        // another process created it meanwhile: read theirs
      }
    }
    return load(file);
  }

  /** The token in an existing {@code file}; see {@link #loadOrCreate} for the checks. */
  public static String load(Path file) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null) {
      Set<PosixFilePermission> perms = posix.readAttributes().permissions();
      if (!OWNER_ONLY.containsAll(perms)) {
        throw new IOException("the API token file " + file + " has mode " + PosixFilePermissions.toString(perms)
            + "; it must be readable by its owner only (chmod 600)");
      }
    }
    String token = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (token.isEmpty() || token.contains("\n")) {
      throw new IOException("the API token file " + file + " must hold exactly one non-empty line");
    }
    return token;
  }

  private static void create(Path file) throws IOException {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    byte[] content = (HexFormat.of().formatHex(random) + "\n").getBytes(StandardCharsets.US_ASCII);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, ".api-token", ".tmp", attrs);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(content));
        ch.force(true);
      }
      // createLink fails if the name exists, so a concurrent creator's token is never replaced.
      try {
        Files.createLink(file, tmp);
      } catch (UnsupportedOperationException noLinks) {
        Files.move(tmp, file);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
