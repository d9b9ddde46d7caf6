package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.core.crypto.AccountKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The load generator's sender key cache: a second run reuses the keys of the first, a larger run
 * appends only the missing ones, and a foreign or damaged file is refused with one line naming it,
 * unchanged.
 */
class SenderKeyCacheTest {
  @Test
  @Timeout(120)
  void keysAreReusedAndOnlyTheMissingOnesAreMadeAndAppended(@TempDir Path dir) throws Exception {
    Path cache = dir.resolve("load-keys");
    SenderKeyCache.Keys first = SenderKeyCache.take(cache, 2);
    assertThat(first.reused()).isZero();
    assertThat(first.generated()).isEqualTo(2);
    Path file = cache.resolve(SenderKeyCache.FILE);
    assertThat(Files.readAllLines(file)).hasSize(3).first().isEqualTo(SenderKeyCache.HEADER);

    SenderKeyCache.Keys again = SenderKeyCache.take(cache, 2);
    assertThat(again.reused()).isEqualTo(2);
    assertThat(again.generated()).isZero();
    assertThat(again.keys()).isEqualTo(first.keys());

    SenderKeyCache.Keys fewer = SenderKeyCache.take(cache, 1);
    assertThat(fewer.keys()).containsExactly(first.keys().get(0));

    SenderKeyCache.Keys more = SenderKeyCache.take(cache, 3);
    assertThat(more.reused()).isEqualTo(2);
    assertThat(more.generated()).isEqualTo(1);
    assertThat(more.keys().subList(0, 2)).isEqualTo(first.keys());
    assertThat(more.keys().get(2)).isNotIn(first.keys());
    assertThat(Files.readAllLines(file)).hasSize(4);
    List<AccountKey> third = SenderKeyCache.take(cache, 3).keys();
    assertThat(third).isEqualTo(more.keys());
    assertThat(more.format(file)).contains("2 reused and 1 generated", file.toString());
  }

  @Test
  @Timeout(60)
  void aForeignFileIsRefusedNamingItAndLeftAsItWas(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(SenderKeyCache.FILE);
    Files.writeString(file, "{\"not\": \"keys\"}\n");
    assertThatThrownBy(() -> SenderKeyCache.take(dir, 1)).isInstanceOf(SenderKeyCache.CorruptCache.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("is not a load generator key cache");
    assertThat(Files.readString(file)).isEqualTo("{\"not\": \"keys\"}\n");

    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertThatThrownBy(() -> SenderKeyCache.take(dir, 1)).isInstanceOf(SenderKeyCache.CorruptCache.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  @Timeout(60)
  void aDamagedKeyLineIsRefusedNamingFileAndLine(@TempDir Path dir) throws Exception {
    SenderKeyCache.take(dir, 1);
    Path file = dir.resolve(SenderKeyCache.FILE);
    String good = Files.readString(file);
    String keyLine = good.lines().toList().get(1);

    Files.writeString(file, good + "not base64 at all!\n");
    assertThatThrownBy(() -> SenderKeyCache.take(dir, 2)).isInstanceOf(SenderKeyCache.CorruptCache.class)
        .hasMessageContaining(file + " line 3 is not a sender key (not base64)");
    assertThat(SenderKeyCache.take(dir, 1).reused()).as("the lines before are still usable").isEqualTo(1);

    // valid base64 of something that is not a PKCS#8 key: the key's own first bytes
    Files.writeString(file, good + keyLine.substring(0, 40) + "\n");
    assertThatThrownBy(() -> SenderKeyCache.take(dir, 2)).isInstanceOf(SenderKeyCache.CorruptCache.class)
        .hasMessageContaining(file + " line 3 is not a sender key");
    assertThat(Files.readString(file)).isEqualTo(good + keyLine.substring(0, 40) + "\n");

    Files.writeString(file, good + keyLine.substring(0, 100)); // an interrupted append
    assertThatThrownBy(() -> SenderKeyCache.take(dir, 2)).isInstanceOf(SenderKeyCache.CorruptCache.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void theCommandLinePrintsABadCacheAsOneLineAndExits2() throws Exception {
    CommandLine cmd = LoadGenerator.commandLine();
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err, true));
    int status = cmd.getExecutionExceptionHandler().handleExecutionException(
        new SenderKeyCache.CorruptCache("/x/senders.keys is not a load generator key cache"), cmd, null);
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("LoadGenerator: /x/senders.keys is not a load generator key cache" + System.lineSeparator());
  }

  @Test
  void theDefaultCacheIsBesideTheDevnetFolder() {
    assertThat(LoadGenerator.Cli.defaultKeyCache(Path.of("target", "load-devnet")))
        .isEqualTo(Path.of("target", "load-keys").toAbsolutePath());
    assertThat(new String(SenderKeyCache.HEADER.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII))
        .contains("UNENCRYPTED");
  }
}
