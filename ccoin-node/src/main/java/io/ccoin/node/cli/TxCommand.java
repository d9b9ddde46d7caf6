package io.ccoin.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Address;
import io.ccoin.api.Genesis;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.node.config.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ccoin tx send|sign|status}: signs transfers locally from the keystore (the key never leaves
 * this process), submits them to a node or prints them for {@code POST /api/v1/transactions}, and
 * looks a transaction up.
 */
@Command(name = "tx", mixinStandardHelpOptions = true, description = "Transactions: send, sign (offline), status.",
    subcommands = {TxCommand.Send.class, TxCommand.Sign.class, TxCommand.Status.class})
final class TxCommand implements Runnable {
  /** Exit status of {@code tx send --wait} when the transaction is still pending at the timeout. */
  static final int NOT_CONFIRMED = 3;
  /** Exit status when the node does not know the transaction (never received, or dropped from its pool). */
  static final int UNKNOWN = 4;

  @ParentCommand
  CcoinCli cli;

  @Override
  public void run() {
    throw new UsageException("'ccoin tx' needs a subcommand: send, sign or status");
  }

  @Command(name = "send", mixinStandardHelpOptions = true,
      description = "Sign a transfer with a keystore account and submit it to a node; with --wait, until it is mined.")
  static final class Send implements Runnable {
    @ParentCommand
    TxCommand parent;

    @Mixin
    TransferOptions transfer;

    @Mixin
    NodeOptions node;

    @Option(names = "--nonce", paramLabel = "N", description = "the nonce (default: the node's pendingNonce for the sender)")
    Long nonce;

    @Option(names = "--wait", description = "wait until the transaction is in a block (exit 3 if still pending at --timeout, 4 if the node dropped it)")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "how long --wait waits (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public void run() {
      CcoinCli cli = parent.cli;
      Address recipient = transfer.recipient();
      if (timeoutSeconds < 1 || timeoutSeconds > 86_400) {
        throw new UsageException("--timeout must be 1 .. 86400 seconds, got " + timeoutSeconds);
      }
      if (nonce != null && nonce < 0) {
        throw new UsageException("--nonce must not be negative");
      }
      Address sender = transfer.sender(cli.env);
      AccountKey key = transfer.key(sender, cli.env);
      NodeClient client = new NodeClient(node.baseUrl(transfer.keystore.config, cli.env));
      JsonNode status = client.get("/api/v1/status");
      long chainId = status.path("chainId").asLong();
      Hash genesisHash = Hash.fromHex(status.path("genesisHash").asText());
      long n = nonce != null ? nonce : client.get("/api/v1/accounts/" + sender).path("pendingNonce").asLong();
      Transaction tx = transfer.sign(key, chainId, genesisHash, n);
      var body = NodeClient.json().createObjectNode().put("raw", Base64.getEncoder().encodeToString(Codec.encode(tx)));
      JsonNode answer = client.post("/api/v1/transactions", body);
      String hash = answer.path("hash").asText();
      cli.out.println("Submitted transaction " + hash + " (" + answer.path("status").asText() + ") from "
          + sender + " to " + recipient + ", value " + transfer.value + ", fee " + transfer.fee + ", nonce " + n);
      cli.out.flush();
      if (wait) {
        JsonNode mined = new Confirmation(client, Duration.ofSeconds(timeoutSeconds)).await(Hashes.txHash(tx));
        cli.out.println("Confirmed in block #" + mined.path("blockNumber").asLong() + " (" + mined.path("blockHash").asText() + ")");
      }
    }
  }

  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = {"Sign a transfer offline and print the raw transaction (base64 of its msgpack encoding), "
          + "the body's \"raw\" of POST /api/v1/transactions. Needs no node: the chain id and genesis hash come from the genesis file."})
  static final class Sign implements Runnable {
    @ParentCommand
    TxCommand parent;

    @Mixin
    TransferOptions transfer;

    @Option(names = "--nonce", required = true, paramLabel = "N",
        description = "the nonce: the sender's pendingNonce (GET /api/v1/accounts/ADDRESS), 0 for a new account")
    long nonce;

    @Option(names = "--genesis", paramLabel = "FILE", description = "the network's genesis.json (default: the one installed in --config's base path)")
    Path genesisFile;

    @Override
    public void run() {
      CcoinCli cli = parent.cli;
      transfer.recipient();
      if (nonce < 0) {
        throw new UsageException("--nonce must not be negative");
      }
      Path file = genesisFile != null ? genesisFile : transfer.keystore.config(cli.env).map(NodeConfig::genesisFile)
          .filter(Files::exists)
          .orElseThrow(() -> new UsageException("which network? give --genesis genesis.json (or a --config whose node was initialised)"));
      Genesis genesis = GenesisParser.read(file);
      Hash genesisHash = GenesisBlock.build(genesis).hash();
      Address sender = transfer.sender(cli.env);
      AccountKey key = transfer.key(sender, cli.env);
      Transaction tx = transfer.sign(key, genesis.params().networkId(), genesisHash, nonce);
      cli.out.println(Base64.getEncoder().encodeToString(Codec.encode(tx)));
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Print a transaction as the node knows it: pending, confirmed with its block, or dropped with its reason (exit 4 when dropped or unknown).")
  static final class Status implements Runnable {
    @ParentCommand
    TxCommand parent;

    @Mixin
    NodeOptions node;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "ccoin.json of the node")
    Path config;

    @Parameters(paramLabel = "HASH", description = "the transaction hash (64 hex digits)")
    String hash;

    @Override
    public void run() {
      CcoinCli cli = parent.cli;
      Hash h = Addresses.hash("HASH", hash);
      NodeClient client = new NodeClient(node.baseUrl(config, cli.env));
      Optional<JsonNode> tx = client.find("/api/v1/transactions/" + h.toHex());
      if (tx.isEmpty()) {
        throw new ExitException(UNKNOWN, "the node at " + client.baseUrl() + " does not know transaction " + h.toHex()
            + " (never received, or dropped from its pool)");
      }
      try {
        cli.out.println(NodeClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(tx.get()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      if ("dropped".equals(tx.get().path("status").asText())) {
        throw new ExitException(UNKNOWN, "transaction " + h.toHex() + " was dropped: " + tx.get().path("reason").asText("no reason given"));
      }
    }
  }
}
