package io.ccoin.core.internal.merkle;

import io.ccoin.api.Hash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 section 2.1 transcribed literally, as the independent reference for {@link TxRoot}:
 * recursive, copying sublists, one fresh digest per hash. Its {@link #main} printed the committed
 * data file {@code merkle/rfc6962-0-8.json}.
 */
final class Rfc6962Reference {
  private Rfc6962Reference() {}

  /** MTH(D[n]) of RFC 6962 over 32-byte inputs. */
  static byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return sha256(new byte[0]);
    }
    if (n == 1) {
      return sha256(concat(new byte[] {0x00}, d.get(0)));
    }
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    byte[] left = mth(new ArrayList<>(d.subList(0, k)));
    byte[] right = mth(new ArrayList<>(d.subList(k, n)));
    return sha256(concat(new byte[] {0x01}, left, right));
  }

  /** The leaves of the data file: leaf i = SHA-256 of the UTF-8 text "ccoin rfc6962 leaf i". */
  static List<byte[]> leaves(int n) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(sha256(("ccoin rfc6962 leaf " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return leaves;
  }

  static List<Hash> asHashes(List<byte[]> leaves) {
    List<Hash> hashes = new ArrayList<>();
    leaves.forEach(l -> hashes.add(Hash.of(l)));
    return hashes;
  }

  static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Prints the data file for 0..8 leaves. */
  public static void main(String[] args) {
    StringBuilder json = new StringBuilder();
    json.append("{\"comment\": \"RFC 6962 Merkle tree hashes for 0..8 leaves, computed by Rfc6962Reference (a literal")
        .append(" transcription of RFC 6962 2.1). Leaf i = SHA-256(UTF-8 'ccoin rfc6962 leaf i').\",\n \"cases\": [");
    for (int n = 0; n <= 8; n++) {
      List<byte[]> leaves = leaves(n);
      json.append(n == 0 ? "\n" : ",\n").append("  {\"leaves\": [");
      for (int i = 0; i < n; i++) {
        json.append(i == 0 ? "" : ", ").append('"').append(Hash.of(leaves.get(i)).toHex()).append('"');
      }
      json.append("],\n   \"root\": \"").append(Hash.of(mth(leaves)).toHex()).append("\"}");
    }
    json.append("\n ]}\n");
    System.out.print(json);
  }
}
