package io.ccoin.core.crypto;

import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Passphrase-encrypted account keys on disk (SPEC 12): one file {@code <address>.json} per account
 * in a keystore directory, holding the PKCS#8 private key encrypted with AES-256-GCM under a key
 * derived from the passphrase with scrypt. The address (and the format version) is authenticated
 * data of the encryption ({@code "ccoin/keystore/v1" || address}), so a file whose address was
 * edited does not decrypt. Version 1 of the file:
 *
 * <pre>{@code
 * { "version": 1,
 *   "address": "<40 hex digits>",
 *   "kdf":    { "function": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "<base64, 32 bytes>" },
 *   "cipher": { "function": "aes-256-gcm", "nonce": "<base64, 12 bytes>",
 *               "ciphertext": "<base64: encrypted PKCS#8 key followed by the 16-byte tag>" } }
 * }</pre>
 *
 * <p>Reading is strict and bounded: a file over {@link #MAX_FILE_SIZE} bytes, duplicate, missing or
 * unknown fields, another version, or scrypt costs beyond {@link ScryptParams}' limits are reported
 * as a damaged file, naming the file and the field.
 *
 * <p>Files are written atomically (a temporary file in the same directory, synced, then renamed)
 * and readable by their owner only: mode 0600 on POSIX file systems; elsewhere (for example NTFS)
 * an access list granting only the file's owner, or, where neither is supported, the directory's
 * defaults, so keep the keystore in a private directory there.
 *
 * <p>The passphrase is taken as a {@code char[]} so that callers can wipe it; it is encoded as
 * UTF-8, never logged and never put in an exception message. Thread-safe.
 */
public final class Keystore {
  /** The largest keystore file read, in bytes. */
  public static final int MAX_FILE_SIZE = 64 * 1024;

  private static final Pattern FILE_NAME = Pattern.compile("[0-9a-f]{40}\\.json");
  private static final byte[] AAD_TAG = "ccoin/keystore/v1".getBytes(StandardCharsets.US_ASCII);
  private static final int KEY_SIZE = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Keystore() {}

  /** The file that holds {@code address}'s key in {@code dir}: {@code dir/<address>.json}. */
  public static Path path(Path dir, Address address) {
    return dir.resolve(address.toHex() + ".json");
  }

  /**
   * Encrypts {@code key} with {@code passphrase} and the {@link ScryptParams#DEFAULT default}
   * scrypt cost and writes it to {@code dir/<address>.json}, creating {@code dir} if needed.
   *
   * @return the file written
   * @throws KeystoreException if the file exists already or cannot be written
   */
  public static Path write(Path dir, AccountKey key, char[] passphrase) {
    return write(dir, key, passphrase, ScryptParams.DEFAULT);
  }

  /**
   * Like {@link #write(Path, AccountKey, char[])} with the given scrypt cost.
   *
   * @return the file written
   * @throws KeystoreException if the file exists already or cannot be written
   */
  public static Path write(Path dir, AccountKey key, char[] passphrase, ScryptParams scrypt) {
    Objects.requireNonNull(passphrase, "passphrase");
    Objects.requireNonNull(scrypt, "scrypt");
    Path file = path(dir, key.address());
    byte[] pkcs8 = key.exportPkcs8().toArray();
    KeystoreFile content;
    try {
      content = encrypt(pkcs8, key.address(), passphrase, scrypt);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    SecretFiles.writeAtomically(file, content.toJson());
    return file;
  }

  /**
   * Reads and decrypts a keystore file.
   *
   * @throws KeystoreException if the file cannot be read, is damaged (the message says how), or the
   *     passphrase is wrong
   */
  public static AccountKey read(Path file, char[] passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    KeystoreFile content = KeystoreFile.parse(file, readBounded(file));
    SecretFiles.warnIfShared(file);
    byte[] plaintext;
    try {
      plaintext = crypt(Cipher.DECRYPT_MODE, passphrase, content.scrypt(), content.salt().toArray(),
          content.nonce().toArray(), content.address(), content.ciphertext().toArray());
    } catch (AEADBadTagException e) {
      throw new KeystoreException(file, "wrong passphrase or damaged keystore file " + file);
    }
    AccountKey key;
    try {
      key = AccountKey.fromPkcs8(Bytes.of(plaintext));
    } catch (BadKeyException e) {
      throw KeystoreFile.damaged(file, "the decrypted private key is not usable: " + e.getMessage());
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    if (!key.address().equals(content.address())) {
      throw KeystoreFile.damaged(file, "field 'address' is " + content.address()
          + " but the key's address is " + key.address());
    }
    return key;
  }

  /**
   * The addresses that have a keystore file in {@code dir}, in ascending order: the files named
   * {@code <40 lowercase hex digits>.json}. The files are not opened. An absent directory has none.
   *
   * @throws KeystoreException if the directory cannot be listed
   */
  public static List<Address> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Address> addresses = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (FILE_NAME.matcher(name).matches() && Files.isRegularFile(entry)) {
          addresses.add(Address.fromHex(name.substring(0, 2 * Address.SIZE)));
        }
      }
    } catch (IOException e) {
      throw new KeystoreException(dir, "cannot list keystore directory " + dir + ": " + e, e);
    }
    Collections.sort(addresses);
    return List.copyOf(addresses);
  }

  /** Encrypts {@code pkcs8} under a fresh salt and nonce, binding it to {@code address}. */
  static KeystoreFile encrypt(byte[] pkcs8, Address address, char[] passphrase, ScryptParams scrypt) {
    byte[] salt = random(KeystoreFile.SALT_SIZE);
    byte[] nonce = random(KeystoreFile.NONCE_SIZE);
    byte[] ciphertext;
    try {
      ciphertext = crypt(Cipher.ENCRYPT_MODE, passphrase, scrypt, salt, nonce, address, pkcs8);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("encryption cannot fail authentication", e);
    }
    return new KeystoreFile(address, scrypt, Bytes.of(salt), Bytes.of(nonce), Bytes.of(ciphertext));
  }

  /** Runs AES-256-GCM with the scrypt-derived key; the key bytes are wiped afterwards. */
  private static byte[] crypt(int mode, char[] passphrase, ScryptParams scrypt, byte[] salt, byte[] nonce,
      Address address, byte[] input) throws AEADBadTagException {
    byte[] password = utf8(passphrase);
    byte[] key = SCrypt.generate(password, salt, scrypt.n(), scrypt.r(), scrypt.p(), KEY_SIZE);
    Arrays.fill(password, (byte) 0);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(KeystoreFile.TAG_SIZE * 8, nonce));
      cipher.updateAAD(AAD_TAG);
      cipher.updateAAD(address.toArray());
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] utf8(char[] passphrase) {
    ByteBuffer encoded;
    try {
      encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(passphrase));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the passphrase is not valid Unicode text (unpaired surrogate)");
    }
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return out;
  }

  private static byte[] readBounded(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes(MAX_FILE_SIZE + 1);
      if (content.length > MAX_FILE_SIZE) {
        throw KeystoreFile.damaged(file, "larger than " + MAX_FILE_SIZE + " bytes");
      }
      return content;
    } catch (NoSuchFileException e) {
      throw new KeystoreException(file, "keystore file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new KeystoreException(file, "cannot read keystore file " + file + ": " + io.ccoin.core.IoErrors.reason(e), e);
    }
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    RANDOM.nextBytes(b);
    return b;
  }
}
