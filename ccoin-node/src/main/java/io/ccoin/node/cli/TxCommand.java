package io.ccoin.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Keystore;
import io.ccoin.node.config.NodeConfig;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ccoin tx send}: signs a transfer locally from the keystore and submits it to a node. */
@Command(name = "tx", mixinStandardHelpOptions = true, description = "Transactions.", subcommands = TxCommand.Send.class)
final class TxCommand implements Runnable {
  @ParentCommand
  CcoinCli cli;

  @Override
  public void run() {
    throw new UsageException("'ccoin tx' needs a subcommand: send");
  }

  @Command(name = "send", mixinStandardHelpOptions = true,
      description = "Sign a transfer with a keystore account (the key never leaves this process) and submit it to a node.")
  static final class Send implements Runnable {
    @ParentCommand
    TxCommand parent;

    @Mixin
    KeystoreOptions keystore;

    @Mixin
    NodeOptions node;

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

    @Option(names = "--nonce", paramLabel = "N", description = "the nonce (default: the node's pendingNonce for the sender)")
    Long nonce;

    @Override
    public void run() {
      CcoinCli cli = parent.cli;
      Address recipient = address("--to", to);
      if (value < 0 || fee < 0) {
        throw new UsageException("--value and --fee must not be negative");
      }
      Address sender = from != null ? address("--from", from)
          : keystore.config(cli.env).flatMap(NodeConfig::accountAddress)
              .orElseThrow(() -> new UsageException("which account? give --from ADDRESS or a --config with client.account_address"));
      char[] passphrase = keystore.passphrase(cli.env);
      AccountKey key;
      try {
        key = Keystore.read(Keystore.path(keystore.keystoreDir(cli.env), sender), passphrase);
      } finally {
        Arrays.fill(passphrase, '\0');
      }
      NodeClient client = new NodeClient(node.baseUrl(keystore.config, cli.env));
      JsonNode status = client.get("/api/v1/status");
      long chainId = status.path("chainId").asLong();
      Hash genesisHash = Hash.fromHex(status.path("genesisHash").asText());
      long n = nonce != null ? nonce : client.get("/api/v1/accounts/" + sender).path("pendingNonce").asLong();
      Transaction tx = TransactionBuilder.forNetwork(chainId, genesisHash)
          .nonce(n).to(recipient).value(value).fee(fee)
          .data(data == null ? Bytes.EMPTY : Bytes.of(data.getBytes(StandardCharsets.UTF_8)))
          .sign(key);
      var body = NodeClient.json().createObjectNode().put("raw", Base64.getEncoder().encodeToString(Codec.encode(tx)));
      JsonNode answer = client.post("/api/v1/transactions", body);
      cli.out.println("Submitted transaction " + answer.path("hash").asText() + " (" + answer.path("status").asText() + ") from "
          + sender + " to " + recipient + ", value " + value + ", fee " + fee + ", nonce " + n);
    }

    private static Address address(String option, String text) {
      try {
        return Address.fromHex(text);
      } catch (IllegalArgumentException e) {
        throw new UsageException(option + " is not an address (40 hex digits): " + text);
      }
    }
  }
}
