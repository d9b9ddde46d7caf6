package io.ccoin.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Address;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Keystore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ccoin account new|balance}: creates a key pair and its encrypted keystore file; shows an account's balance. */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Accounts: new, balance.",
    subcommands = {AccountCommand.New.class, AccountCommand.Balance.class})
final class AccountCommand implements Runnable {
  @ParentCommand
  CcoinCli cli;

  @Override
  public void run() {
    throw new UsageException("'ccoin account' needs a subcommand: new or balance");
  }

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = "Create an RSA-2048 account and write it, encrypted with a passphrase, to <keystore>/<address>.json.")
  static class New implements Runnable {
    @ParentCommand
    AccountCommand parent;

    @Mixin
    KeystoreOptions options;

    @Option(names = "--allow-empty-passphrase", description = "accept an empty passphrase (the key file is then unprotected)")
    boolean allowEmptyPassphrase;

    @Override
    public void run() {
      create(parent.cli, options, allowEmptyPassphrase);
    }
  }

  @Command(name = "balance", mixinStandardHelpOptions = true,
      description = "Print an account's balance and nonces as a node sees them: balance, nonce, next nonce (pending included).")
  static final class Balance implements Runnable {
    @ParentCommand
    AccountCommand parent;

    @Mixin
    NodeOptions node;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "ccoin.json of the node")
    Path config;

    @Parameters(paramLabel = "ADDRESS", description = "the account (40 hex digits)")
    String address;

    @Override
    public void run() {
      CcoinCli cli = parent.cli;
      Address a = Addresses.parse("ADDRESS", address);
      JsonNode account = new NodeClient(node.baseUrl(config, cli.env)).get("/api/v1/accounts/" + a.toHex());
      cli.out.println("balance " + account.path("balance").asText() + ", nonce " + account.path("nonce").asLong()
          + ", next nonce " + account.path("pendingNonce").asLong() + " (" + a + ")");
    }
  }

  static void create(CcoinCli cli, KeystoreOptions options, boolean allowEmptyPassphrase) {
    Path dir = options.keystoreDir(cli.env);
    char[] passphrase = options.newKeystorePassphrase(cli.env, allowEmptyPassphrase);
    try {
      AccountKey key = AccountKey.generate(new SecureRandom());
      Path file = Keystore.write(dir, key, passphrase);
      cli.out.println("Created account with address=" + key.address());
      cli.out.println("Keystore file: " + file);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }
}
