package io.ccoin.examples;

import io.ccoin.api.Account;
import io.ccoin.api.Genesis;
import io.ccoin.api.Transaction;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.TransactionInfo;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A one-miner chain in-process with the in-memory store: create two accounts, transfer between
 * them, print the block that carried the transfer and both balances, and listen for new heads.
 */
public final class SingleNodeChain {
  private SingleNodeChain() {}

  public static void main(String[] args) throws InterruptedException {
    SecureRandom random = new SecureRandom();
    AccountKey miner = AccountKey.generate(random);
    AccountKey alice = AccountKey.generate(random);
    AccountKey bob = AccountKey.generate(random);

    // A genesis with one miner, a block every 0.5 s when idle, and coins for alice.
    Genesis genesis = GenesisParser.parse("""
        {"network_id": 1, "miners": ["%s"],
         "block_mining": {"interval": 0.5, "max_bound": 100, "min_bound": 1, "reward": 100, "difficulty": 2,
                          "allow_empty": true, "placeholder_data": ["rnd", 8]},
         "genesis_block": {"difficulty": 2},
         "alloc": {"%s": {"balance": 1000000}}}
        """.formatted(miner.address(), alice.address()));

    try (CcoinNode node = Ccoin.builder().genesis(genesis).validator(miner).build()) {
      node.onNewHead(e -> System.out.println("new head #" + e.head().number() + " " + e.hash()));
      node.start();

      Transaction transfer = TransactionBuilder.forNetwork(1, node.genesis().hash())
          .nonce(node.pendingNonce(alice.address()))
          .to(bob.address())
          .value(2_500)
          .fee(10)
          .sign(alice);
      System.out.println("submitted: " + node.submit(transfer));

      TransactionInfo mined = waitUntilMined(node, transfer, Duration.ofSeconds(30));
      long number = mined.location().orElseThrow().blockNumber();
      System.out.println("mined in block #" + number + ": " + node.block(number).orElseThrow().block().header());
      Account a = node.account(alice.address());
      Account b = node.account(bob.address());
      System.out.println("alice " + alice.address() + ": balance " + a.balance() + ", nonce " + a.nonce());
      System.out.println("bob   " + bob.address() + ": balance " + b.balance() + ", nonce " + b.nonce());
    }
  }

  static TransactionInfo waitUntilMined(CcoinNode node, Transaction tx, Duration timeout) throws InterruptedException {
    var hash = io.ccoin.core.Hashes.txHash(tx);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var info = node.transaction(hash);
      if (info.isPresent() && info.get().status() == TransactionInfo.Status.CONFIRMED) {
        return info.get();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("not mined within " + timeout);
  }
}
