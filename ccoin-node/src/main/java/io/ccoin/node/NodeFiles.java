package io.ccoin.node;

import io.ccoin.api.Bytes;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.SecretFiles;
import io.ccoin.core.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The node's own secrets in its base path, created on first start and kept owner-only: the node key
 * ({@code node.key}, PKCS#8 in base64; it only identifies the node to its peers, it holds no coins)
 * and the API token ({@code api.token}, 32 random bytes in hex) for the wallet endpoint.
 */
public final class NodeFiles {
  private NodeFiles() {}

  /** Reads the node key, creating it on first use. */
  public static AccountKey nodeKey(Path file) {
    if (!Files.exists(file)) {
      AccountKey key = AccountKey.generate(new SecureRandom());
      SecretFiles.writeAtomically(file, key.exportPkcs8().toBase64().getBytes(StandardCharsets.US_ASCII));
      return key;
    }
    SecretFiles.warnIfShared(file);
    try {
      return AccountKey.fromPkcs8(Bytes.fromBase64(Files.readString(file, StandardCharsets.US_ASCII).trim()));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the node key " + file + ": " + IoErrors.reason(e), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the node key " + file + " is damaged (" + e.getMessage()
          + "); delete it to make a new node identity", e);
    }
  }

  /** Reads the API token, creating it on first use. */
  public static String apiToken(Path file) {
    if (!Files.exists(file)) {
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      String token = HexFormat.of().formatHex(raw);
      SecretFiles.writeAtomically(file, token.getBytes(StandardCharsets.US_ASCII));
      return token;
    }
    SecretFiles.warnIfShared(file);
    try {
      String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (token.length() < 32) {
        throw new IllegalArgumentException("the API token in " + file + " is shorter than 32 characters; delete it to make a new one");
      }
      return token;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the API token " + file + ": " + IoErrors.reason(e), e);
    }
  }
}
