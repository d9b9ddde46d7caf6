package io.ccoin.core.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes secrets (keystore files, node keys, API tokens) readable by their owner only and atomically:
 * a file either does not exist or holds all of its content, also after a crash. Failures are
 * {@link KeystoreException}s naming the file.
 */
public final class SecretFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

  private SecretFiles() {}

  /**
   * Writes {@code content} to the new file {@code file}, readable by its owner only, so that
   * {@code file} either does not exist or holds all of {@code content}, also after a crash.
   *
   * @throws KeystoreException if {@code file} exists already or cannot be written
   */
  public static void writeAtomically(Path file, byte[] content) {
    Path dir = file.toAbsolutePath().getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
          Files.createDirectories(dir);
        }
      }
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new KeystoreException(file, "file " + file + " already exists; not overwriting it");
      }
      String prefix = "." + file.getFileName();
      Path tmp = posix
          ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
          : Files.createTempFile(dir, prefix, ".tmp");
      try {
        restrictToOwner(tmp, posix);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ByteBuffer buffer = ByteBuffer.wrap(content);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          channel.force(true);
        }
        move(tmp, file);
      } finally {
        Files.deleteIfExists(tmp);
      }
      syncDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw new KeystoreException(file, "file " + file + " already exists; not overwriting it", e);
    } catch (IOException e) {
      throw new KeystoreException(file, "cannot write " + file + ": " + e, e);
    }
  }

  /** Logs a warning when users other than the owner may read {@code file} (POSIX only). */
  public static void warnIfShared(Path file) {
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (!OWNER_FILE.containsAll(mode)) {
          LOG.warn("keystore file {} is accessible to other users (mode {}); it should be rw-------",
              file, PosixFilePermissions.toString(mode));
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot check the permissions of keystore file {}: {}", file, e.toString());
    }
  }

  private static void move(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file);
    }
  }

  /**
   * Mode 0600 on POSIX (set again explicitly, whatever the umask); elsewhere an access list that
   * allows only the file's owner, where the file system has access lists.
   */
  private static void restrictToOwner(Path file, boolean posix) throws IOException {
    if (posix) {
      Files.setPosixFilePermissions(file, OWNER_FILE);
      return;
    }
    AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
    if (acl == null) {
      LOG.warn("the file system of {} has neither POSIX permissions nor access lists; the keystore file"
          + " gets the directory's default permissions", file.getParent());
      return;
    }
    AclEntry ownerOnly = AclEntry.newBuilder()
        .setType(AclEntryType.ALLOW)
        .setPrincipal(acl.getOwner())
        .setPermissions(EnumSet.allOf(AclEntryPermission.class))
        .build();
    acl.setAcl(List.of(ownerOnly));
  }

  /** Makes the rename durable where the platform allows syncing a directory (not on Windows). */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("cannot sync directory {}: {}", dir, e.toString());
    }
  }
}
