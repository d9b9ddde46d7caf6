package io.ccoin.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Address;
import io.ccoin.api.Genesis;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TestKeys;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Keystore;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.node.http.ApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the HTTP examples against a single-validator node with its API on 127.0.0.1. */
class HttpExamplesSmokeTest {
  @TempDir
  Path dir;

  @Test
  @Timeout(90)
  void walletSubmitsAndTheProofOfTheRecipientVerifies() throws Exception {
    AccountKey miner = TestKeys.vector(0);
    AccountKey alice = TestKeys.vector(1);
    Address bob = TestKeys.vector(2).address();
    Genesis genesis = GenesisParser.parse("""
        {"network_id": 6, "miners": ["%s"],
         "block_mining": {"interval": 0.2, "max_bound": 100, "min_bound": 1, "reward": 10, "difficulty": 1,
                          "allow_empty": true, "placeholder_data": ["rnd", 4]},
         "genesis_block": {"difficulty": 1},
         "alloc": {"%s": {"balance": 100000}}}
        """.formatted(miner.address(), alice.address()));
    Path keystore = Keystore.write(dir.resolve("keystore"), alice, "pw".toCharArray());
    Path pass = dir.resolve("pass");
    Files.writeString(pass, "pw\n");
    try (CcoinNode node = Ccoin.builder().genesis(genesis).validator(miner).build().start();
        ApiServer api = ApiServer.builder(node).build().start("127.0.0.1", 0)) {
      String url = "http://127.0.0.1:" + api.port();
      String out = ExamplesSmokeTest.capture(() -> HttpClientWallet.main(new String[] {url, keystore.toString(), pass.toString(), bob.toHex(), "777"}));
      assertThat(out).contains("submitted ", "mined in block #");

      String verified = ExamplesSmokeTest.capture(() -> VerifyStateProof.main(new String[] {url, bob.toHex()}));
      assertThat(verified).contains("has balance 777, nonce 0");

      // a node that lies about the balance is caught
      OkHttpClient http = new OkHttpClient();
      ObjectNode proof = (ObjectNode) VerifyStateProof.fetchProof(http, url, bob);
      ((ObjectNode) proof.get("terminal")).put("balance", "778");
      assertThatThrownBy(() -> VerifyStateProof.verify(proof, bob)).hasMessageContaining("does not verify");

      // an error answer is said as such, not taken for a proof
      assertThatThrownBy(() -> VerifyStateProof.fetchProof(http, url + "/nowhere", bob))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("/nowhere/api/v1/accounts/" + bob + "/proof").hasMessageContaining("not_found");
      http.connectionPool().evictAll();
    }
  }
}
