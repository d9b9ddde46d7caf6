package io.ccoin.node.cli;

import io.ccoin.core.IoErrors;
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

  /**
   * The passphrase for a new keystore: as {@link #read}, but an empty one is refused unless
   * {@code allowEmpty} (an empty passphrase leaves the key readable by anyone who gets the file).
   */
  static char[] forNewKeystore(Optional<Path> file, Map<String, String> env, boolean allowEmpty) {
    char[] passphrase = read(file, env);
    if (passphrase.length == 0 && !allowEmpty) {
      throw new UsageException("the passphrase is empty (" + file.map(f -> "file " + f).orElse(ENV)
          + "); use a real one, or --allow-empty-passphrase to keep the key unprotected");
    }
    return passphrase;
  }

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
        throw new UsageException("cannot read the passphrase file " + file.get() + ": " + IoErrors.reason(e), e);
      }
    }
    String value = env.get(ENV);
    if (value == null) {
      throw new UsageException("no passphrase: give --passphrase-file FILE or set " + ENV);
    }
    return value.toCharArray();
  }
}
