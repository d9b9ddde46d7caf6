package io.ccoin.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a passphrase comes from (SPEC 12): {@code --passphrase-file}, or the
 * {@code CCOIN_PASSPHRASE} environment variable; never the command line itself.
 */
final class Passphrases {
  static final String ENV = "CCOIN_PASSPHRASE";

  private Passphrases() {}

  static char[] read(Optional<Path> file, Map<String, String> env) {
    if (file.isPresent()) {
      try {
        String text = Files.readString(file.get(), StandardCharsets.UTF_8);
        // one trailing newline is not part of the passphrase
        if (text.endsWith("\n")) {
          text = text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1));
        }
        return text.toCharArray();
      } catch (IOException e) {
        throw new UsageException("cannot read the passphrase file " + file.get() + ": " + e.getMessage(), e);
      }
    }
    String value = env.get(ENV);
    if (value == null) {
      throw new UsageException("no passphrase: give --passphrase-file FILE or set " + ENV);
    }
    return value.toCharArray();
  }
}
