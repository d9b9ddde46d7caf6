package io.ccoin.node.http;

import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchDumpTest {
  @Test
  void dump() {
    try (ApiFixture fx = new ApiFixture()) {
      Transaction tx = fx.transfer(fx.alice, 0, fx.bob, 1000, 5);
      System.out.println("SUBMIT " + fx.submit(tx));
      System.out.println("SUBMIT again " + fx.submit(tx));
      Transaction tx2 = fx.transfer(fx.alice, 1, fx.bob, 7, 5);
      fx.extend(List.of(tx));
      fx.extend(List.of());
      System.out.println("SUBMIT2 " + fx.submit(tx2));
      System.out.println("SUBMIT confirmed " + fx.submit(tx));
      for (String p : List.of("/api/v1/status", "/api/v1/blocks/count", "/api/v1/blocks/head", "/api/v1/blocks/1", "/api/v1/blocks/0",
          "/api/v1/blocks?limit=2", "/api/v1/transactions/" + Hashes.txHash(tx).toHex(), "/api/v1/transactions/" + Hashes.txHash(tx2).toHex(),
          "/api/v1/accounts/" + fx.alice.address().toHex(), "/api/v1/accounts/" + fx.alice.address().toHex() + "/proof",
          "/api/v1/txpool", "/api/v1/peers", "/api/v1/miners", "/api/v1/health/live", "/api/v1/health/ready", "/api/v1/nope",
          "/api/v1/blocks/xyz", "/api/v1/transactions/00")) {
        ApiFixture.Reply r = fx.get(p);
        System.out.println("GET " + p + " -> " + r.status() + " " + r.headers().get("Content-Type") + "\n" + r.text());
      }
      System.out.println("WALLET " + fx.wallet("{\"to\": \"" + fx.bob.address().toHex() + "\", \"value\": \"3\"}", ApiFixture.TOKEN));
      System.out.println("WALLET noauth " + fx.wallet("{}", null));
      System.out.println("DELETE " + fx.call(new okhttp3.Request.Builder().url(fx.base + "/api/v1/status").delete().build()));
      System.out.println("MINERS " + fx.f.genesis.genesis());
    }
  }
}
