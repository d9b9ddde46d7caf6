package io.ccoin.node.cli;

import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Keystore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ccoin account new}: creates a key pair and its encrypted keystore file. */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Manage accounts.",
    subcommands = {AccountCommand.New.class})
final class AccountCommand implements Runnable {
  @ParentCommand
  CcoinCli cli;

  @Override
  public void run() {
    throw new UsageException("'ccoin account' needs a subcommand: new");
  }

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = "Create an RSA-2048 account and write it, encrypted with a passphrase, to <keystore>/<address>.json.")
  static class New implements Runnable {
    @ParentCommand
    AccountCommand parent;

    @Mixin
    KeystoreOptions options;

    CcoinCli cli() {
      return parent.cli;
    }

    @Override
    public void run() {
      create(cli(), options);
    }
  }

  static void create(CcoinCli cli, KeystoreOptions options) {
    Path dir = options.keystoreDir(cli.env);
    char[] passphrase = options.passphrase(cli.env);
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
