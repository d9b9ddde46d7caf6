package io.ccoin.node.cli;

import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Keystore;
import io.ccoin.node.config.NodeConfig;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A transfer as the command line describes it: who signs (a keystore account), to whom, how much, the fee and a payload. */
final class TransferOptions {
  @Mixin
  KeystoreOptions keystore;

  @Option(names = "--from", paramLabel = "ADDRESS", description = "the sending account (default: client.account_address of --config)")
  String from;

  @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "the recipient")
  String to;

  @Option(names = "--value", required = true, paramLabel = "COINS", description = "the amount (0 for a pure data transaction)")
  long value;

  @Option(names = "--fee", paramLabel = "COINS", defaultValue = "1", description = "the fee (default: ${DEFAULT-VALUE})")
  long fee;

  @Option(names = "--data", paramLabel = "TEXT", description = "a text payload (UTF-8)")
  String data;

  /** Checks the options that need no file; call before anything slow or remote. */
  Address recipient() {
    Address recipient = Addresses.parse("--to", to);
    if (value < 0 || fee < 0) {
      throw new UsageException("--value and --fee must not be negative");
    }
    return recipient;
  }

  Address sender(Map<String, String> env) {
    return from != null ? Addresses.parse("--from", from)
        : keystore.config(env).flatMap(NodeConfig::accountAddress)
            .orElseThrow(() -> new UsageException("which account? give --from ADDRESS or a --config with client.account_address"));
  }

  /** Reads the sender's key from the keystore with the passphrase. */
  AccountKey key(Address sender, Map<String, String> env) {
    char[] passphrase = keystore.passphrase(env);
    try {
      return Keystore.read(Keystore.path(keystore.keystoreDir(env), sender), passphrase);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  Transaction sign(AccountKey key, long chainId, Hash genesisHash, long nonce) {
    return TransactionBuilder.forNetwork(chainId, genesisHash)
        .nonce(nonce).to(recipient()).value(value).fee(fee)
        .data(data == null ? Bytes.EMPTY : Bytes.of(data.getBytes(StandardCharsets.UTF_8)))
        .sign(key);
  }
}
