package io.ccoin.node.cli;

import io.ccoin.node.config.NodeConfig;
import io.ccoin.node.config.NodeConfigParser;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the keystore is: a ccoin.json's base path, or a folder given directly. */
final class KeystoreOptions {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "ccoin.json; its app.base_path holds the keystore")
  Path config;

  @Option(names = "--keystore", paramLabel = "DIR", description = "the keystore folder (instead of --config)")
  Path keystore;

  @Option(names = "--passphrase-file", paramLabel = "FILE", description = "a file holding the passphrase (else the CCOIN_PASSPHRASE environment variable)")
  Path passphraseFile;

  Optional<NodeConfig> config(Map<String, String> env) {
    return Optional.ofNullable(config).map(c -> NodeConfigParser.read(c, env));
  }

  Path keystoreDir(Map<String, String> env) {
    if (keystore != null && config != null) {
      throw new UsageException("give --config or --keystore, not both");
    }
    if (keystore != null) {
      return keystore;
    }
    return config(env).map(NodeConfig::keystoreDir)
        .orElseThrow(() -> new UsageException("where is the keystore? give --config ccoin.json or --keystore DIR"));
  }

  char[] newKeystorePassphrase(Map<String, String> env, boolean allowEmpty) {
    return Passphrases.forNewKeystore(Optional.ofNullable(passphraseFile), env, allowEmpty);
  }

  char[] passphrase(Map<String, String> env) {
    return Passphrases.read(Optional.ofNullable(passphraseFile), env);
  }
}
