package io.ccoin.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.core.Await;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.merkle.StateProof;
import io.ccoin.core.merkle.StateProofVerifier;
import io.ccoin.node.Devnet;
import io.ccoin.node.cli.CcoinCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real node as separate processes on 127.0.0.1, configured by ccoin.json files: a discovery
 * service, three validators and one basic node (the devnet). A transfer submitted to the basic node
 * with {@code ccoin tx send} is mined; every node agrees on the chain and on the balances; the proof
 * verifies; a validator killed with SIGKILL does not stop the others and catches up on restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class DevnetEndToEndTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  Devnet devnet;
  List<String> miners;

  @BeforeAll
  void startDevnet() throws Exception {
    int base = Ports.freeRun(10);
    devnet = new Devnet(dir.resolve(".ccoin-devnet"), base, base + 9);
    devnet.prepare(new PrintWriter(new StringWriter()));
    devnet.start();
    devnet.awaitReady(Duration.ofSeconds(120));
    miners = devnet.minerAddresses();
  }

  @AfterAll
  void stopDevnet() {
    if (devnet != null) {
      devnet.close();
    }
  }

  JsonNode get(int node, String path) {
    try {
      return JSON.readTree(devnet.get(node, path));
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  @Test
  @Order(1)
  void aTransferSentToTheBasicNodeIsMinedAndEveryNodeAgrees() throws Exception {
    Await.until("blocks on every node", Duration.ofSeconds(90), () -> {
      for (int i = 0; i < 4; i++) {
        if (devnet.headNumber(i) < 2) {
          return false;
        }
      }
      return true;
    });
    String recipient = "0123456789abcdef0123456789abcdef01234567";
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = CcoinCli.run(new String[] {"tx", "send", "--keystore", devnet.dir().resolve("miner1/keystore").toString(),
        "--from", miners.get(0), "--passphrase-file", devnet.passphraseFile().toString(), "--node", devnet.apiUrl(3),
        "--to", recipient, "--value", "4321", "--fee", "5"}, new PrintWriter(out), new PrintWriter(err), Map.of());
    assertThat(status).as(err.toString()).isZero();
    Matcher m = Pattern.compile("Submitted transaction ([0-9a-f]{64})").matcher(out.toString());
    assertThat(m.find()).as(out.toString()).isTrue();
    String txHash = m.group(1);

    Await.until("the transfer mined and seen by every node", Duration.ofSeconds(90), () -> {
      for (int i = 0; i < 4; i++) {
        if (!"confirmed".equals(get(i, "/api/v1/transactions/" + txHash).path("status").asText())) {
          return false;
        }
      }
      return true;
    });
    long number = get(3, "/api/v1/transactions/" + txHash).path("blockNumber").asLong();
    Await.until("every node past the block", Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 4; i++) {
        if (devnet.headNumber(i) < number + 1) {
          return false;
        }
      }
      return true;
    });
    // the same chain everywhere: block hash and state root at a height all have
    long at = Math.min(Math.min(devnet.headNumber(0), devnet.headNumber(1)), Math.min(devnet.headNumber(2), devnet.headNumber(3))) - 1;
    List<String> hashes = new ArrayList<>();
    List<String> roots = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JsonNode b = get(i, "/api/v1/blocks/" + at);
      hashes.add(b.path("hash").asText());
      roots.add(b.path("stateRoot").asText());
    }
    assertThat(hashes).doesNotContain("").containsOnly(hashes.get(0));
    assertThat(roots).containsOnly(roots.get(0));

    for (int i = 0; i < 4; i++) {
      JsonNode r = get(i, "/api/v1/accounts/" + recipient);
      assertThat(r.path("balance").asText()).as("node " + i).isEqualTo("4321");
      JsonNode s = get(i, "/api/v1/accounts/" + miners.get(0));
      assertThat(s.path("nonce").asLong()).as("node " + i).isEqualTo(1);
    }
    // the proof verifies against the state root inside the sealed header the node returns
    JsonNode proof = get(3, "/api/v1/accounts/" + recipient + "/proof");
    var sealed = Codec.decodeSealedHeader(Base64.getDecoder().decode(proof.path("sealedHeader").asText()));
    List<Hash> siblings = new ArrayList<>();
    proof.path("siblings").forEach(s -> siblings.add(Hash.fromHex(s.asText())));
    JsonNode t = proof.path("terminal");
    StateProof p = new StateProof(Address.fromHex(recipient), siblings, "leaf".equals(t.path("type").asText())
        ? StateProof.Terminal.leaf(Address.fromHex(t.path("address").asText()),
            new Account(Long.parseLong(t.path("balance").asText()), t.path("nonce").asLong()))
        : StateProof.Terminal.empty());
    assertThat(StateProofVerifier.verify(p, sealed.header().stateRoot()).isValid()).isTrue();
    assertThat(p.account()).isEqualTo(new Account(4321, 0));
  }

  @Test
  @Order(2)
  void aValidatorKilledWithSigkillDoesNotStopTheOthersAndCatchesUpOnRestart() throws Exception {
    Process victim = devnet.process(1);
    victim.destroyForcibly();
    assertThat(victim.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    long before = devnet.headNumber(3);
    Await.until("blocks without miner2", Duration.ofSeconds(90), () -> devnet.headNumber(3) >= before + 4);
    devnet.restart(1);
    Await.until("miner2 caught up", Duration.ofSeconds(120), () -> devnet.headNumber(1) >= devnet.headNumber(3) - 1 && devnet.headNumber(1) > before + 3);
  }
}
