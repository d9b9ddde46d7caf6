package io.ccoin.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ccoin create-account}: the original's name for {@code ccoin account new}. */
@Command(name = "create-account", mixinStandardHelpOptions = true, description = "Same as 'ccoin account new'.")
final class CreateAccountCommand implements Runnable {
  @ParentCommand
  CcoinCli cli;

  @Mixin
  KeystoreOptions options;

  @Option(names = "--allow-empty-passphrase", description = "accept an empty passphrase (the key file is then unprotected)")
  boolean allowEmptyPassphrase;

  @Override
  public void run() {
    AccountCommand.create(cli, options, allowEmptyPassphrase);
  }
}
